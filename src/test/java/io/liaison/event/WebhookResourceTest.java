package io.liaison.event;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.Race;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WebhookResourceTest {

    private static final String URL = "https://93.184.215.14/hooks"; // a public address: the default profile refuses private ones
    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant("Webhooks");
    }

    private int webhookCount(Tenant of) {
        return of.request().get("/webhooks").then().statusCode(200).extract().path("total");
    }

    @Test
    void aSubscriptionShowsItsSecretOnceAndIsListedReadAndDeleted() {
        var created = tenant.request().body(Map.of("url", URL, "events", List.of("ContactCreate", "RelationCreate", "ContactCreate")))
                .post("/webhooks").then().statusCode(201)
                .body("webhook.url", equalTo(URL))
                .body("webhook.events", equalTo(List.of("ContactCreate", "RelationCreate")))
                .body("webhook.secret", startsWith("whsec_"))
                .extract();
        String id = created.path("webhook.id");
        String secret = created.path("webhook.secret");
        assertEquals(32, java.util.Base64.getDecoder().decode(secret.substring(6)).length);

        tenant.request().get("/webhooks/" + id).then().statusCode(200)
                .body("webhook.id", equalTo(id)).body("webhook.url", equalTo(URL)).body("webhook.secret", nullValue());
        tenant.request().get("/webhooks").then().statusCode(200)
                .body("total", equalTo(1)).body("webhooks[0].id", equalTo(id)).body("webhooks[0].secret", nullValue());
        tenant.request().get("/webhooks/" + id + "/deliveries").then().statusCode(200).body("deliveries", hasSize(0));

        tenant.request().delete("/webhooks/" + id).then().statusCode(200).body("deleted", equalTo(true)).body("id", equalTo(id));
        tenant.request().get("/webhooks/" + id).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        tenant.request().delete("/webhooks/" + id).then().statusCode(404);
        assertEquals(0, webhookCount(tenant));
    }

    @Test
    void badSubscriptionsAreRefusedNamingTheFieldAndWriteNothing() {
        record Case(Object body, int status, String param, String message) {
        }
        List<Case> cases = List.of(
                new Case(Map.of("events", List.of("ContactCreate")), 422, "url", "url is required"),
                new Case(Map.of("url", "ftp://example.com/x", "events", List.of("ContactCreate")), 422, "url", "http or https"),
                new Case(Map.of("url", "javascript:alert(1)", "events", List.of("ContactCreate")), 422, "url", "http or https"),
                new Case(Map.of("url", "not a url", "events", List.of("ContactCreate")), 422, "url", "not a valid URL"),
                new Case(Map.of("url", "http:///path", "events", List.of("ContactCreate")), 422, "url", "host"),
                new Case(Map.of("url", "http://user:pw@127.0.0.1/x", "events", List.of("ContactCreate")), 422, "url", "credentials"),
                new Case(Map.of("url", "http://127.0.0.1/" + "a".repeat(2100), "events", List.of("ContactCreate")), 422, "url", "2048"),
                new Case(Map.of("url", "http://no-such-host.invalid/x", "events", List.of("ContactCreate")), 422, "url", "does not resolve"),
                new Case(Map.of("url", URL, "events", List.of("ContactCreated")), 422, "events", "events[0] 'ContactCreated' is not an event type"),
                new Case(Map.of("url", URL, "events", List.of("ContactCreate", "contactdelete")), 422, "events", "events[1]"),
                new Case(Map.of("url", URL, "events", List.of()), 422, "events", "at least one"),
                new Case(Map.of("url", URL), 422, "events", "at least one"),
                new Case(Map.of("url", URL, "events", Collections.nCopies(14, "ContactCreate")), 422, "events", "at most 13"),
                new Case(Map.of("url", URL, "events", "ContactCreate"), 422, "events", "wrong type"),
                new Case(Map.of("url", 42, "events", List.of("ContactCreate")), 422, "url", "wrong type"),
                new Case(Map.of("url", URL, "events", List.of("ContactCreate"), "locationId", "someoneElse"), 403, "locationId", "not the location"));
        for (Case c : cases) {
            tenant.request().body(c.body()).post("/webhooks").then()
                    .statusCode(c.status())
                    .body("param", equalTo(c.param()))
                    .body("message.toString()", containsString(c.message()));
        }
        tenant.request().body("{\"url\": ").post("/webhooks").then().statusCode(400).body("code", equalTo("MALFORMED_JSON"));
        assertEquals(0, webhookCount(tenant));
    }

    @Test
    void badParametersOfDeliveriesAndRedeliveryAreRefused() {
        String id = Outbox.subscribe(tenant, URL, List.of("ContactCreate")).id();
        tenant.request().queryParam("limit", 0).get("/webhooks/" + id + "/deliveries").then().statusCode(422).body("param", equalTo("limit"));
        tenant.request().queryParam("limit", 101).get("/webhooks/" + id + "/deliveries").then().statusCode(422).body("param", equalTo("limit"));
        tenant.request().queryParam("limit", "ten").get("/webhooks/" + id + "/deliveries").then().statusCode(422).body("param", equalTo("limit"));
        tenant.request().queryParam("status", "LOST").get("/webhooks/" + id + "/deliveries").then().statusCode(422).body("param", equalTo("status"));
        tenant.request().queryParam("before", "x'); DROP").get("/webhooks/" + id + "/deliveries").then().statusCode(422)
                .body("param", equalTo("before"));
        tenant.request().post("/webhooks/" + id + "/deliveries/01JXXXXXXXXXXXXXXXXXXXXXXX/redeliver").then().statusCode(404);
        tenant.request().post("/webhooks/" + id + "/deliveries/not-an-event/redeliver").then().statusCode(404);
        tenant.request().get("/webhooks/" + "x".repeat(300)).then().statusCode(404);
    }

    @Test
    void racingSubscriptionsStopAtTheLimitOfTheLocation() throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String url = URL + "/" + i;
            calls.add(() -> tenant.request().body(Map.of("url", url, "events", List.of("ContactCreate"))).post("/webhooks")
                    .then().extract().statusCode());
        }
        List<Integer> statuses = Race.run(calls);
        assertEquals(10, Race.count(statuses, 201), statuses.toString());
        assertEquals(14, Race.count(statuses, 409), statuses.toString());
        assertEquals(10, webhookCount(tenant));
        tenant.request().body(Map.of("url", URL, "events", List.of("ContactCreate"))).post("/webhooks").then().statusCode(409)
                .body("code", equalTo("LIMIT_EXCEEDED")).body("details.limit", equalTo("webhooksPerLocation"))
                .body("details.maximum", equalTo(10)).body("details.current", equalTo(10));
    }

    @Test
    void anotherLocationsKeySeesNoneOfItsWebhooks() {
        String id = Outbox.subscribe(tenant, URL, List.of("ContactCreate")).id();
        Tenant other = Api.newTenant("Other");
        assertEquals(0, webhookCount(other));
        other.request().get("/webhooks/" + id).then().statusCode(404);
        other.request().get("/webhooks/" + id + "/deliveries").then().statusCode(404);
        other.request().post("/webhooks/" + id + "/deliveries/01JXXXXXXXXXXXXXXXXXXXXXXX/redeliver").then().statusCode(404);
        other.request().delete("/webhooks/" + id).then().statusCode(404);
        tenant.request().get("/webhooks").then().body("webhooks.id", hasItem(id));
        io.restassured.RestAssured.given().get("/webhooks").then().statusCode(401);
    }
}
