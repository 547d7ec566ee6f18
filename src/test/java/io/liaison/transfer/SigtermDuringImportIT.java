package io.liaison.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.PackagedApp;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged service gets SIGTERM while it imports a 20,000-line contacts CSV (issue 22, item 1:
 * the stop used to interrupt the import's commit, which panicked the embedded database). The stop
 * must end the process within {@link #STOP_BOUND} of the signal, with nothing in the log of a
 * database panic; the next start must need no log recovery; the import must go on after the restart
 * from where it stopped, to its last line, without importing a line twice; and every write
 * acknowledged before the signal must still be there.
 */
class SigtermDuringImportIT {

    /**
     * A hard bound, not the target: docker's and Kubernetes' default grace period, after which the
     * process would be killed mid-commit. The 3 s target is a measurement on a quiet machine
     * (bench/stop-times.sh, docs/operations/reliability.md), not a timed assertion that a busy CI
     * machine could fail; this test prints the time it saw.
     */
    private static final Duration STOP_BOUND = Duration.ofSeconds(10);
    private static final int LINES = 20_000;
    /** Bounds, not expectations: a broken worker must not hang the build. */
    private static final Duration IMPORT_DEADLINE = Duration.ofMinutes(10);
    /** What Neo4j writes (in its debug.log and, at WARN, to the service's log) when a start finds the logs not cleanly closed. */
    private static final List<String> RECOVERY_MARKS = List.of("recovery required", "recovery completed", "starting recovery");
    /** What an interrupted commit leaves in the log. */
    private static final List<String> PANIC_MARKS = List.of("critical error", "shutdown failed", "closedbyinterruptexception",
            "panic", "database has encountered");

    private PackagedApp packaged;

    @BeforeEach
    void freshDataDirectory() throws IOException {
        packaged = new PackagedApp("sigterm", List.of("-Xmx512m"), Map.of());
    }

    @AfterEach
    void stopAndClean() throws Exception {
        packaged.close();
    }

    @Test
    void aStopDuringAnImportIsCleanAndTheImportGoesOnAfterTheRestart() throws Exception {
        Process app = packaged.start();
        Tenant tenant = Api.newTenant("Sigterm");
        String before = tenant.createContact("Before", "Import");

        HttpResponse<String> accepted = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create(packaged.baseUrl() + "/contacts/import"))
                        .header("Authorization", "Bearer " + tenant.apiKey()).header("Content-Type", "text/csv")
                        .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofString(csv())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, accepted.statusCode(), accepted.body());
        String jobId = JsonPath.from(accepted.body()).getString("id");

        // Well into the import, with a batch being written: the state the reproduction stopped in.
        JsonPath running = await("the import to have written a batch", () -> job(tenant, jobId),
                job -> job.getLong("processed") >= 1000 || job.getString("status").equals("SUCCEEDED"));
        assertEquals("RUNNING", running.getString("status"), "the import still runs when the signal comes: " + running.prettify());
        String during = tenant.createContact("During", "Import");
        long logBeforeStop = Files.size(packaged.log());

        long signalled = System.nanoTime();
        app.destroy(); // SIGTERM
        boolean ended = app.waitFor(30, TimeUnit.SECONDS);
        Duration stop = Duration.ofNanos(System.nanoTime() - signalled);
        assertTrue(ended, "the process ended after SIGTERM:\n" + packaged.tail());
        assertNotEquals(137, app.exitValue(), "ended by its own shutdown, not killed");
        String stopLog = Files.readString(packaged.log()).substring((int) logBeforeStop);
        System.out.printf("SigtermDuringImportIT: stop during the import took %d ms (exit %d, load average %s)%n", stop.toMillis(),
                app.exitValue(), loadAverage());
        assertNoMark(stopLog, PANIC_MARKS, "the stop's log");
        assertTrue(stopLog.contains("Embedded Neo4j stopped cleanly"), "the database was closed by the stop:\n" + stopLog);

        long logBeforeRestart = Files.size(packaged.log());
        long debugLogBeforeRestart = Files.exists(debugLog()) ? Files.size(debugLog()) : 0;
        packaged.start();
        String restartLog = Files.readString(packaged.log()).substring((int) logBeforeRestart);
        String debugLog = Files.exists(debugLog()) ? Files.readString(debugLog()).substring((int) debugLogBeforeRestart) : "";
        assertNoMark(restartLog, RECOVERY_MARKS, "the restart's log");
        assertNoMark(debugLog, RECOVERY_MARKS, "Neo4j's debug.log of the restart");
        assertNoMark(restartLog, PANIC_MARKS, "the restart's log");

        JsonPath finished = await("the import to go on after the restart and finish", () -> job(tenant, jobId),
                job -> job.getString("status").equals("SUCCEEDED") || job.getString("status").equals("FAILED")
                        || job.getString("status").equals("COMPLETED_WITH_ERRORS"));
        assertEquals("SUCCEEDED", finished.getString("status"), finished.prettify());
        assertEquals(LINES, finished.getLong("processed"), "every line read once: " + finished.prettify());
        assertEquals(LINES, finished.getLong("created"), "every line created once: " + finished.prettify());
        assertEquals(LINES + 2, total(tenant), "the imported contacts and the two created around the stop, none twice");
        tenant.request().get("/contacts/" + before).then().statusCode(200);
        tenant.request().get("/contacts/" + during).then().statusCode(200);
        for (int line : List.of(1, LINES / 2, LINES)) {
            tenant.request().body(Map.of("locationId", tenant.locationId(), "query", email(line)))
                    .post("/contacts/search").then().statusCode(200).body("total", org.hamcrest.Matchers.equalTo(1));
        }
        // Last, so that a slow stop on a loaded machine still lets the test show whether the rest holds.
        assertTrue(stop.compareTo(STOP_BOUND) <= 0, "stopped within " + STOP_BOUND + " of SIGTERM, took " + stop.toMillis()
                + " ms (load average " + loadAverage() + "):\n" + stopLog);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String csv() {
        StringBuilder csv = new StringBuilder("firstName,lastName,email\n");
        for (int line = 1; line <= LINES; line++) {
            csv.append("First").append(line).append(",Last").append(line).append(',').append(email(line)).append('\n');
        }
        return csv.toString();
    }

    private static String email(int line) {
        return "sigterm-" + line + "@import.test";
    }

    private Path debugLog() {
        return packaged.dataDir().resolve("logs").resolve("debug.log");
    }

    private static JsonPath job(Tenant tenant, String jobId) {
        return tenant.request().get("/imports/" + jobId).then().statusCode(200).extract().jsonPath();
    }

    private static int total(Tenant tenant) {
        return ((Number) tenant.request().get("/contacts/").then().statusCode(200).extract().path("total")).intValue();
    }

    private static void assertNoMark(String log, List<String> marks, String what) {
        String lower = log.toLowerCase(Locale.ROOT);
        for (String mark : marks) {
            assertFalse(lower.contains(mark), what + " contains '" + mark + "':\n" + around(log, lower.indexOf(mark)));
        }
    }

    private static String around(String log, int at) {
        return log.substring(Math.max(0, at - 2000), Math.min(log.length(), at + 2000));
    }

    private <T> T await(String what, java.util.function.Supplier<T> read, java.util.function.Predicate<T> done) throws Exception {
        Instant deadline = Instant.now().plus(IMPORT_DEADLINE);
        while (true) {
            T value = read.get();
            if (done.test(value)) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                fail("waited " + IMPORT_DEADLINE + " for " + what + "; last seen: " + value + "\n" + packaged.tail());
            }
            Thread.sleep(200);
        }
    }
}
