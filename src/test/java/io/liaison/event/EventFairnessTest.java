package io.liaison.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.Locks;
import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.LocalReceivers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 (items 4 and 5): one location's backlog or dead receivers must not hold back another
 * location's events. Orderings, not times: under the old design (one global queue in id order for
 * numbering, one queue of due deliveries for all locations) both assertions failed.
 */
@QuarkusTest
@TestProfile(EventFairnessTest.OwnDispatchers.class)
class EventFairnessTest {

    /** Receivers on loopback, and the service's own dispatcher idle after its first look, so only the test's number and send. */
    public static class OwnDispatchers extends LocalReceivers {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new java.util.HashMap<>(super.getConfigOverrides());
            overrides.put("liaison.webhooks.poll-interval", "1h");
            return overrides;
        }
    }

    @Inject
    GraphDatabase db;

    private void backlog(Tenant tenant, int events) {
        List<Map<String, Object>> prepared = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            prepared.add(EventOutbox.prepare(tenant.locationId(), EventType.ContactCreate,
                    Map.of("id", "backlogcontact" + Ids.random(8), "firstName", "Backlog" + i)));
        }
        for (int from = 0; from < events; from += 1000) {
            List<Map<String, Object>> chunk = prepared.subList(from, Math.min(events, from + 1000));
            db.write(tx -> {
                new EventOutbox().appendPrepared(tx, chunk);
                return null;
            });
        }
    }

    private int feedSize(Tenant tenant) {
        int size = 0;
        String cursor = "0";
        while (true) {
            var page = tenant.request().queryParam("after", cursor).queryParam("limit", 100).get("/events").then().statusCode(200)
                    .extract().jsonPath();
            int got = page.getList("events").size();
            if (got == 0) {
                return size;
            }
            size += got;
            cursor = page.getString("nextCursor");
        }
    }

    /**
     * A location with 3,000 new events (an import) and another with one, written after them: the first
     * numbering batch numbers the second location's event, while most of the backlog still waits. The
     * old sequencer numbered in global id order, so the newer event came after the whole backlog.
     */
    @Test
    void anotherLocationsEventIsNumberedBeforeOneLocationsBacklogIsDone() {
        Tenant busy = Api.newTenant("Backlog");
        Tenant quiet = Api.newTenant("Quiet");
        // Anything left by earlier tests is numbered first, so the batch below sees only this test's events.
        try (WebhookDispatcher dispatcher = Outbox.dispatcher(db, new TestClock(), 5)) {
            while (dispatcher.numberOneBatch() > 0) {
                // drain
            }
            backlog(busy, 3_000);
            String quietEvent = Outbox.record(db, quiet, EventType.ContactCreate, "quietcontact00000001", Map.of("firstName", "Q"));

            int numbered = dispatcher.numberOneBatch();

            assertEquals(List.of(quietEvent), quiet.request().get("/events").then().statusCode(200).extract().jsonPath().getList("events.id"),
                    "the quiet location's event is in its feed after the first batch");
            int busyNumbered = feedSize(busy);
            assertTrue(busyNumbered < 3_000, "the backlog is not done yet: " + busyNumbered + " numbered");
            assertEquals(numbered, busyNumbered + 1);

            while (dispatcher.numberOneBatch() > 0) {
                // the rest of the backlog
            }
            assertEquals(3_000, feedSize(busy), "every event of the backlog once, in the end");
        }
    }

    /**
     * One location's ten webhooks point at a host that accepts and never answers; another location's
     * event is delivered while every attempt of the first is still waiting for its answer, and the hung
     * location leaves a share of the senders free. Before, its oldest deliveries took every sender
     * for the whole timeout and the other location's waited behind them.
     */
    @Test
    void aLocationWhoseReceiversHangDoesNotHoldBackAnotherLocationsDelivery() throws Exception {
        Tenant hung = Api.newTenant("Hung receivers");
        Tenant healthy = Api.newTenant("Healthy receiver");
        try (Receiver hanging = Receiver.start(); Receiver answering = Receiver.start()) {
            hanging.hang();
            List<String> hungHooks = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                hungHooks.add(Outbox.subscribe(hung, hanging.url() + i, List.of("ContactCreate")).id());
            }
            Outbox.subscribe(healthy, answering.url(), List.of("ContactCreate"));
            for (int i = 0; i < 3; i++) {
                Outbox.record(db, hung, EventType.ContactCreate, "hungcontact" + Ids.random(9), Map.of("firstName", "H"));
            }
            String healthyEvent = Outbox.record(db, healthy, EventType.ContactCreate, "healthycontact000001", Map.of("firstName", "OK"));
            // 8 senders, 2 per location; attempts wait 30 s for an answer, far longer than this test waits for the other location.
            var settings = new WebhookDispatcher.Settings(5, Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofSeconds(30), 8, 2,
                    200, 1000, true);
            WebhookDispatcher dispatcher = new WebhookDispatcher(db, new Locks(db), settings, new TestClock());
            Thread loop = new Thread(() -> dispatcher.run(Duration.ofMillis(100), true), "fairness-dispatcher");
            loop.setDaemon(true);
            loop.start();
            try {
                long giveUpAt = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (answering.received().isEmpty()) {
                    assertTrue(System.nanoTime() < giveUpAt, "the healthy location's delivery never arrived");
                    Thread.sleep(20);
                }
                assertEquals(List.of(healthyEvent), answering.receivedIds());
                for (String hook : hungHooks) {
                    hung.request().get("/webhooks/" + hook + "/deliveries").then().statusCode(200)
                            .body("deliveries.attempts", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.equalTo(0)));
                }
                // Its 2 senders, and past them only what leaves a share (2) of the 8 free for the others.
                assertTrue(hanging.received().size() <= 6, "the hung location leaves 2 senders free: " + hanging.received().size());
            } finally {
                dispatcher.closing();
                hanging.stopHanging();
                loop.join(10_000);
                dispatcher.close();
            }
        }
    }
}
