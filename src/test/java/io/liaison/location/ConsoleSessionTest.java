package io.liaison.location;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's sign-in over HTTP: the cookie's flags, CSRF, revocation, the agency's location, sign-out. */
@QuarkusTest
class ConsoleSessionTest {

    private static Response signIn(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("token", token)).post("/console/session");
    }

    @Test
    void signInAnswersAnHttpOnlyStrictCookieAndNeverTheToken() {
        Api.Tenant tenant = Api.newTenant("Cookie Co");
        Response answer = signIn(tenant.apiKey());
        answer.then().statusCode(200).body("kind", equalTo("location")).body("locationId", equalTo(tenant.locationId()))
                .body("locationName", equalTo("Cookie Co")).body("readOnly", equalTo(false));
        String setCookie = answer.getHeader("Set-Cookie");
        assertTrue(setCookie.startsWith("liaison_console="), setCookie);
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/"), setCookie);
        assertFalse(answer.asString().contains(tenant.apiKey()));
        assertFalse(setCookie.contains(tenant.apiKey()));
    }

    @Test
    void badSignInsAreRefusedWithTheirReason() {
        signIn("lk_nobody").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        signIn("x".repeat(513)).then().statusCode(422).body("param", equalTo("token"));
        given().contentType(ContentType.JSON).body("{}").post("/console/session").then().statusCode(422).body("param", equalTo("token"));
        given().get("/console/session").then().statusCode(401);
    }

    @Test
    void writesThroughTheCookieNeedTheCsrfHeaderAndWriteNothingWithoutIt() {
        Api.Tenant tenant = Api.newTenant("Csrf Co");
        Response answer = signIn(tenant.apiKey());
        String cookie = answer.getCookie("liaison_console");
        String csrf = answer.path("csrfToken");
        Map<String, Object> contact = Map.of("firstName", "Forged", "locationId", tenant.locationId());
        given().cookie("liaison_console", cookie).contentType(ContentType.JSON).body(contact).post("/contacts/")
                .then().statusCode(403).body("code", equalTo("CSRF_TOKEN_INVALID")).body("param", equalTo("X-CSRF-Token"));
        given().cookie("liaison_console", cookie).header("X-CSRF-Token", csrf + "x").contentType(ContentType.JSON).body(contact)
                .post("/contacts/").then().statusCode(403).body("code", equalTo("CSRF_TOKEN_INVALID"));
        tenant.request().get("/contacts/?limit=5").then().body("contacts.size()", equalTo(0));

        given().cookie("liaison_console", cookie).header("X-CSRF-Token", csrf).contentType(ContentType.JSON).body(contact)
                .post("/contacts/").then().statusCode(201);
        given().cookie("liaison_console", cookie).get("/contacts/?limit=5").then().statusCode(200).body("contacts.size()", equalTo(1));
        // A reloaded page asks for its CSRF token again; it is the same for the session's life.
        given().cookie("liaison_console", cookie).get("/console/session").then().statusCode(200).body("csrfToken", equalTo(csrf));
    }

    @Test
    void aBearerHeaderWinsOverTheCookie() {
        Api.Tenant mine = Api.newTenant("Header Co");
        Api.Tenant other = Api.newTenant("Cookie Owner Co");
        other.createContact("Only", "Theirs");
        String cookie = signIn(other.apiKey()).getCookie("liaison_console");
        given().cookie("liaison_console", cookie).header("Authorization", "Bearer " + mine.apiKey()).get("/contacts/?limit=5")
                .then().statusCode(200).body("contacts.size()", equalTo(0));
    }

    @Test
    void aRevokedKeyEndsItsConsoleSessions() throws InterruptedException {
        Api.Tenant tenant = Api.newTenant("Revoked Co");
        String raw = Api.agency().post("/locations/" + tenant.locationId() + "/api-keys").then().statusCode(201).extract().path("apiKey");
        String rawId = Api.agency().get("/locations/" + tenant.locationId() + "/api-keys").then().extract()
                .path("apiKeys.find { it.prefix == '" + raw.substring(0, 7) + "' }.id");
        String cookie = signIn(raw).getCookie("liaison_console");
        given().cookie("liaison_console", cookie).get("/contacts/?limit=1").then().statusCode(200);
        Api.agency().delete("/locations/" + tenant.locationId() + "/api-keys/" + rawId).then().statusCode(200);
        given().cookie("liaison_console", cookie).get("/contacts/?limit=1").then().statusCode(401);
        given().cookie("liaison_console", cookie).get("/console/session").then().statusCode(401);
    }

    @Test
    void anAgencySessionChoosesALocationAndThenActsOnItOnly() {
        Api.Tenant chosen = Api.newTenant("Chosen Co");
        Api.Tenant other = Api.newTenant("Other Co");
        chosen.createContact("In", "Chosen");
        other.createContact("In", "Other");
        Response answer = signIn(Api.AGENCY_TOKEN);
        answer.then().statusCode(200).body("kind", equalTo("agency")).body("locationId", nullValue());
        String cookie = answer.getCookie("liaison_console");
        String csrf = answer.path("csrfToken");
        given().cookie("liaison_console", cookie).get("/locations/?limit=2").then().statusCode(200)
                .body("locations.size()", equalTo(2));
        given().cookie("liaison_console", cookie).contentType(ContentType.JSON).body(Map.of("locationId", chosen.locationId()))
                .put("/console/session/location").then().statusCode(403).body("code", equalTo("CSRF_TOKEN_INVALID"));
        given().cookie("liaison_console", cookie).header("X-CSRF-Token", csrf).contentType(ContentType.JSON)
                .body(Map.of("locationId", "nosuchlocation0000000")).put("/console/session/location").then().statusCode(404);
        given().cookie("liaison_console", cookie).header("X-CSRF-Token", csrf).contentType(ContentType.JSON)
                .body(Map.of("locationId", chosen.locationId())).put("/console/session/location")
                .then().statusCode(200).body("locationId", equalTo(chosen.locationId())).body("locationName", equalTo("Chosen Co"));
        given().cookie("liaison_console", cookie).get("/contacts/?limit=5").then().statusCode(200)
                .body("contacts.size()", equalTo(1)).body("contacts[0].lastName", equalTo("Chosen"));
        given().cookie("liaison_console", cookie).get("/contacts/?limit=5&locationId=" + other.locationId()).then().statusCode(403);
        // A location key's session cannot choose another location
        Response keySession = signIn(other.apiKey());
        given().cookie("liaison_console", keySession.getCookie("liaison_console")).header("X-CSRF-Token", (String) keySession.path("csrfToken"))
                .contentType(ContentType.JSON).body(Map.of("locationId", chosen.locationId())).put("/console/session/location")
                .then().statusCode(403).body("code", equalTo("AGENCY_ONLY"));
    }

    @Test
    void signOutEndsTheSessionAndClearsTheCookie() {
        Api.Tenant tenant = Api.newTenant("Sign Out Co");
        Response answer = signIn(tenant.apiKey());
        String cookie = answer.getCookie("liaison_console");
        given().cookie("liaison_console", cookie).delete("/console/session").then().statusCode(403);
        Response out = given().cookie("liaison_console", cookie).header("X-CSRF-Token", (String) answer.path("csrfToken")).delete("/console/session");
        out.then().statusCode(204);
        assertTrue(out.getHeader("Set-Cookie").contains("Max-Age=0"), out.getHeader("Set-Cookie"));
        given().cookie("liaison_console", cookie).get("/contacts/?limit=1").then().statusCode(401);
    }

    @Test
    void theConsoleIsServedWithItsSecurityHeaders() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Content-Type-Options", equalTo("nosniff")).header("X-Frame-Options", equalTo("DENY"))
                .header("Cache-Control", equalTo("no-cache")).body(containsString("/console/app.js"));
        given().get("/console/app.js").then().statusCode(200).contentType(containsString("text/javascript"));
        given().get("/webjars/cytoscape/3.33.1/dist/cytoscape.min.js").then().statusCode(200);
        given().get("/webjars/tom-select/2.4.3/dist/js/tom-select.complete.min.js").then().statusCode(200);
        given().get("/console/nothing-here.js").then().statusCode(404);
        given().urlEncodingEnabled(false).get("/console/..%2Fapplication.properties").then().statusCode(404);
        given().get("/contacts/?limit=1").then().statusCode(401).header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void locationsAreListedForTheAgencyOnlyAndPagedWithinBounds() {
        Api.Tenant tenant = Api.newTenant("Listed Co");
        // Other tests make locations too: page through them (by name, then id) until this one shows.
        boolean listed = false;
        for (int skip = 0; skip <= 10_000 && !listed; skip += 100) {
            java.util.List<String> ids = Api.agency().get("/locations/?limit=100&skip=" + skip).then().statusCode(200).extract().path("locations.id");
            listed = ids.contains(tenant.locationId());
            if (ids.size() < 100) {
                break;
            }
        }
        assertTrue(listed, "the new location is listed");
        Api.agency().get("/locations/?limit=1").then().statusCode(200).body("locations.size()", equalTo(1));
        Api.agency().get("/locations/?limit=0").then().statusCode(422).body("param", equalTo("limit"));
        Api.agency().get("/locations/?limit=101").then().statusCode(422).body("param", equalTo("limit"));
        Api.agency().get("/locations/?skip=-1").then().statusCode(422).body("param", equalTo("skip"));
        tenant.request().get("/locations/").then().statusCode(401);
        assertEquals(200, Api.agency().get("/locations/").statusCode());
    }
}
