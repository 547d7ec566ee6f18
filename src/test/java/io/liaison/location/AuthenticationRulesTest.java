package io.liaison.location;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.liaison.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The cases of Quarkus Security's wiring that no other test names: a token never bothers a public
 * path (authentication is not proactive), the agency token on an endpoint that takes only location
 * keys, a location key on an agency endpoint, and an unannotated resource taking a location key by
 * default. Messages as the own filter answered them.
 */
@QuarkusTest
class AuthenticationRulesTest {

    @Test
    void publicPathsAnswerWhateverTokenComesWithThem() {
        for (String path : new String[] {"/q/health/ready", "/q/openapi", "/", "/q/metrics"}) {
            given().header("Authorization", "Bearer not-a-key").get(path).then().statusCode(200);
        }
        given().header("Authorization", "Bearer not-a-key").get("/no/such/path").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void eachTokenOnAnEndpointThatDoesNotTakeItIsUnauthorized() {
        var tenant = Api.newTenant("Wrong token kinds");
        Api.agency().get("/contacts/").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"))
                .body("message", equalTo("Invalid token: the API key is not known"));
        tenant.request().get("/locations/").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"))
                .body("message", equalTo("This endpoint needs the agency token"));
        given().header("Authorization", "Bearer lk_unknown").get("/locations/").then().statusCode(401)
                .body("message", equalTo("This endpoint needs the agency token"));
        given().header("Authorization", "Basic YTpi").get("/contacts/").then().statusCode(401)
                .body("message", equalTo("Missing bearer token: send 'Authorization: Bearer <key>'"));
        // Objects take the agency token too (with a locationId); webhooks, which name no roles, only a key.
        Api.agency().queryParam("locationId", tenant.locationId()).get("/objects/").then().statusCode(200);
        Api.agency().get("/webhooks").then().statusCode(401);
        tenant.request().get("/webhooks").then().statusCode(200);
    }
}
