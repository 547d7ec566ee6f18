package io.liaison.business;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HighLevel's businesses: kept as records of object 'business', so contacts link to their company by association. */
@QuarkusTest
class BusinessResourceTest {

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant("Businesses");
    }

    private String createBusiness(String name) {
        return tenant.request().body(Map.of("locationId", tenant.locationId(), "name", name)).post("/businesses/").then()
                .statusCode(201).extract().path("business.id");
    }

    @Test
    void createsReadsUpdatesListsAndDeletesABusiness() {
        Map<String, Object> body = new HashMap<>(Map.of("locationId", tenant.locationId(), "name", "Northshore Surf Co.",
                "phone", "+1 808 555 0100", "email", "hello@northshore.io", "website", "northshore.io", "address", "1 Beach Rd",
                "city", "Haleiwa", "postalCode", "96712", "state", "HI", "country", "US"));
        body.put("description", "Boards and lessons");
        String id = tenant.request().body(body).post("/businesses/").then().statusCode(201)
                .body("success", equalTo(true)).body("business.name", equalTo("Northshore Surf Co."))
                .body("business.locationId", equalTo(tenant.locationId())).body("business.city", equalTo("Haleiwa"))
                .body("business.phone", equalTo("+18085550100"))
                .extract().path("business.id");
        tenant.request().get("/businesses/" + id).then().statusCode(200).body("business.email", equalTo("hello@northshore.io"))
                .body("business.description", equalTo("Boards and lessons"));
        tenant.request().body(Map.of("city", "Honolulu", "website", "")).put("/businesses/" + id).then().statusCode(200)
                .body("success", equalTo(true)).body("business.city", equalTo("Honolulu")).body("business.website", nullValue())
                .body("business.name", equalTo("Northshore Surf Co."));
        createBusiness("Acme");
        tenant.request().queryParam("locationId", tenant.locationId()).get("/businesses/").then().statusCode(200)
                .body("businesses.name", contains("Acme", "Northshore Surf Co."));
        tenant.request().queryParam("limit", 1).queryParam("skip", 1).get("/businesses/").then()
                .body("businesses.name", contains("Northshore Surf Co."));
        tenant.request().delete("/businesses/" + id).then().statusCode(200).body("success", equalTo(true));
        tenant.request().get("/businesses/" + id).then().statusCode(404);
        tenant.request().delete("/businesses/" + id).then().statusCode(404);
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingIsWritten() {
        tenant.request().body(Map.of("locationId", tenant.locationId())).post("/businesses/").then().statusCode(422)
                .body("param", equalTo("name"));
        tenant.request().body(Map.of("name", "No location")).post("/businesses/").then().statusCode(422).body("param", equalTo("locationId"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "name", "A", "employees", 10)).post("/businesses/").then()
                .statusCode(422).body("code", equalTo("UNKNOWN_FIELD")).body("param", equalTo("employees"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "name", "A", "email", "nope")).post("/businesses/").then()
                .statusCode(422).body("message", hasItem(startsWith("email")));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "name", "x".repeat(256))).post("/businesses/").then()
                .statusCode(422);
        tenant.request().body(Map.of("locationId", tenant.locationId(), "name", "A", "phone", "+1 555 0100")).post("/businesses/").then()
                .statusCode(422).body("code", equalTo("VALIDATION_FAILED")).body("param", equalTo("phone"))
                .body("message", hasItem(startsWith("phone must be a valid phone number: '+1 555 0100'")));
        tenant.request().queryParam("limit", 101).get("/businesses/").then().statusCode(422).body("param", equalTo("limit"));
        tenant.request().get("/businesses/").then().body("businesses", org.hamcrest.Matchers.empty());
        String id = createBusiness("Kept");
        tenant.request().body(Map.of("name", "")).put("/businesses/" + id).then().statusCode(422).body("param", equalTo("name"));
        tenant.request().body(Map.of("name", "Renamed", "phone", "call me")).put("/businesses/" + id).then().statusCode(422)
                .body("param", equalTo("phone"));
        tenant.request().get("/businesses/" + id).then().body("business.name", equalTo("Kept"));
    }

    @Test
    void anotherLocationsBusinessIsLikeAMissingOne() {
        String id = createBusiness("Private");
        Tenant other = Api.newTenant("Other");
        other.request().get("/businesses/" + id).then().statusCode(404);
        other.request().body(Map.of("city", "X")).put("/businesses/" + id).then().statusCode(404);
        other.request().delete("/businesses/" + id).then().statusCode(404);
        other.request().get("/businesses/").then().body("businesses", org.hamcrest.Matchers.empty());
        tenant.request().get("/businesses/" + id).then().statusCode(200).body("business.city", nullValue());
    }

    @Test
    void contactsLinkToTheirCompanyThroughAnAssociation() {
        String acme = createBusiness("Acme");
        String ann = tenant.createContact("Ann", "Lee");
        String bob = tenant.createContact("Bob", "Ray");
        // Each contact works for one company; a company employs many.
        String worksAt = tenant.createAssociation("employee_employer", "contact", "Employee", "business", "Employer", "MANY_TO_ONE");
        tenant.linked(worksAt, ann, acme);
        tenant.linked(worksAt, bob, acme);
        tenant.link(worksAt, ann, createBusiness("Other Co")).then().statusCode(409);
        tenant.request().get("/associations/relations/" + ann).then().statusCode(200)
                .body("relations[0].relatedRecordName", equalTo("Acme")).body("relations[0].relatedObjectKey", equalTo("business"))
                .body("relations[0].relatedLabel", equalTo("Employer"));
        tenant.request().get("/associations/relations/" + acme).then().statusCode(200).body("total", equalTo(2));
        tenant.link(worksAt, acme, ann).then().statusCode(422).body("code", equalTo("WRONG_OBJECT"));
        tenant.request().queryParam("fetchProperties", true).get("/objects/business").then().statusCode(200)
                .body("object.standard", equalTo(true)).body("fields.key", hasItem("name"));
        tenant.request().delete("/businesses/" + acme).then().statusCode(200);
        tenant.request().get("/associations/relations/" + ann).then().body("total", equalTo(0));
    }
}
