package io.liaison.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.association.RelationRepository;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.support.Api;
import io.liaison.support.StandaloneNeo4j;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.inject.Inject;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 22, item 2: the service talks Bolt to a Neo4j in another process, and that process is paused
 * with SIGSTOP (a frozen VM, a GC pause of a server, a network that drops packets): the driver has no
 * read timeout, and requests used to wait as long as the pause lasted (71-75 s). Now every request
 * gets 503 with Retry-After, readiness is DOWN, and after SIGCONT requests succeed again without a
 * restart of the service.
 *
 * <p>The bound is 2 s; the test's client gives up after {@link #CLIENT_PATIENCE} (a correctness
 * bound, loose for a shared machine), and prints the times it saw.
 */
@QuarkusTest
@TestProfile(FrozenDatabaseTest.SeparateProcess.class)
class FrozenDatabaseTest {

    private static final int CLIENT_PATIENCE_MILLIS = 4_000;
    /** Below LIAISON_BOLT_CALL_TIMEOUT (30 s): only the heartbeat's verdict ends a streamed read this soon. */
    private static final int STREAM_PATIENCE_SECONDS = 20;

    @Inject
    GraphDatabase db;

    @Inject
    RelationRepository relations;

    public static class SeparateProcess implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Bolt, as an instance of a cluster or one pointed at another machine talks to its server.
            return Map.of("liaison.in-process-transactions", "false");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SeparateNeo4j.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    /** A Neo4j in a child process ({@link StandaloneNeo4j}), which the test can pause and resume. */
    public static class SeparateNeo4j implements QuarkusTestResourceLifecycleManager {
        static Process process;

