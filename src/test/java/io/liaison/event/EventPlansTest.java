package io.liaison.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.neo4j.Ids;
import io.liaison.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Transaction;
import org.neo4j.driver.summary.Plan;
import org.neo4j.driver.summary.ProfiledPlan;

/**
 * The sequencer's cost per event does not grow with the number of events: a batch reads each location's
 * new events in id order from an index, without scanning or sorting every new event, and the database
 * work of numbering a batch is the same behind a backlog of 40 or of 800 new events (PROFILE). Planned
 * and profiled by the real Neo4j.
 */
@QuarkusTest
class EventPlansTest {

    @Inject
    Driver driver;

    private Plan explain(String statement, Map<String, Object> parameters) {
        Api.awaitReady(); // the indexes come with the schema, applied as the service starts
        try (var session = driver.session(SessionConfig.forDatabase("neo4j"))) {
            return session.executeRead(tx -> tx.run("EXPLAIN " + withoutPrefix(statement), parameters).consume().plan());
        }
    }

    /** EXPLAIN and PROFILE go before the statement's own CYPHER options. */
    private static String withoutPrefix(String statement) {
        return statement.replaceFirst("^CYPHER replan=skip\\s+", "");
    }

    private static boolean uses(Plan plan, String operator) {
        return plan.operatorType().startsWith(operator) || plan.children().stream().anyMatch(child -> uses(child, operator));
    }

    /** A label scan of {@code label} anywhere in the plan (the subscriptions may be scanned: a few per location). */
    private static boolean scans(Plan plan, String label) {
        var details = plan.arguments().get("Details");
        boolean here = plan.operatorType().startsWith("NodeByLabelScan") && details != null && details.asString().contains(":" + label);
        return here || plan.children().stream().anyMatch(child -> scans(child, label));
    }

    private static long dbHits(ProfiledPlan plan) {
        return plan.dbHits() + plan.children().stream().mapToLong(EventPlansTest::dbHits).sum();
    }

    @Test
    void aBatchReadsEachLocationsNewEventsInIndexOrderWithoutAScanOrASort() {
        Plan plan = explain(EventRepository.NUMBER_NEW_EVENTS, Map.of("locationIds", List.of("a", "b"), "limit", 200));
        assertTrue(uses(plan, "NodeIndexSeek") || uses(plan, "NodeIndexScan"), plan.toString());
        assertFalse(uses(plan, "NodeByLabelScan") || uses(plan, "AllNodesScan"), plan.toString());
        assertFalse(uses(plan, "Sort") || uses(plan, "Top") || uses(plan, "PartialSort"), plan.toString());
    }

    @Test
    void theNextLocationWithNewEventsIsOneSeekWithoutASort() {
        Plan plan = explain(EventRepository.NEXT_LOCATION_WITH_NEW_EVENTS, Map.of("after", ""));
        assertFalse(uses(plan, "NodeByLabelScan") || uses(plan, "AllNodesScan"), plan.toString());
        assertFalse(uses(plan, "Sort") || uses(plan, "Top") || uses(plan, "PartialSort"), plan.toString());
    }

    @Test
    void dueDeliveriesAreSoughtPerLocationWithoutScanningEveryDelivery() {
        Plan plan = explain(DeliveryRepository.DUE_DELIVERIES, Map.of("now", ZonedDateTime.now(), "limit", 4, "room", Map.of(),
                "defaultRoom", 4));
        assertFalse(scans(plan, "WebhookDelivery"), plan.toString());
        assertTrue(plan.toString().contains("WebhookDelivery(locationId, status, nextAttemptAt)"), plan.toString());
        assertFalse(uses(plan, "Sort") || uses(plan, "Top") || uses(plan, "PartialSort"), plan.toString());
    }

    /**
     * O(1) per event, shown by the database's own count of its work: numbering 20 events of a location
     * costs the same db hits whether 40 or 800 new events wait (in this location and another). Each
     * measurement runs in a transaction that is rolled back, so it leaves nothing behind.
     */
    @Test
    void numberingABatchCostsTheSameBehindASmallAndALargeBacklog() {
        long small = profiledHits(20);
        long large = profiledHits(400);
        assertTrue(large <= small * 11 / 10 + 20, "db hits behind 40 new events: " + small + ", behind 800: " + large);
    }

    private long profiledHits(int backlogPerLocation) {
        Api.awaitReady();
        String location = "plansLocation" + Ids.random(8);
        String other = "plansOther" + Ids.random(8);
        try (var session = driver.session(SessionConfig.forDatabase("neo4j")); Transaction tx = session.beginTransaction()) {
            for (String of : List.of(location, other)) {
                List<Map<String, Object>> events = new ArrayList<>();
                for (int i = 0; i < backlogPerLocation; i++) {
                    events.add(EventOutbox.prepare(of, EventType.ContactCreate, Map.of("id", "plancontact" + i)));
                }
                tx.run("UNWIND $events AS event\n" + EventOutbox.appendEventClause("event"), Map.of("events", events)).consume();
            }
            var summary = tx.run("PROFILE " + withoutPrefix(EventRepository.NUMBER_NEW_EVENTS),
                    Map.of("locationIds", List.of(location), "limit", 20)).consume();
            assertEquals(20, summary.counters().labelsRemoved(), "20 events numbered");
            long hits = dbHits(summary.profile());
            tx.rollback();
            return hits;
        }
    }

