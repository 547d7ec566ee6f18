package io.liaison.location;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.liaison.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LocationResourceTest {

    @Test
    void theAgencyCreatesALocationAndReadsItBack() {
        String id = Api.agency().body(Map.of("name", "Mark Shoes", "companyId", "UAXssdawIWAWD"))
                .post("/locations/").then().statusCode(201)
                .body("name", equalTo("Mark Shoes")).body("companyId", equalTo("UAXssdawIWAWD"))
                .extract().path("id");
        Api.agency().get("/locations/" + id).then().statusCode(200)
                .body("location.id", equalTo(id)).body("location.name", equalTo("Mark Shoes"));
    }

    @Test
    void aLocationsPhoneIsStoredInE164AndAnInvalidOneRefused() {
        String id = Api.agency().body(Map.of("name", "Phone Co", "phone", "(888) 888-8888"))
                .post("/locations/").then().statusCode(201).body("phone", equalTo("+18888888888")).extract().path("id");
        Api.agency().get("/locations/" + id).then().statusCode(200).body("location.phone", equalTo("+18888888888"));
        Api.agency().body(Map.of("name", "Bad Phone Co", "phone", "12")).post("/locations/").then().statusCode(422)
                .body("code", equalTo("VALIDATION_FAILED")).body("message", hasItem(startsWith("phone must be a valid phone number")));
    }

    @Test
    void aLocationNeedsAName() {
        Api.agency().body(Map.of("companyId", "x")).post("/locations/").then().statusCode(422)
                .body("statusCode", equalTo(422)).body("code", equalTo("VALIDATION_FAILED"))
                .body("message", hasItem(startsWith("name ")));
        Api.agency().body(Map.of("name", "x".repeat(201))).post("/locations/").then().statusCode(422)
                .body("message", hasItem(startsWith("name ")));
    }

    @Test
    void anUnknownLocationIs404() {
        Api.agency().get("/locations/nope12345").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        Api.agency().post("/locations/nope12345/api-keys").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void locationEndpointsNeedTheAgencyToken() {
        given().contentType(ContentType.JSON).body(Map.of("name", "x")).post("/locations/").then().statusCode(401)
                .body("statusCode", equalTo(401)).body("error", equalTo("Unauthorized")).body("code", equalTo("UNAUTHORIZED"));
        var tenant = Api.newTenant("Keys");
        // A location key is not the agency token.
        tenant.request().body(Map.of("name", "x")).post("/locations/").then().statusCode(401);
        tenant.request().get("/locations/" + tenant.locationId()).then().statusCode(401);
        tenant.request().post("/locations/" + tenant.locationId() + "/api-keys").then().statusCode(401);
        given().header("Authorization", "Bearer wrong").get("/locations/" + tenant.locationId()).then().statusCode(401);
    }

    @Test
    void aNewKeyWorksAndIsShownOnlyOnce() {
        var tenant = Api.newTenant("Shown once");
        String second = Api.agency().post("/locations/" + tenant.locationId() + "/api-keys").then().statusCode(201)
                .body("apiKey", notNullValue()).extract().path("apiKey");
        given().header("Authorization", "Bearer " + second).get("/contacts/").then().statusCode(200);
        given().header("Authorization", "Bearer " + second + "x").get("/contacts/").then().statusCode(401);
    }

    @Test
    void malformedJsonIs400() {
        Api.agency().body("{\"name\": ").post("/locations/").then().statusCode(400)
                .body("code", equalTo("MALFORMED_JSON")).body("statusCode", equalTo(400));
    }
}
