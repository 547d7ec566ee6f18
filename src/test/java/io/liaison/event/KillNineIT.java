package io.liaison.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final String AGENCY_TOKEN = Api.AGENCY_TOKEN;
    /** Short, so the leases of the killed instance (twice this plus 30 s) expire within the test. */
    private static final String WEBHOOK_TIMEOUT = "2s";
    /**
     * Bounds, not expectations: unloaded, a start takes about 10 s and the deliveries about 35 s (the
     * killed instance's leases); on a machine shared with other builds a start took 156 s.
     */
    private static final Duration START_DEADLINE = Duration.ofMinutes(5);
    private static final Duration DELIVERY_DEADLINE = Duration.ofMinutes(5);
    private static final int CONTACTS = 8;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Path dataDir;
    private Path log;
    private int httpPort;
    private int boltPort;
    private Process app;

    @BeforeEach
    void freshDataDirectory() throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by package, before the integration tests");
        Files.createDirectories(Path.of("target"));
        dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "kill-nine-");
        log = dataDir.resolve("app.log");
        httpPort = freePort();
        boltPort = freePort();
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = httpPort;
    }

    @AfterEach
    void stopAndClean() throws Exception {
        if (app != null && app.isAlive()) {
            app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        RestAssured.reset();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void everyAcknowledgedWriteIsDeliveredAfterAKillNine() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            app = start();
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
            assertFalse(answers("/q/health/live"), "nothing answers on the port any more");
            int expectedEvents = expected.values().stream().mapToInt(List::size).sum();
            receiver.stopHanging();

            app = start();

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

    private Process start() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                "-jar", JAR.toAbsolutePath().toString());
        Map<String, String> env = builder.environment();
        env.put("LIAISON_DATA_DIR", dataDir.toString());
        env.put("LIAISON_EMBEDDED_BOLT_PORT", Integer.toString(boltPort));
        env.put("LIAISON_EMBEDDED_PASSWORD", "kill-nine-password");
        env.put("LIAISON_AGENCY_TOKEN", AGENCY_TOKEN);
        env.put("LIAISON_BOOTSTRAP_DEFAULT_LOCATION", "false");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        env.put("LIAISON_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
        env.put("LIAISON_WEBHOOKS_POLL_INTERVAL", "200ms");
        env.put("LIAISON_WEBHOOKS_TIMEOUT", WEBHOOK_TIMEOUT);
        env.put("LIAISON_WEBHOOKS_BACKOFF_BASE", "1s");
        env.put("LIAISON_WEBHOOKS_BACKOFF_MAX", "2s");
        // The receiver holds every request until the kill, however long the writes take: never dead-letter meanwhile.
        env.put("LIAISON_WEBHOOKS_MAX_ATTEMPTS", "100000");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Kept in the field at once, so that the test's end stops it even when it never becomes ready.
        app = builder.start();
        Instant deadline = Instant.now().plus(START_DEADLINE);
        while (!answers("/q/health/ready")) {
            if (!app.isAlive()) {
                fail("the app ended while starting:\n" + tail());
            }
            if (Instant.now().isAfter(deadline)) {
                fail("the app was not ready within " + START_DEADLINE + ":\n" + tail());
            }
            Thread.sleep(250);
        }
        return app;
    }

    private boolean answers(String path) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
                fail("waited " + DELIVERY_DEADLINE + " for " + what + "; last seen: " + value + "\n" + tail());
            }
            Thread.sleep(250);
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