    /**
     * Leasing, recording an attempt and finding due deliveries cost the same db hits whether the
     * subscription has 20 or 400 deliveries behind it (delivered ones stay for the history) and whether 20
     * or 400 wait, so delivery does not slow down as a subscription ages or its backlog grows. Rolled back:
     * leaves nothing behind.
     */
    @Test
    void deliveringCostsTheSameBehindASmallAndALargeHistoryOrBacklog() {
        assertFlat(deliveryHits(20, 1), deliveryHits(400, 1), "delivered deliveries behind it");
        assertFlat(deliveryHits(0, 20), deliveryHits(0, 400), "pending deliveries");
    }

    private static void assertFlat(Map<String, Long> small, Map<String, Long> large, String what) {
        for (String statement : small.keySet()) {
            assertTrue(large.get(statement) <= small.get(statement) * 11 / 10 + 20,
                    statement + ": db hits with 20 " + what + ": " + small.get(statement) + ", with 400: " + large.get(statement));
        }
    }

    /**
     * The lease finds each delivery, its subscription and its event by their unique ids, whatever the
     * statistics were when the plan was made: planned on a store with few deliveries, it once went from
     * the (few) subscriptions through every delivery they ever had, comparing ids, and the plan cache
     * kept that plan as the deliveries grew (bench/events.sh: 80 deliveries/s, most of the dispatcher's
     * CPU in that expand).
     */
    @Test
    void theLeaseSeeksEachDeliveryItsSubscriptionAndItsEventByUniqueId() {
        Plan plan = explain(DeliveryRepository.LEASE_DELIVERIES, Map.of("ids", List.of("a", "b"), "now", ZonedDateTime.now(),
                "owner", "plans", "leaseUntil", ZonedDateTime.now()));
        for (String label : List.of("d:WebhookDelivery(id)", "s:WebhookSubscription(id)", "e:Event(id)")) {
            assertTrue(plan.toString().contains("UNIQUE " + label), label + " sought by its unique index: " + plan);
        }
        assertFalse(uses(plan, "Expand") || uses(plan, "NodeIndexScan") || uses(plan, "NodeByLabelScan") || uses(plan, "AllNodesScan"),
                plan.toString());
    }

    private Map<String, Long> deliveryHits(int delivered, int pendingCount) {
        Api.awaitReady();
        String location = "plansHooks" + Ids.random(8);
        String subscription = "plansSub" + Ids.random(8);
        ZonedDateTime now = ZonedDateTime.now();
        try (var session = driver.session(SessionConfig.forDatabase("neo4j")); Transaction tx = session.beginTransaction()) {
            tx.run("""
                    CREATE (s:WebhookSubscription {id: $subscription, locationId: $location, url: 'http://example.com/h', secret: 'x',
                                                   events: ['ContactCreate']})
                    WITH s
                    UNWIND range(0, $delivered + $pending - 1) AS i
                    CREATE (e:Event {id: $subscription + '_e' + i, locationId: $location, seq: i + 1, type: 'ContactCreate',
                                     aggregateId: $subscription + '_c' + i, payload: '{}', createdAt: $now})
                    CREATE (s)-[:HAS_DELIVERY]->(:WebhookDelivery {id: $subscription + '_d' + i, subscriptionId: $subscription,
                      eventId: e.id, eventType: 'ContactCreate', aggregateId: e.aggregateId, locationId: $location,
                      status: CASE WHEN i >= $delivered THEN 'PENDING' ELSE 'DELIVERED' END, attempts: 0, nextAttemptAt: $now,
                      createdAt: $now})""", Map.of("subscription", subscription, "location", location, "delivered", delivered,
                    "pending", pendingCount, "now", now)).consume();
            String pending = subscription + "_d" + delivered;
            Map<String, Long> hits = new java.util.LinkedHashMap<>();
            hits.put("due deliveries", dbHits(tx.run("PROFILE " + withoutPrefix(DeliveryRepository.DUE_DELIVERIES), Map.of("now", now.plusSeconds(1),
                    "limit", 4, "room", Map.of(), "defaultRoom", 4)).consume().profile()));
            hits.put("lease", dbHits(tx.run("PROFILE " + withoutPrefix(DeliveryRepository.LEASE_DELIVERIES), Map.of("ids", List.of(pending),
                    "now", now.plusSeconds(1), "owner", "plans", "leaseUntil", now.plusSeconds(60))).consume().profile()));
            hits.put("record attempts", dbHits(tx.run("PROFILE " + withoutPrefix(DeliveryRepository.RECORD_ATTEMPTS), Map.of("owner", "plans",
                    "attempts", List.of(Map.of("id", pending, "outcome", Map.of("status", "DELIVERED", "attempts", 1))))).consume().profile()));
            tx.rollback();
            return hits;
        }
    }
}
