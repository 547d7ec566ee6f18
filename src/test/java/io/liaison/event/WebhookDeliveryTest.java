package io.liaison.event;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.neo4j.GraphDatabase;
import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.LocalReceivers;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery to a real HTTP receiver. Each test drives dispatchers of its own, against the same
 * database as the API, with a clock it moves forward, so retries and leases need no waiting.
 */
@QuarkusTest
@TestProfile(LocalReceivers.class)
class WebhookDeliveryTest {

    @Inject
    GraphDatabase db;

    private Tenant tenant;
    private TestClock clock;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void setUp() {
        tenant = Api.newTenant("Deliveries");
        clock = new TestClock();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T closeable) {
        closing.add(closeable);
        return closeable;
    }

    private WebhookDispatcher dispatcher(int maxAttempts) {
        return closeLater(Outbox.dispatcher(db, clock, maxAttempts));
    }

    private String contactEvent(EventType type, String contactId, String firstName) {
        return Outbox.record(db, tenant, type, contactId, Map.of("firstName", firstName, "tags", List.of("surfer")));
    }

    @Test
    void anEventArrivesOnceSignedWithTheHighLevelPayload() throws Exception {
        Receiver receiver = closeLater(Receiver.start());
        var hook = Outbox.subscribe(tenant, receiver.url(), List.of("ContactCreate"));
        String eventId = contactEvent(EventType.ContactCreate, "contact0000000000001", "Rosan");
        contactEvent(EventType.ContactDelete, "contact0000000000001", "Rosan"); // not subscribed

        dispatcher(5).runOnce(true);

        assertEquals(List.of(eventId), receiver.receivedIds());
        Receiver.Received request = receiver.received().get(0);
        Outbox.assertSigned(hook.secret(), request);
        assertEquals("application/json", request.contentType());
        long sent = Long.parseLong(request.timestamp());
        assertTrue(Math.abs(sent - Instant.now().getEpochSecond()) < 600, "webhook-timestamp is in seconds: " + sent);
        JsonPath body = JsonPath.from(request.body());
        assertEquals("ContactCreate", body.getString("type"));
        assertEquals(tenant.locationId(), body.getString("locationId"));
        assertEquals("contact0000000000001", body.getString("id"));
        assertEquals("Rosan", body.getString("firstName"));
        assertEquals(List.of("surfer"), body.getList("tags"));
        assertTrue(body.getString("timestamp").endsWith("Z"), body.getString("timestamp"));

        tenant.request().get("/webhooks/" + hook.id() + "/deliveries").then()
                .body("deliveries[0].eventId", equalTo(eventId))
                .body("deliveries[0].eventType", equalTo("ContactCreate"))
                .body("deliveries[0].status", equalTo("DELIVERED"))
                .body("deliveries[0].attempts", equalTo(1))
                .body("deliveries[0].lastStatusCode", equalTo(200))
                .body("deliveries[0].deliveredAt", notNullValue())
                .body("deliveries[0].nextAttemptAt", nullValue());

        dispatcher(5).runOnce(true);
        assertEquals(1, receiver.received().size(), "a delivered event is not sent again");
    }

    @Test
    void aReceiverThatIsDownGetsTheEventOnceItIsUp() throws Exception {
        Receiver receiver = closeLater(Receiver.down());
        var hook = Outbox.subscribe(tenant, receiver.url(), List.of("ContactCreate"));
        String eventId = contactEvent(EventType.ContactCreate, "contact0000000000002", "Down");
        WebhookDispatcher dispatcher = dispatcher(5);

        dispatcher.runOnce(true);
        tenant.request().get("/webhooks/" + hook.id() + "/deliveries").then()
                .body("deliveries[0].status", equalTo("PENDING"))
                .body("deliveries[0].attempts", equalTo(1))
                .body("deliveries[0].lastError", equalTo("could not connect"))
                .body("deliveries[0].nextAttemptAt", notNullValue());

        receiver.up();
        dispatcher.runOnce(true);
        assertEquals(List.of(), receiver.receivedIds(), "not before its backoff has passed");

        clock.advance(Duration.ofSeconds(10));
        dispatcher.runOnce(true);
        assertEquals(List.of(eventId), receiver.receivedIds());
        Outbox.assertSigned(hook.secret(), receiver.received().get(0));
        tenant.request().get("/webhooks/" + hook.id() + "/deliveries").then()
                .body("deliveries[0].status", equalTo("DELIVERED")).body("deliveries[0].attempts", equalTo(2));
    }