        @Override
        public Map<String, String> start() {
            try {
                process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                        "-cp", System.getProperty("java.class.path"), StandaloneNeo4j.class.getName())
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                String line;
                while ((line = out.readLine()) != null && !line.startsWith(StandaloneNeo4j.READY)) {
                    // Whatever the harness prints before it is up.
                }
                if (line == null) {
                    throw new IllegalStateException("The separate Neo4j ended before it was up");
                }
                String uri = line.substring(StandaloneNeo4j.READY.length()).strip();
                // Drained to the end: a child blocked on a full pipe would be a frozen database of its own.
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // The harness's own log lines.
                        }
                    } catch (IOException ended) {
                        // The child ended.
                    }
                }, "separate-neo4j-output");
                drain.setDaemon(true);
                drain.start();
                return Map.of(
                        "quarkus.neo4j.uri", uri,
                        "quarkus.neo4j.authentication.disabled", "true",
                        "liaison.embedded.enabled", "false");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void stop() {
            if (process != null) {
                signal("CONT");
                process.destroyForcibly();
            }
        }

        static void signal(String name) {
            try {
                Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
                assertEquals(0, kill.waitFor(), "kill -" + name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private final RestAssuredConfig impatient = RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
            .setParam("http.socket.timeout", CLIENT_PATIENCE_MILLIS).setParam("http.connection.timeout", CLIENT_PATIENCE_MILLIS));

    @AfterEach
    void resume() {
        SeparateNeo4j.signal("CONT");
    }

    @Test
    void whileTheDatabaseIsPausedEveryRequestIs503AndItRecoversWithoutARestart() throws Exception {
        var tenant = Api.newTenant("Frozen");
        String id = tenant.createContact("Ada", "Lovelace");
        tenant.request().get("/contacts/" + id).then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);

        // The first request goes to the database before the heartbeat has noticed anything, and waits on a pooled
        // connection: it is cut off by the heartbeat. The later ones are refused before they reach the database.
        SeparateNeo4j.signal("STOP");
        List<String> times = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            expect503(times, "read", () -> tenant.request().config(impatient).get("/contacts/" + id));
            expect503(times, "write", () -> tenant.request().config(impatient)
                    .body(Map.of("locationId", tenant.locationId(), "firstName", "Grace")).post("/contacts/"));
            expect503(times, "search", () -> tenant.request().config(impatient)
                    .body(Map.of("locationId", tenant.locationId(), "query", "Ada")).post("/contacts/search"));
            long started = System.nanoTime();
            given().config(impatient).get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
            times.add("ready DOWN " + (System.nanoTime() - started) / 1_000_000 + " ms");
        }
        System.out.println("FrozenDatabaseTest, answers while paused: " + times);

        SeparateNeo4j.signal("CONT");
        int status = 0;
        long resumed = System.nanoTime();
        for (int attempt = 0; attempt < 120 && status != 200; attempt++) {
            status = tenant.request().config(impatient).get("/contacts/" + id).then().extract().statusCode();
            if (status != 200) {
                Thread.sleep(250);
            }
        }
        assertEquals(200, status, "back in service once the database answers again, without a restart");
        System.out.printf("FrozenDatabaseTest: back %d ms after SIGCONT%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - resumed));
        String written = tenant.createContact("After", "Pause");
        tenant.request().get("/contacts/" + written).then().statusCode(200).body("contact.firstName", equalTo("After"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    /**
     * The streamed exports read through a transaction of their own, outside the request's bounded calls:
     * they used to wait as long as the pause lasted. One started on a paused database ends with 503.
     */
    @Test
    void anExportOnAPausedDatabaseEndsWith503InsteadOfWaiting() throws Exception {
        var tenant = Api.newTenant("Frozen export");
        tenant.createContact("Ada", "Export");
        SeparateNeo4j.signal("STOP");
        Throwable failure = withinPatience(STREAM_PATIENCE_SECONDS, () -> db.readStreamed((tx, emit) -> {
            // What the relation CSV export reads (RelationCsv.export), its rows dropped.
            for (var label : relations.labelsToExport(tx, tenant.locationId(), null)) {
                relations.linksToExport(tx, label, emit);
            }
        }, (RelationRepository.ExportedLink link) -> {
        }));
        assertInstanceOf(ServiceUnavailableException.class, failure, String.valueOf(failure));
    }

    /**
     * A streamed read already sending rows when the database pauses ends with 503 too. The bound is
     * counted from the pause, not from the start: in one run of the whole class at load 40 this read,
     * started right after the previous test resumed the server, had not ended 20 s after it began (cause
     * not established: the threads are now printed if it happens again); alone it gave up 2.6 s after
     * the pause, having handed on the 1,000 rows of the driver's first batch.
     */
    @Test
    void aStreamedReadCutOffByAPauseEndsWith503() throws Exception {
        AtomicLong handedOn = new AtomicLong();
        AtomicLong pausedAt = new AtomicLong();
        Throwable failure = withinPatience(4 * STREAM_PATIENCE_SECONDS, () -> db.readStreamed((tx, emit) -> {
            var rows = tx.run("UNWIND range(1, $n) AS i RETURN i", Map.of("n", 2_000_000));
            while (rows.hasNext()) {
                emit.accept(rows.next().get("i").asLong());
            }
        }, (Long row) -> {
            if (handedOn.incrementAndGet() == 1) {
                SeparateNeo4j.signal("STOP");
                pausedAt.set(System.nanoTime());
            }
        }));
        long afterPause = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pausedAt.get());
        System.out.println("FrozenDatabaseTest: the streamed read gave up " + afterPause + " ms after the pause");
        assertTrue(afterPause < STREAM_PATIENCE_SECONDS * 1000L, "gave up " + afterPause + " ms after the pause");
        System.out.println("FrozenDatabaseTest: rows handed on before the streamed read gave up: " + handedOn);
        assertInstanceOf(ServiceUnavailableException.class, failure, String.valueOf(failure));
        assertTrue(handedOn.get() < 2_000_000, handedOn + " rows");
    }

    /** What {@code call} threw, or a failure if it took longer than a hang-free service could (it was left waiting). */
    private static Throwable withinPatience(int patienceSeconds, ThrowingCall call) throws Exception {
        var running = Executors.newSingleThreadExecutor();
        try {
            long started = System.nanoTime();
            var outcome = running.submit(() -> {
                try {
                    call.run();
                    return null;
                } catch (Throwable e) {
                    return e;
                }
            });
            Throwable failure = outcome.get(patienceSeconds, TimeUnit.SECONDS);
            System.out.printf("FrozenDatabaseTest: a streamed read ended %d ms after it began: %s%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), failure);
            return failure;
        } catch (TimeoutException hung) {
            Thread.getAllStackTraces().forEach((thread, stack) -> {
                if (thread.getName().startsWith("pool-") || thread.getName().startsWith("liaison-bolt")) {
                    System.out.println("FrozenDatabaseTest: " + thread.getName() + " " + thread.getState() + "\n      at "
                            + String.join("\n      at ", java.util.Arrays.stream(stack).limit(25).map(String::valueOf).toList()));
                }
            });
            return fail("still waiting on the paused database after " + patienceSeconds + " s");
        } finally {
            running.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }

    private static void expect503(List<String> times, String what, Supplier<Response> request) {
        long started = System.nanoTime();
        Response answer = request.get();
        long millis = (System.nanoTime() - started) / 1_000_000;
        times.add(what + " " + answer.statusCode() + " " + millis + " ms");
        assertEquals(503, answer.statusCode(), what + ": " + answer.asString());
        answer.then().header("Retry-After", matchesPattern("[1-9][0-9]*")).body("code", equalTo("DATABASE_UNAVAILABLE"));
        assertTrue(millis < CLIENT_PATIENCE_MILLIS, what + " answered in " + millis + " ms");
    }
}
