package io.liaison.event;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default setting, which the tests run with too: webhooks may not point into the network the service runs in. */
@QuarkusTest
class PrivateTargetsTest {

    @Test
    void loopbackPrivateAndLinkLocalTargetsAreRefused() {
        Tenant tenant = Api.newTenant("Targets");
        for (String url : List.of("http://127.0.0.1:8080/x", "http://localhost/x", "https://10.1.2.3/hook", "http://172.16.0.1/",
                "http://192.168.1.10/", "http://169.254.169.254/latest/meta-data/", "http://[::1]:8080/", "http://[fd00::1]/",
                "http://0.0.0.0/", "http://100.64.0.1/", "http://[::ffff:127.0.0.1]/", "http://192.0.2.1/", "http://198.51.100.1/",
                "http://203.0.113.1/", "http://192.88.99.1/", "http://[2001:db8::1]/", "http://[::127.0.0.1]/", "http://[64:ff9b::7f00:1]/",
                "http://[2002:7f00:1::]/", "http://no-such-host.invalid/", "http://127.1/", "http://127.1:8080/x", "http://2130706433/",
                "http://10.1/", "http://192.168.257/")) {
            tenant.request().body(Map.of("url", url, "events", List.of("ContactCreate"))).post("/webhooks").then()
                    .statusCode(422).body("param", equalTo("url")).body("code", equalTo("VALIDATION_FAILED"))
                    .body("message[0]", containsString("LIAISON_WEBHOOKS_ALLOW_PRIVATE_TARGETS"));
        }
        assertEquals(0, (int) tenant.request().get("/webhooks").then().extract().path("total"));
    }

    /** A short IPv4 form (which java.net.URI does not parse as a host) is refused for what it is: loopback. */
    @Test
    void aShortLoopbackFormIsRefusedAsLoopback() {
        Tenant tenant = Api.newTenant("Targets");
        tenant.request().body(Map.of("url", "http://127.1/", "events", List.of("ContactCreate"))).post("/webhooks").then()
                .statusCode(422).body("param", equalTo("url"))
                .body("message[0]", containsString("resolves to 127.0.0.1, a loopback address"));
        tenant.request().body(Map.of("url", "http://10.1/", "events", List.of("ContactCreate"))).post("/webhooks").then()
                .statusCode(422).body("message[0]", containsString("resolves to 10.0.0.1, a private address"));
        tenant.request().body(Map.of("url", "http://2130706433/", "events", List.of("ContactCreate"))).post("/webhooks").then()
                .statusCode(422).body("param", equalTo("url"))
                .body("message[0]", containsString("resolves to 127.0.0.1, a loopback address"));
    }

    /** The kind is told only of an address the subscriber wrote; a name's refusal says nothing of where it resolves. */
    @Test
    void aNameResolvingInsideIsNotToldWhere() {
        Tenant tenant = Api.newTenant("Targets");
        tenant.request().body(Map.of("url", "http://localhost/", "events", List.of("ContactCreate"))).post("/webhooks").then()
                .statusCode(422).body("param", equalTo("url"))
                .body("message[0]", containsString("does not resolve to a public address"))
                .body("message[0]", not(containsString("127.0.0.1")))
                .body("message[0]", not(containsString("a loopback address")));
    }

    @Test
    void aPublicAddressIsAccepted() {
        Tenant tenant = Api.newTenant("Targets");
        tenant.request().body(Map.of("url", "https://93.184.215.14/hooks", "events", List.of("ContactCreate"))).post("/webhooks")
                .then().statusCode(201);
    }

    @jakarta.inject.Inject
    io.liaison.neo4j.GraphDatabase db;

    /**
     * A host that was public when the webhook was subscribed and resolves inside now (its DNS record
     * changed, or the subscription was stored by an older version): the check runs again at every
     * delivery, so nothing reaches the receiver and the delivery records the refusal. The same
     * delivery with private targets allowed does arrive, which shows the receiver was reachable.
     */
    @Test
    void aHostThatHasBecomePrivateSinceSubscriptionIsRefusedAtDelivery() throws Exception {
        Tenant tenant = Api.newTenant("Became private");
        TestClock clock = new TestClock();
        try (Receiver receiver = Receiver.start();
                WebhookDispatcher refusing = dispatcher(clock, false);
                WebhookDispatcher allowing = dispatcher(clock, true)) {
            var hook = Outbox.subscribe(tenant, "http://93.184.215.14/hooks", List.of("ContactCreate"));
            // What the subscription's host resolves to today: this machine.
            String nowInside = "http://localhost:" + receiver.port() + "/hooks";
            db.write(tx -> tx.run("MATCH (s:WebhookSubscription {id: $id, locationId: $locationId}) SET s.url = $url",
                    Map.of("id", hook.id(), "locationId", tenant.locationId(), "url", nowInside)).consume());
            String eventId = Outbox.record(db, tenant, EventType.ContactCreate, "contact0000000000009", Map.of("firstName", "Ina"));

            refusing.runOnce(true);

            assertEquals(List.of(), receiver.receivedIds(), "nothing is sent to a host that resolves inside");
            tenant.request().get("/webhooks/" + hook.id() + "/deliveries").then().statusCode(200)
                    .body("deliveries[0].eventId", equalTo(eventId))
                    .body("deliveries[0].status", equalTo("PENDING"))
                    .body("deliveries[0].attempts", equalTo(1))
                    .body("deliveries[0].lastStatusCode", org.hamcrest.Matchers.nullValue())
                    .body("deliveries[0].lastError", containsString("not sent"))
                    .body("deliveries[0].lastError", containsString("does not resolve to a public address"))
                    .body("deliveries[0].lastError", not(containsString("127.0.0.1")));

            clock.advance(java.time.Duration.ofSeconds(10));
            allowing.runOnce(true);
            assertEquals(List.of(eventId), receiver.receivedIds(), "with private targets allowed the same delivery arrives");
        }
    }

    private WebhookDispatcher dispatcher(TestClock clock, boolean allowPrivateTargets) {
        return new WebhookDispatcher(db, new io.liaison.neo4j.Locks(db), new WebhookDispatcher.Settings(5, java.time.Duration.ofSeconds(10),
                java.time.Duration.ofMinutes(1), java.time.Duration.ofSeconds(1), 4, 200, allowPrivateTargets), clock);
    }
}