    @Test
    void serverErrorsAreRetriedWithGrowingBackoffThenDeadLettered() throws Exception {
        Receiver receiver = closeLater(Receiver.start());
        receiver.answer(500, 503, 502, 200);
        var hook = Outbox.subscribe(tenant, receiver.url(), List.of("ContactUpdate"));
        String eventId = contactEvent(EventType.ContactUpdate, "contact0000000000003", "Flaky");
        WebhookDispatcher dispatcher = dispatcher(3);

        dispatcher.runOnce(true);
        String first = tenant.request().get("/webhooks/" + hook.id() + "/deliveries").then()
                .body("deliveries[0].status", equalTo("PENDING")).body("deliveries[0].lastStatusCode", equalTo(500))
                .body("deliveries[0].lastError", equalTo("HTTP 500")).extract().path("deliveries[0].lastAttemptAt");
        String firstRetry = tenant.request().get("/webhooks/" + hook.id() + "/deliveries").then().extract().path("deliveries[0].nextAttemptAt");
        assertEquals(Duration.ofSeconds(10), Duration.between(Instant.parse(first), Instant.parse(firstRetry)));

        clock.advance(Duration.ofSeconds(10));
        dispatcher.runOnce(true);
        var second = tenant.request().get("/webhooks/" + hook.id() + "/deliveries").then()
                .body("deliveries[0].attempts", equalTo(2)).body("deliveries[0].lastStatusCode", equalTo(503)).extract();
        assertEquals(Duration.ofSeconds(20), Duration.between(Instant.parse(second.path("deliveries[0].lastAttemptAt")),
                Instant.parse(second.path("deliveries[0].nextAttemptAt"))), "the backoff doubles");

        clock.advance(Duration.ofSeconds(20));
        dispatcher.runOnce(true);
        tenant.request().get("/webhooks/" + hook.id() + "/deliveries").then()
                .body("deliveries[0].status", equalTo("DEAD")).body("deliveries[0].attempts", equalTo(3))
                .body("deliveries[0].lastStatusCode", equalTo(502)).body("deliveries[0].nextAttemptAt", nullValue());
        tenant.request().queryParam("status", "DEAD").get("/webhooks/" + hook.id() + "/deliveries").then()
                .body("deliveries.eventId", equalTo(List.of(eventId)));

        clock.advance(Duration.ofHours(1));
        dispatcher.runOnce(true);
        assertEquals(3, receiver.received().size(), "a dead letter is not sent again");

        // Redelivery gives it a fresh budget; the receiver now answers 200.
        tenant.request().post("/webhooks/" + hook.id() + "/deliveries/" + eventId + "/redeliver").then().statusCode(202)
                .body("delivery.status", equalTo("PENDING")).body("delivery.attempts", equalTo(0));
        dispatcher.runOnce(true);
        assertEquals(List.of(eventId, eventId, eventId, eventId), receiver.receivedIds());
        tenant.request().get("/webhooks/" + hook.id() + "/deliveries").then()
                .body("deliveries[0].status", equalTo("DELIVERED")).body("deliveries[0].attempts", equalTo(1));
    }

    @Test
    void aDeliveredEventCanBeRedeliveredWithTheSameIdAndBody() throws Exception {
        Receiver receiver = closeLater(Receiver.start());
        var hook = Outbox.subscribe(tenant, receiver.url(), List.of("RecordCreate"));
        String eventId = Outbox.record(db, tenant, EventType.RecordCreate, "record00000000000001",
                Map.of("properties", List.of(Map.of("key", "name", "valueString", "Blue Lightning"))));
        WebhookDispatcher dispatcher = dispatcher(5);
        dispatcher.runOnce(true);

        tenant.request().post("/webhooks/" + hook.id() + "/deliveries/" + eventId + "/redeliver").then().statusCode(202);
        dispatcher.runOnce(true);

        var received = receiver.received();
        assertEquals(List.of(eventId, eventId), receiver.receivedIds());
        assertEquals(received.get(0).body(), received.get(1).body());
        Outbox.assertSigned(hook.secret(), received.get(1));
    }

