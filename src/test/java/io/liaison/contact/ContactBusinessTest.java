package io.liaison.contact;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HighLevel's contact-business link (businessId, POST /contacts/bulk/business, GET /contacts/business/{id})
 * is a relation under the label contact_business, so the contact's businessId and the associations API
 * always say the same thing, whichever side wrote it.
 */
@QuarkusTest
class ContactBusinessTest {

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant("Contact businesses");
    }

    private String business(String name) {
        return tenant.request().body(Map.of("locationId", tenant.locationId(), "name", name)).post("/businesses/").then()
                .statusCode(201).extract().path("business.id");
    }

    private String contactOf(String businessId) {
        return tenant.request().body(Map.of("locationId", tenant.locationId(), "firstName", "Jane", "businessId", businessId))
                .post("/contacts/").then().statusCode(201).body("contact.businessId", equalTo(businessId)).extract().path("contact.id");
    }

    private io.restassured.response.ValidatableResponse relationsOf(String recordId) {
        return tenant.request().get("/associations/relations/" + recordId).then().statusCode(200);
    }

    @Test
    void aBusinessIdWrittenOnAContactIsALinkUnderTheContactBusinessLabel() {
        String acme = business("Acme");
        String jane = contactOf(acme);
        String label = tenant.request().get("/associations/key/contact_business").then().statusCode(200)
                .body("firstObjectKey", equalTo("contact")).body("secondObjectKey", equalTo("business"))
                .body("cardinality", equalTo("MANY_TO_ONE")).extract().path("id");
        relationsOf(jane).body("total", equalTo(1)).body("relations[0].associationId", equalTo(label))
                .body("relations[0].secondRecordId", equalTo(acme));
        tenant.request().get("/contacts/" + jane).then().body("contact.businessId", equalTo(acme));
        tenant.request().queryParam("locationId", tenant.locationId()).get("/contacts/business/" + acme).then().statusCode(200)
                .body("contacts.id", contains(jane)).body("contacts[0].businessId", equalTo(acme)).body("count", equalTo(1))
                .body("total", equalTo(1));
        tenant.request().get("/contacts/").then().body("contacts[0].businessId", equalTo(acme));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "email", "jane@acme.test")).put("/contacts/" + jane).then()
                .body("contact.businessId", equalTo(acme));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "contacts", List.of(Map.of("email", "jane@acme.test",
                "lastName", "Doe")))).post("/contacts/bulk").then().statusCode(200).body("results[0].status", equalTo("updated"))
                .body("results[0].contact.businessId", equalTo(acme));
        tenant.request().body(Map.of("locationId", tenant.locationId())).post("/contacts/search").then()
                .body("contacts[0].businessId", equalTo(acme));

        // Another business replaces it; an empty one removes it.
        String globex = business("Globex");
        tenant.request().body(Map.of("businessId", globex)).put("/contacts/" + jane).then().statusCode(200)
                .body("contact.businessId", equalTo(globex));
        relationsOf(jane).body("total", equalTo(1)).body("relations[0].secondRecordId", equalTo(globex));
        tenant.request().get("/contacts/business/" + acme).then().body("contacts", empty()).body("total", equalTo(0));
        tenant.request().body(Map.of("firstName", "Janet")).put("/contacts/" + jane).then().body("contact.businessId", equalTo(globex));
        tenant.request().body(Map.of("businessId", "")).put("/contacts/" + jane).then().statusCode(200)
                .body("contact.businessId", nullValue());
        relationsOf(jane).body("total", equalTo(0));
    }

    @Test
    void aLinkMadeOrRemovedThroughTheAssociationsApiIsTheContactsBusinessId() {
        String acme = business("Acme");
        String bob = tenant.createContact("Bob", "B");
        String jane = contactOf(acme);
        String label = tenant.request().get("/associations/key/contact_business").then().extract().path("id");
        String relation = tenant.linked(label, bob, acme);
        tenant.request().get("/contacts/" + bob).then().body("contact.businessId", equalTo(acme));
        tenant.request().get("/contacts/business/" + acme).then().body("contacts.id", contains(bob, jane));
        // The label is MANY_TO_ONE: a second business for Bob is refused there, as businessId replaces it here.
        String globex = business("Globex");
        tenant.link(label, bob, globex).then().statusCode(409);
        tenant.request().delete("/associations/relations/" + relation).then().statusCode(200);
        tenant.request().get("/contacts/" + bob).then().body("contact.businessId", nullValue());
        tenant.request().delete("/businesses/" + acme).then().statusCode(200);
        tenant.request().get("/contacts/" + jane).then().body("contact.businessId", nullValue());
    }

    @Test
    void bulkLinksEachContactAloneAndNullUnlinks() {
        String acme = business("Acme");
        String ann = tenant.createContact("Ann", "A");
        String bob = tenant.createContact("Bob", "B");
        String foreign = Api.newTenant("Elsewhere").createContact("Other", "O");
        tenant.request().body(Map.of("locationId", tenant.locationId(), "ids", List.of(ann, foreign, bob), "businessId", acme))
                .post("/contacts/bulk/business").then().statusCode(200).body("success", equalTo(false))
                .body("ids", contains(ann, bob)).body("errors[0].id", equalTo(foreign)).body("errors[0].code", equalTo("NOT_FOUND"));
        tenant.request().get("/contacts/business/" + acme).then().body("total", equalTo(2));
        Map<String, Object> unlink = new HashMap<>();
        unlink.put("locationId", tenant.locationId());
        unlink.put("ids", List.of(ann));
        unlink.put("businessId", null);
        tenant.request().body(unlink).post("/contacts/bulk/business").then().statusCode(200).body("success", equalTo(true))
                .body("ids", contains(ann)).body("errors", empty());
        tenant.request().get("/contacts/" + ann).then().body("contact.businessId", nullValue());
        tenant.request().get("/contacts/business/" + acme).then().body("contacts.id", contains(bob));
    }

    @Test
    void wrongBusinessesAndBadInputAre4xxNamingTheFieldAndWriteNothing() {
        String acme = business("Acme");
        tenant.request().body(Map.of("locationId", tenant.locationId(), "firstName", "Nobody", "businessId", "NoSuchBusiness000001"))
                .post("/contacts/").then().statusCode(422).body("param", equalTo("businessId"));
        tenant.request().get("/contacts/").then().body("total", equalTo(0));
        Tenant other = Api.newTenant("Other businesses");
        String foreignBusiness = other.request().body(Map.of("locationId", other.locationId(), "name", "Theirs")).post("/businesses/")
                .then().statusCode(201).extract().path("business.id");
        String jane = contactOf(acme);
        tenant.request().body(Map.of("businessId", foreignBusiness)).put("/contacts/" + jane).then().statusCode(422)
                .body("param", equalTo("businessId"));
        tenant.request().get("/contacts/" + jane).then().body("contact.businessId", equalTo(acme));
        tenant.request().get("/contacts/business/NoSuchBusiness000001").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        tenant.request().get("/contacts/business/" + foreignBusiness).then().statusCode(404);
        tenant.request().queryParam("limit", 101).get("/contacts/business/" + acme).then().statusCode(422).body("param", equalTo("limit"));
        tenant.request().queryParam("skip", -1).get("/contacts/business/" + acme).then().statusCode(422).body("param", equalTo("skip"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "ids", List.of(), "businessId", acme))
                .post("/contacts/bulk/business").then().statusCode(422).body("param", equalTo("ids"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "ids", List.of(jane), "businessId", foreignBusiness))
                .post("/contacts/bulk/business").then().statusCode(422).body("param", equalTo("businessId"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "ids", List.of(jane), "business", acme))
                .post("/contacts/bulk/business").then().statusCode(422).body("code", equalTo("UNKNOWN_FIELD"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "contacts", List.of(Map.of("firstName", "Bulk", "businessId", acme))))
                .post("/contacts/bulk").then().statusCode(200).body("failed", equalTo(1))
                .body("results[0].error.param", equalTo("businessId"));
        tenant.request().get("/contacts/" + jane).then().body("contact.businessId", equalTo(acme));
    }

    @Test
    void aHandMadeLabelOfThatKeyBetweenOtherObjectsGivesNoBusinessAndRefusesOne() {
        tenant.createAssociation("contact_business", "contact", "Colleague", "contact", null, null);
        String acme = business("Acme");
        String jane = tenant.createContact("Jane", "J");
        tenant.request().get("/contacts/" + jane).then().statusCode(200).body("contact.businessId", nullValue());
        tenant.request().get("/contacts/").then().statusCode(200);
        tenant.request().body(Map.of("businessId", acme, "lastName", "Changed")).put("/contacts/" + jane).then().statusCode(409)
                .body("code", equalTo("BUSINESS_LABEL_MISMATCH")).body("param", equalTo("businessId"));
        tenant.request().get("/contacts/" + jane).then().body("contact.lastName", equalTo("J"));
        tenant.request().get("/contacts/business/" + acme).then().statusCode(200).body("total", equalTo(0));
    }
}
