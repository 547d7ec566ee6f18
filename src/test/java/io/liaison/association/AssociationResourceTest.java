package io.liaison.association;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AssociationResourceTest {

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant("Associations");
    }

    private Map<String, Object> label(String key, String first, String second) {
        Map<String, Object> body = new HashMap<>();
        body.put("locationId", tenant.locationId());
        body.put("key", key);
        body.put("firstObjectKey", "contact");
        body.put("firstObjectLabel", first);
        body.put("secondObjectKey", "contact");
        if (second != null) {
            body.put("secondObjectLabel", second);
        }
        return body;
    }

    @Test
    void createsAPairLabelInHighLevelsShape() {
        tenant.request().body(label("manager_employee", "Manager", "Employee")).post("/associations/").then().statusCode(201)
                .body("id", org.hamcrest.Matchers.notNullValue())
                .body("key", equalTo("manager_employee"))
                .body("locationId", equalTo(tenant.locationId()))
                .body("firstObjectKey", equalTo("contact")).body("firstObjectLabel", equalTo("Manager"))
                .body("secondObjectKey", equalTo("contact")).body("secondObjectLabel", equalTo("Employee"))
                .body("associationType", equalTo("USER_DEFINED"))
                .body("labelType", equalTo("PAIR"))
                .body("cardinality", equalTo("MANY_TO_MANY"))
                .body("relationshipType", equalTo("MANAGER_EMPLOYEE"))
                .body("createdAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aSingleLabelIsOneLabelForBothSides() {
        tenant.request().body(label("colleague", "Colleague", null)).post("/associations/").then().statusCode(201)
                .body("labelType", equalTo("SINGLE")).body("secondObjectLabel", equalTo("Colleague"));
        tenant.request().body(label("partner", "Partner", "partner")).post("/associations/").then().statusCode(201)
                .body("labelType", equalTo("SINGLE")).body("secondObjectLabel", equalTo("Partner"));
    }

    @Test
    void aSymmetricLabelOnlyTakesCardinalitiesWithoutSides() {
        Map<String, Object> body = label("spouse", "Spouse", null);
        body.put("cardinality", "MANY_TO_ONE");
        tenant.request().body(body).post("/associations/").then().statusCode(422).body("message", hasItem(startsWith("cardinality")));
        body.put("cardinality", "ONE_TO_ONE");
        tenant.request().body(body).post("/associations/").then().statusCode(201).body("cardinality", equalTo("ONE_TO_ONE"));
        body.put("key", "x");
        body.put("cardinality", "SOMETIMES");
        tenant.request().body(body).post("/associations/").then().statusCode(422).body("message", hasItem(startsWith("cardinality")));
    }

    @Test
    void badKeysAreRefusedAndWriteNothing() {
        for (String key : new String[] { "has space", "x`) DETACH DELETE n //", "Upper", "", "a".repeat(65), "é", "has_key", "next" }) {
            tenant.request().body(label(key, "A", "B")).post("/associations/").then().statusCode(422)
                    .body("code", equalTo("VALIDATION_FAILED")).body("message", hasItem(startsWith("key")));
        }
        Map<String, Object> missing = label("k", "A", "B");
        missing.remove("key");
        tenant.request().body(missing).post("/associations/").then().statusCode(422).body("message", hasItem(startsWith("key")));
        tenant.request().get("/associations/").then().body("total", equalTo(0));
    }

    @Test
    void labelsAndObjectKeysAreRequiredAndBounded() {
        tenant.request().body(label("k", "", "B")).post("/associations/").then().statusCode(422)
                .body("message", hasItem(startsWith("firstObjectLabel")));
        tenant.request().body(label("k", "A", "B".repeat(65))).post("/associations/").then().statusCode(422)
                .body("message", hasItem(startsWith("secondObjectLabel")));
        Map<String, Object> unknownObject = label("k", "A", "B");
        unknownObject.put("secondObjectKey", "custom_objects.unicorns");
        tenant.request().body(unknownObject).post("/associations/").then().statusCode(422)
                .body("message", hasItem(startsWith("secondObjectKey")));
    }

    @Test
    void keysAreUniquePerLocation() {
        tenant.createAssociation("buyer_seller", "contact", "Buyer", "contact", "Seller", null);
        tenant.request().body(label("buyer_seller", "B", "S")).post("/associations/").then().statusCode(409)
                .body("code", equalTo("DUPLICATE_ASSOCIATION_KEY"));
        Api.newTenant("Other").createAssociation("buyer_seller", "contact", "Buyer", "contact", "Seller", null);
    }

    @Test
    void theEleventhLabelForOneObjectPairIsRefused() {
        for (int i = 0; i < 10; i++) {
            tenant.createAssociation("label_" + i, "contact", "A" + i, "contact", "B" + i, null);
        }
        tenant.request().body(label("label_10", "A", "B")).post("/associations/").then().statusCode(409)
                .body("code", equalTo("LIMIT_EXCEEDED"))
                .body("details.limit", equalTo("labelsPerObjectPair"))
                .body("details.maximum", equalTo(10))
                .body("details.current", equalTo(10));
        tenant.request().get("/associations/").then().body("total", equalTo(10));
    }

    @Test
    void readsByIdKeyObjectAndPage() {
        String a = tenant.createAssociation("a_b", "contact", "A", "contact", "B", null);
        tenant.createAssociation("c_d", "contact", "C", "contact", "D", null);
        tenant.createAssociation("e", "contact", "E", "contact", null, null);
        tenant.request().get("/associations/" + a).then().statusCode(200).body("key", equalTo("a_b"));
        tenant.request().queryParam("locationId", tenant.locationId()).get("/associations/key/a_b").then().statusCode(200)
                .body("id", equalTo(a));
        tenant.request().get("/associations/objectKey/contact").then().statusCode(200)
                .body("associations", hasSize(3)).body("total", equalTo(3));
        tenant.request().queryParam("skip", 1).queryParam("limit", 1).get("/associations/").then().statusCode(200)
                .body("associations", hasSize(1)).body("associations[0].key", equalTo("c_d")).body("total", equalTo(3));
        tenant.request().queryParam("limit", 101).get("/associations/").then().statusCode(422).body("message", hasItem(startsWith("limit")));
        tenant.request().queryParam("skip", -1).get("/associations/").then().statusCode(422).body("message", hasItem(startsWith("skip")));
    }

    @Test
    void unknownAndForeignLabelsAreNotFound() {
        tenant.request().get("/associations/unknownId12345").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        tenant.request().get("/associations/key/nope").then().statusCode(404);
        tenant.request().get("/associations/key/Bad Key").then().statusCode(404);
        tenant.request().get("/associations/objectKey/custom_objects.nope").then().statusCode(404);
        Tenant other = Api.newTenant("Other");
        String theirs = other.createAssociation("theirs", "contact", "T", "contact", null, null);
        tenant.request().get("/associations/" + theirs).then().statusCode(404);
        tenant.request().get("/associations/key/theirs").then().statusCode(404);
        tenant.request().body(Map.of("firstObjectLabel", "X")).put("/associations/" + theirs).then().statusCode(404);
        tenant.request().delete("/associations/" + theirs).then().statusCode(404);
        tenant.request().queryParam("force", true).delete("/associations/" + theirs).then().statusCode(404);
        other.request().get("/associations/" + theirs).then().statusCode(200).body("firstObjectLabel", equalTo("T"));
    }

    @Test
    void anotherLocationIdIsForbiddenAndAKeyIsRequired() {
        Tenant other = Api.newTenant("Other");
        tenant.request().body(Map.of("locationId", other.locationId(), "key", "k", "firstObjectKey", "contact",
                "firstObjectLabel", "A", "secondObjectKey", "contact")).post("/associations/").then().statusCode(403);
        tenant.request().queryParam("locationId", other.locationId()).get("/associations/").then().statusCode(403);
        tenant.request().queryParam("locationId", other.locationId()).get("/associations/key/k").then().statusCode(403);
        tenant.request().queryParam("locationId", other.locationId()).get("/associations/objectKey/contact").then().statusCode(403);
        given().get("/associations/").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").post("/associations/").then().statusCode(401);
        given().get("/associations/abc").then().statusCode(401);
        given().get("/associations/key/abc").then().statusCode(401);
        given().get("/associations/objectKey/contact").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").put("/associations/abc").then().statusCode(401);
        given().delete("/associations/abc").then().statusCode(401);
    }

    @Test
    void aRenamedLabelIsSeenFromBothProfiles() {
        String jane = tenant.createContact("Jane", "Boss");
        String bob = tenant.createContact("Bob", "Worker");
        String label = tenant.createAssociation("manager_employee", "contact", "Manager", "contact", "Employee", null);
        tenant.linked(label, jane, bob);
        tenant.request().body(Map.of("firstObjectLabel", "Team lead", "secondObjectLabel", "Report")).put("/associations/" + label)
                .then().statusCode(200).body("firstObjectLabel", equalTo("Team lead")).body("key", equalTo("manager_employee"));
        tenant.request().get("/associations/relations/" + bob).then().body("relations[0].relatedLabel", equalTo("Team lead"))
                .body("relations[0].recordLabel", equalTo("Report"));
        tenant.request().get("/associations/relations/" + jane).then().body("relations[0].relatedLabel", equalTo("Report"));
    }

    @Test
    void updateKeepsTheLabelType() {
        String single = tenant.createAssociation("colleague", "contact", "Colleague", "contact", null, null);
        tenant.request().body(Map.of("firstObjectLabel", "Coworker", "secondObjectLabel", "Boss")).put("/associations/" + single)
                .then().statusCode(422).body("message", hasItem(startsWith("secondObjectLabel")));
        tenant.request().body(Map.of("firstObjectLabel", "Coworker")).put("/associations/" + single).then().statusCode(200)
                .body("secondObjectLabel", equalTo("Coworker")).body("labelType", equalTo("SINGLE"));
        String pair = tenant.createAssociation("buyer_seller", "contact", "Buyer", "contact", "Seller", null);
        tenant.request().body(Map.of("firstObjectLabel", "Same", "secondObjectLabel", "same")).put("/associations/" + pair)
                .then().statusCode(422);
        tenant.request().body(Map.of("secondObjectLabel", "x")).put("/associations/" + pair).then().statusCode(422)
                .body("message", hasItem(startsWith("firstObjectLabel")));
    }

    @Test
    void aTighterCardinalityThatLinksBreakIsRefusedWithTheCount() {
        String boss = tenant.createContact("Big", "Boss");
        String a = tenant.createContact("A", "Report");
        String b = tenant.createContact("B", "Report");
        String c = tenant.createContact("C", "Report");
        // first = employee, second = manager: MANY_TO_ONE would mean one manager per employee.
        String label = tenant.createAssociation("reports_to", "contact", "Employee", "contact", "Manager", null);
        tenant.linked(label, a, boss);
        tenant.linked(label, b, boss);
        tenant.linked(label, c, boss);
        tenant.request().body(Map.of("firstObjectLabel", "Employee", "secondObjectLabel", "Manager", "cardinality", "MANY_TO_ONE"))
                .put("/associations/" + label).then().statusCode(200).body("cardinality", equalTo("MANY_TO_ONE"));
        tenant.request().body(Map.of("firstObjectLabel", "Employee", "secondObjectLabel", "Manager", "cardinality", "ONE_TO_ONE"))
                .put("/associations/" + label).then().statusCode(409)
                .body("code", equalTo("LIMIT_EXCEEDED"))
                .body("details.breakingLinks", equalTo(2))
                .body("message", containsString("2 existing links"));
        tenant.request().get("/associations/" + label).then().body("cardinality", equalTo("MANY_TO_ONE"));
    }

    /**
     * Without any race: a tightening is refused when the links break it on the first side, and when
     * they break it on the second side, each on its own, and the side the links do not break may
     * still be tightened. HighLevel's per-direction field means the same rule.
     */
    @Test
    void aTighterCardinalityIsRefusedOnWhicheverSideTheLinksBreakIt() {
        String x = tenant.createContact("X", "Many");
        String y1 = tenant.createContact("Y1", "One");
        String y2 = tenant.createContact("Y2", "One");
        // x is the first record of two links: a first-side excess only.
        String firstSide = tenant.createAssociation("first_side", "contact", "Lead", "contact", "Led", null);
        tenant.linked(firstSide, x, y1);
        tenant.linked(firstSide, x, y2);
        // x is the second record of two links: a second-side excess only.
        String secondSide = tenant.createAssociation("second_side", "contact", "Led", "contact", "Lead", null);
        tenant.linked(secondSide, y1, x);
        tenant.linked(secondSide, y2, x);

        tighten(firstSide, "Lead", "Led", Map.of("cardinality", "MANY_TO_ONE")).then().statusCode(409)
                .body("code", equalTo("LIMIT_EXCEEDED")).body("details.breakingLinks", equalTo(1))
                .body("details.recordsOverLimit", equalTo(1));
        tighten(firstSide, "Lead", "Led", Map.of("secondObjectToFirstObjectCardinality", "ONE_TO_MANY")).then().statusCode(409)
                .body("details.cardinality", equalTo("MANY_TO_ONE"));
        tighten(secondSide, "Led", "Lead", Map.of("cardinality", "ONE_TO_MANY")).then().statusCode(409)
                .body("code", equalTo("LIMIT_EXCEEDED")).body("details.breakingLinks", equalTo(1))
                .body("details.recordsOverLimit", equalTo(1));
        tighten(secondSide, "Led", "Lead", Map.of("firstObjectToSecondObjectCardinality", "ONE_TO_MANY")).then().statusCode(409);
        tighten(firstSide, "Lead", "Led", Map.of("cardinality", "ONE_TO_ONE")).then().statusCode(409);
        tighten(secondSide, "Led", "Lead", Map.of("cardinality", "ONE_TO_ONE")).then().statusCode(409);
        tenant.request().get("/associations/" + firstSide).then().body("cardinality", equalTo("MANY_TO_MANY"));
        tenant.request().get("/associations/" + secondSide).then().body("cardinality", equalTo("MANY_TO_MANY"));

        tighten(firstSide, "Lead", "Led", Map.of("cardinality", "ONE_TO_MANY")).then().statusCode(200)
                .body("cardinality", equalTo("ONE_TO_MANY"));
        tighten(secondSide, "Led", "Lead", Map.of("cardinality", "MANY_TO_ONE")).then().statusCode(200)
                .body("cardinality", equalTo("MANY_TO_ONE"));
    }

    private io.restassured.response.Response tighten(String label, String firstLabel, String secondLabel, Map<String, Object> cardinality) {
        var body = new java.util.HashMap<String, Object>(cardinality);
        body.put("firstObjectLabel", firstLabel);
        body.put("secondObjectLabel", secondLabel);
        return tenant.request().body(body).put("/associations/" + label);
    }

    @Test
    void aLabelInUseIsKeptUnlessForced() {
        String ann = tenant.createContact("Ann", "A");
        String ben = tenant.createContact("Ben", "B");
        String cat = tenant.createContact("Cat", "C");
        String label = tenant.createAssociation("friend", "contact", "Friend", "contact", null, null);
        String keep = tenant.createAssociation("neighbour", "contact", "Neighbour", "contact", null, null);
        tenant.linked(label, ann, ben);
        tenant.linked(label, ben, cat);
        tenant.linked(keep, ann, cat);
        tenant.request().delete("/associations/" + label).then().statusCode(409)
                .body("code", equalTo("ASSOCIATION_IN_USE")).body("details.links", equalTo(2));
        tenant.request().get("/associations/relations/" + ben).then().body("total", equalTo(2));
        tenant.request().queryParam("force", true).delete("/associations/" + label).then().statusCode(200)
                .body("deleted", equalTo(true)).body("id", equalTo(label)).body("deletedLinks", equalTo(2));
        tenant.request().get("/associations/" + label).then().statusCode(404);
        tenant.request().get("/associations/relations/" + ben).then().body("total", equalTo(0));
        // The other label's link is untouched.
        tenant.request().get("/associations/relations/" + ann).then().body("total", equalTo(1))
                .body("relations[0].associationId", equalTo(keep));
        String unused = tenant.createAssociation("unused", "contact", "U", "contact", null, null);
        tenant.request().delete("/associations/" + unused).then().statusCode(200)
                .body("message", equalTo("Association deleted successfully"));
    }

    @Test
    void jsonMeansExactlyWhatItSays() {
        Map<String, Object> numbered = label("numbered", "A", "B");
        numbered.put("cardinality", 1);
        tenant.request().body(numbered).post("/associations/").then().statusCode(422).body("message", hasItem(startsWith("cardinality")));
        tenant.request().body("{\"locationId\":\"" + tenant.locationId() + "\",\"key\":\"k\",\"firstObjectKey\":\"contact\","
                + "\"firstObjectLabel\":\"A\",\"secondObjectKey\":\"contact\"} trailing").post("/associations/").then().statusCode(400)
                .body("code", equalTo("MALFORMED_JSON"));
        tenant.request().get("/associations/").then().body("total", equalTo(0));
    }
}