    @Test
    void aHangingReceiverTimesOutWithoutHoldingTheApiOrOtherReceivers() throws Exception {
        Receiver hanging = closeLater(Receiver.start());
        Receiver healthy = closeLater(Receiver.start());
        var slow = Outbox.subscribe(tenant, hanging.url(), List.of("ContactCreate"));
        Outbox.subscribe(tenant, healthy.url(), List.of("ContactCreate"));
        hanging.hang();
        String eventId = contactEvent(EventType.ContactCreate, "contact0000000000004", "Hang");
        WebhookDispatcher dispatcher = dispatcher(5);

        CompletableFuture<WebhookDispatcher.Round> round = CompletableFuture.supplyAsync(() -> dispatcher.runOnce(true));
        assertTrue(hanging.hangingRequestArrived.await(60, TimeUnit.SECONDS));
        // While the receiver holds the request, the API serves writes and reads as usual.
        String contact = tenant.createContact("Still", "Serving");
        tenant.request().get("/contacts/" + contact).then().statusCode(200);
        tenant.request().get("/webhooks").then().statusCode(200);
        round.get(60, TimeUnit.SECONDS);

        assertEquals(List.of(eventId), healthy.receivedIds(), "the other receiver got its delivery in the same round");
        // The contact written meanwhile has its own (newer) delivery: look at this event's.
        String mine = "deliveries.find { it.eventId == '" + eventId + "' }";
        tenant.request().get("/webhooks/" + slow.id() + "/deliveries").then()
                .body(mine + ".status", equalTo("PENDING")).body(mine + ".attempts", equalTo(1))
                .body(mine + ".lastError", containsString("no answer within"));

        hanging.stopHanging();
        clock.advance(Duration.ofSeconds(10));
        dispatcher.runOnce(true);
        tenant.request().get("/webhooks/" + slow.id() + "/deliveries").then()
                .body(mine + ".status", equalTo("DELIVERED")).body(mine + ".attempts", equalTo(2));
    }

    @Test
    void eventsOfOneRecordArriveInOrderEvenWhenAnEarlierOneFails() throws Exception {
        Receiver receiver = closeLater(Receiver.start());
        receiver.answer(503);
        var hook = Outbox.subscribe(tenant, receiver.url(), List.of("ContactCreate", "ContactUpdate", "ContactDelete"));
        String created = contactEvent(EventType.ContactCreate, "contact000000000000x", "X");
        String updated = contactEvent(EventType.ContactUpdate, "contact000000000000x", "X2");
        String deleted = contactEvent(EventType.ContactDelete, "contact000000000000x", "X2");
        WebhookDispatcher dispatcher = dispatcher(5);

        dispatcher.runOnce(true);
        assertEquals(List.of(created), receiver.receivedIds(), "later events of the record wait for the first");
        dispatcher.runOnce(true);
        assertEquals(List.of(created), receiver.receivedIds(), "still waiting while the first is in backoff");

        clock.advance(Duration.ofSeconds(10));
        for (int round = 0; round < 5; round++) {
            dispatcher.runOnce(true);
        }
        assertEquals(List.of(created, created, updated, deleted), receiver.receivedIds());
        tenant.request().queryParam("status", "DELIVERED").get("/webhooks/" + hook.id() + "/deliveries").then()
                .body("deliveries.eventId", equalTo(List.of(deleted, updated, created)));
    }

    @Test
    void aDeadLetterReleasesTheLaterEventsOfItsRecord() throws Exception {
        Receiver receiver = closeLater(Receiver.start());
        receiver.answer(500, 500);
        Outbox.subscribe(tenant, receiver.url(), List.of("ContactCreate", "ContactUpdate"));
        String created = contactEvent(EventType.ContactCreate, "contact000000000000y", "Y");
        String updated = contactEvent(EventType.ContactUpdate, "contact000000000000y", "Y2");
        WebhookDispatcher dispatcher = dispatcher(2);

        dispatcher.runOnce(true);
        clock.advance(Duration.ofSeconds(10));
        dispatcher.runOnce(true);
        dispatcher.runOnce(true);
        assertEquals(List.of(created, created, updated), receiver.receivedIds());
    }

