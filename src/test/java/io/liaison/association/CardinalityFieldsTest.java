package io.liaison.association;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HighLevel's per-direction cardinality fields (firstObjectToSecondObjectCardinality and
 * secondObjectToFirstObjectCardinality, as its association webhooks carry them) name Liaison's one
 * cardinality: accepted on create and update, answered on every label, refused when they contradict.
 */
@QuarkusTest
class CardinalityFieldsTest {

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant("Cardinality fields");
    }

    private Map<String, Object> label(String key, Map<String, Object> cardinality) {
        Map<String, Object> body = new HashMap<>(Map.of("locationId", tenant.locationId(), "key", key, "firstObjectKey", "contact",
                "firstObjectLabel", "Manager", "secondObjectKey", "contact", "secondObjectLabel", "Employee"));
        body.putAll(cardinality);
        return body;
    }

    @Test
    void eitherDirectionNamesTheCardinalityAndBothAreAnswered() {
        String byFirst = tenant.request().body(label("by_first", Map.of("firstObjectToSecondObjectCardinality", "MANY_TO_ONE")))
                .post("/associations/").then().statusCode(201)
                .body("cardinality", equalTo("MANY_TO_ONE"))
                .body("firstObjectToSecondObjectCardinality", equalTo("MANY_TO_ONE"))
                .body("secondObjectToFirstObjectCardinality", equalTo("ONE_TO_MANY"))
                .extract().path("id");
        tenant.request().body(label("by_second", Map.of("secondObjectToFirstObjectCardinality", "MANY_TO_ONE")))
                .post("/associations/").then().statusCode(201).body("cardinality", equalTo("ONE_TO_MANY"));
        tenant.request().body(label("all_three", Map.of("cardinality", "ONE_TO_ONE", "firstObjectToSecondObjectCardinality", "ONE_TO_ONE",
                "secondObjectToFirstObjectCardinality", "ONE_TO_ONE"))).post("/associations/").then().statusCode(201)
                .body("cardinality", equalTo("ONE_TO_ONE"));
        tenant.request().get("/associations/" + byFirst).then().statusCode(200)
                .body("secondObjectToFirstObjectCardinality", equalTo("ONE_TO_MANY"));
        tenant.request().get("/associations/").then().statusCode(200)
                .body("associations.find { it.key == 'by_second' }.firstObjectToSecondObjectCardinality", equalTo("ONE_TO_MANY"));
        // The rule is the one named: under MANY_TO_ONE a manager (first side) links to one employee.
        String ann = tenant.createContact("Ann", "A");
        tenant.linked(byFirst, ann, tenant.createContact("Bob", "B"));
        tenant.link(byFirst, ann, tenant.createContact("Cy", "C")).then().statusCode(409);

        tenant.request().body(Map.of("firstObjectLabel", "Manager", "secondObjectLabel", "Employee",
                        "secondObjectToFirstObjectCardinality", "MANY_TO_MANY"))
                .put("/associations/" + byFirst).then().statusCode(200)
                .body("cardinality", equalTo("MANY_TO_MANY")).body("firstObjectToSecondObjectCardinality", equalTo("MANY_TO_MANY"));
    }

    @Test
    void contradictoryDirectionsAreRefusedNamingTheFieldAndNothingIsWritten() {
        tenant.request().body(label("contradiction", Map.of("firstObjectToSecondObjectCardinality", "MANY_TO_ONE",
                        "secondObjectToFirstObjectCardinality", "MANY_TO_ONE")))
                .post("/associations/").then().statusCode(422).body("param", equalTo("secondObjectToFirstObjectCardinality"))
                .body("message[0]", containsString("ONE_TO_MANY"));
        tenant.request().body(label("contradiction", Map.of("cardinality", "ONE_TO_ONE", "firstObjectToSecondObjectCardinality", "MANY_TO_MANY")))
                .post("/associations/").then().statusCode(422).body("param", equalTo("firstObjectToSecondObjectCardinality"));
        tenant.request().body(label("contradiction", Map.of("firstObjectToSecondObjectCardinality", "SOME"))).post("/associations/")
                .then().statusCode(422).body("param", equalTo("firstObjectToSecondObjectCardinality"));
        tenant.request().get("/associations/key/contradiction").then().statusCode(404);

        String id = tenant.request().body(label("kept", Map.of())).post("/associations/").then().statusCode(201).extract().path("id");
        tenant.request().body(Map.of("firstObjectLabel", "Manager", "secondObjectLabel", "Employee", "cardinality", "ONE_TO_ONE",
                "secondObjectToFirstObjectCardinality", "MANY_TO_ONE")).put("/associations/" + id).then().statusCode(422)
                .body("param", equalTo("secondObjectToFirstObjectCardinality"));
        tenant.request().get("/associations/" + id).then().body("cardinality", equalTo("MANY_TO_MANY"));
    }
}
