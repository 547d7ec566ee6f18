package io.liaison.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.PackagedApp;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service is killed with SIGKILL right after it acknowledged a burst of writes, then
 * started again on the same data: every event of those writes still reaches the webhook, signed,
 * in each record's order. Runs after {@code package} (failsafe), on the real jar, with the embedded
 * database on a data directory of its own and free ports.
 *
 * <p>The receiver holds every request open until the kill, so no delivery is acknowledged before
 * it: the restarted service must send them all, including the ones the killed one had leased.
 */
class KillNineIT {

    /** Short, so the leases of the killed instance (twice this plus 30 s) expire within the test. */
    private static final String WEBHOOK_TIMEOUT = "2s";
    /** A bound, not an expectation: unloaded, the deliveries take about 35 s (the killed instance's leases). */
    private static final Duration DELIVERY_DEADLINE = Duration.ofMinutes(5);
    private static final int CONTACTS = 8;

    private PackagedApp packaged;
    private Process app;

    @BeforeEach
    void freshDataDirectory() throws IOException {
        packaged = new PackagedApp("kill-nine", List.of("-Xmx768m"), Map.of(
                "LIAISON_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true",
                "LIAISON_WEBHOOKS_POLL_INTERVAL", "200ms",
                "LIAISON_WEBHOOKS_TIMEOUT", WEBHOOK_TIMEOUT,
                "LIAISON_WEBHOOKS_BACKOFF_BASE", "1s",
                "LIAISON_WEBHOOKS_BACKOFF_MAX", "2s",
                // The receiver holds every request until the kill, however long the writes take: never dead-letter meanwhile.
                "LIAISON_WEBHOOKS_MAX_ATTEMPTS", "100000"));
    }

    @AfterEach
    void stopAndClean() throws Exception {
        packaged.close();
    }

    @Test
    void everyAcknowledgedWriteIsDeliveredAfterAKillNine() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            app = packaged.start();
            Tenant tenant = Api.newTenant("Kill nine");
            var hook = Outbox.subscribe(tenant, receiver.url(), EventType.NAMES);
            receiver.hang();

            // What each record must receive, in order: its event types, and for contacts the first name each carries.
            Map<String, List<String>> expected = new LinkedHashMap<>();
            Map<String, List<String>> expectedNames = new LinkedHashMap<>();
            String label = tenant.createAssociation("buddy", "contact", "Buddy", "contact", null, null);
            expected.put(label, new ArrayList<>(List.of("AssociationCreate")));
            List<String> contacts = new ArrayList<>();
            for (int i = 0; i < CONTACTS; i++) {
                String id = tenant.createContact("Name" + i, "V0");
                contacts.add(id);
                expected.put(id, new ArrayList<>(List.of("ContactCreate")));
                expectedNames.put(id, new ArrayList<>(List.of("Name" + i)));
            }
            for (int round = 1; round <= 2; round++) {
                for (int i = 0; i < CONTACTS; i++) {
                    String id = contacts.get(i);
                    tenant.request().body(Map.of("firstName", "Name" + i + "v" + round)).put("/contacts/" + id).then().statusCode(200);
                    expected.get(id).add("ContactUpdate");
                    expectedNames.get(id).add("Name" + i + "v" + round);
                }
            }
            List<String> links = new ArrayList<>();
            for (int i = 0; i + 1 < CONTACTS; i += 2) {
                String link = tenant.linked(label, contacts.get(i), contacts.get(i + 1));
                links.add(link);
                expected.put(link, new ArrayList<>(List.of("RelationCreate")));
            }
            // Deleting a linked contact removes its link too: RelationDelete, then ContactDelete.
            tenant.request().delete("/contacts/" + contacts.get(0)).then().statusCode(200);
            expected.get(links.get(0)).add("RelationDelete");
            expected.get(contacts.get(0)).add("ContactDelete");
            expectedNames.get(contacts.get(0)).add("Name0v2");

            long pid = app.pid();
            app.destroyForcibly();
            assertTrue(app.waitFor(30, TimeUnit.SECONDS), "the killed process ended");
            assertEquals(137, app.exitValue(), "ended by SIGKILL (128 + 9), not by a shutdown");
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            assertFalse(packaged.answers("/q/health/live"), "nothing answers on the port any more");
            int expectedEvents = expected.values().stream().mapToInt(List::size).sum();
            receiver.stopHanging();

            app = packaged.start();

            List<Map<String, Object>> feed = await("the feed to hold every event", () -> feed(tenant),
                    events -> events.size() >= expectedEvents);
            assertEquals(expectedEvents, feed.size(), "one event per acknowledged write: " + feed);
            List<String> eventIds = feed.stream().map(e -> (String) e.get("id")).toList();
            await("every event to reach the webhook", receiver::received,
                    received -> received.stream().map(Receiver.Received::id).toList().containsAll(eventIds));

            // Per record, the events in the order they first arrived.
            Map<String, List<String>> arrivedTypes = new LinkedHashMap<>();
            Map<String, List<String>> arrivedNames = new LinkedHashMap<>();
            List<String> seen = new ArrayList<>();
            for (Receiver.Received request : receiver.received()) {
                Outbox.assertSigned(hook.secret(), request);
                if (seen.contains(request.id())) {
                    continue;
                }
                seen.add(request.id());
                JsonPath body = JsonPath.from(request.body());
                String about = body.getString("id");
                arrivedTypes.computeIfAbsent(about, k -> new ArrayList<>()).add(body.getString("type"));
                if (expectedNames.containsKey(about)) {
                    arrivedNames.computeIfAbsent(about, k -> new ArrayList<>()).add(body.getString("firstName"));
                }
            }
            assertEquals(expected, arrivedTypes, "every event once at least, in each record's order");
            assertEquals(expectedNames, arrivedNames);
            // The receiver answered nothing before the kill, so every delivery was completed by the restarted service.
            List<String> statuses = await("every delivery to be recorded as delivered", () -> deliveryStatuses(tenant, hook.id()),
                    all -> all.size() == expectedEvents && all.stream().allMatch("DELIVERED"::equals));
            assertEquals(expectedEvents, statuses.size());
        }
    }

    private static List<String> deliveryStatuses(Tenant tenant, String webhookId) {
        return tenant.request().queryParam("limit", 100).get("/webhooks/" + webhookId + "/deliveries").then().statusCode(200)
                .extract().jsonPath().getList("deliveries.status", String.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> feed(Tenant tenant) {
        List<Map<String, Object>> events = new ArrayList<>();
        String cursor = "0";
        while (true) {
            JsonPath page = tenant.request().queryParam("after", cursor).queryParam("limit", 100).get("/events")
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> batch = page.getList("events");
            events.addAll(batch);
            cursor = page.getString("nextCursor");
            if (batch.size() < 100) {
                return events;
            }
        }
    }

    /** Polls {@code read} until {@code done} holds, failing with what was last read once the deadline passes. */
    private <T> T await(String what, java.util.function.Supplier<T> read, java.util.function.Predicate<T> done) throws Exception {
        Instant deadline = Instant.now().plus(DELIVERY_DEADLINE);
        while (true) {
            T value = read.get();
            if (done.test(value)) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                fail("waited " + DELIVERY_DEADLINE + " for " + what + "; last seen: " + value + "\n" + packaged.tail());
            }
            Thread.sleep(250);
        }
    }
}