    @Test
    void twoInstancesSharingTheDatabaseSendEachEventOnce() throws Exception {
        Receiver receiver = closeLater(Receiver.start());
        Outbox.subscribe(tenant, receiver.url(), List.of("ContactCreate"));
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(contactEvent(EventType.ContactCreate, String.format("contactrace%09d", i), "R" + i));
        }
        WebhookDispatcher one = dispatcher(5);
        WebhookDispatcher two = dispatcher(5);
        for (int round = 0; round < 3; round++) {
            var a = CompletableFuture.runAsync(() -> one.runOnce(true));
            var b = CompletableFuture.runAsync(() -> two.runOnce(true));
            a.get(60, TimeUnit.SECONDS);
            b.get(60, TimeUnit.SECONDS);
        }
        Map<String, Long> counts = receiver.countsById();
        assertEquals(events.size(), counts.size(), counts.toString());
        counts.forEach((id, count) -> assertEquals(1L, count, "event " + id + " sent " + count + " times"));
        assertTrue(counts.keySet().containsAll(events));
    }

    /**
     * What a crash leaves behind, simulated: the writes were acknowledged (their events committed),
     * one instance numbered them and leased their deliveries, then died before sending. A new
     * dispatcher, sharing only the database, sends every one once the dead instance's leases expire.
     * This does not kill a JVM: it shows that everything needed to finish lives in the graph.
     */
    @Test
    void aDispatcherThatDiesAfterLeasingLeavesNothingUndelivered() throws Exception {
        Receiver receiver = closeLater(Receiver.start());
        var hook = Outbox.subscribe(tenant, receiver.url(), List.of("ContactCreate", "ContactUpdate"));
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            acknowledged.add(contactEvent(i % 2 == 0 ? EventType.ContactCreate : EventType.ContactUpdate,
                    "contactcrash00000" + i + "0", "C" + i));
        }
        WebhookDispatcher dying = Outbox.dispatcher(db, clock, 5);
        dying.numberNewEvents();
        var leased = dying.lease(200);
        assertTrue(leased.stream().map(DeliveryRepository.Leased::eventId).toList().containsAll(acknowledged));
        dying.close(); // killed: the leases stay behind

        WebhookDispatcher restarted = dispatcher(5);
        restarted.runOnce(true);
        assertEquals(List.of(), receiver.receivedIds(), "a live lease is respected");

        clock.advance(Duration.ofMinutes(2));
        restarted.runOnce(true);
        assertEquals(acknowledged.stream().sorted().toList(), receiver.receivedIds().stream().sorted().toList());
        for (Receiver.Received request : receiver.received()) {
            Outbox.assertSigned(hook.secret(), request);
        }
    }

    @Test
    void eventsRecordedBeforeAnyDispatcherRanAreDeliveredByTheFirstOne() throws Exception {
        Receiver receiver = closeLater(Receiver.start());
        Outbox.subscribe(tenant, receiver.url(), List.of("RelationCreate"));
        String event = Outbox.record(db, tenant, EventType.RelationCreate, "relation000000000001", Map.of("associationId", "a1"));
        dispatcher(5).runOnce(true);
        assertEquals(List.of(event), receiver.receivedIds());
    }

    @Test
    void anotherLocationsEventsNeverReachThisLocationsWebhook() throws Exception {
        Receiver receiver = closeLater(Receiver.start());
        Outbox.subscribe(tenant, receiver.url(), List.of("ContactCreate"));
        Tenant other = Api.newTenant("Other");
        Outbox.record(db, other, EventType.ContactCreate, "contactother00000001", Map.of());
        String mine = contactEvent(EventType.ContactCreate, "contactmine000000001", "Mine");
        dispatcher(5).runOnce(true);
        assertEquals(List.of(mine), receiver.receivedIds());
    }
}
