package io.liaison.transfer;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Ids;
import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM while an import writes: the worker is not interrupted inside an in-process commit (which
 * would panic the database), the batch in progress commits, the job is queued again with exact
 * counters, the database keeps serving, and the next start's worker goes on after the last line
 * recorded, to the end, importing no line twice. Workers of the test's own are stopped and started,
 * not the service's. (SigtermDuringImportIT does the same to the packaged service with a real SIGTERM.)
 */
@QuarkusTest
class StopDuringImportTest {

    @Inject
    ImportConfig config;

    @Inject
    ImportJobRepository jobs;

    @Inject
    Instance<ImportHandler> handlers;

    @Inject
    GraphDatabase db;

    @Test
    void aStopMidImportLetsTheBatchCommitAndLeavesTheDatabaseHealthy() throws Exception {
        Tenant tenant = Api.newTenant("Stopped import");
        int lines = 20_000;
        StringBuilder csv = new StringBuilder("firstName,lastName,email\n");
        for (int i = 0; i < lines; i++) {
            csv.append("Stop").append(i).append(",Import,stop").append(i).append("@example.com\n");
        }
        Path file = Files.createTempFile(Path.of("target"), "stop-import", ".csv");
        Files.writeString(file, csv);
        String id = Ids.newId();
        db.write(tx -> jobs.create(tx, id, tenant.locationId(), "contacts", file.toString()));
        ImportWorker worker = new ImportWorker(config, db, jobs, handlers);

        worker.submit(tenant.locationId(), id);
        long giveUpAt = System.nanoTime() + 120_000_000_000L;
        while (db.read(tx -> jobs.find(tx, tenant.locationId(), id)).orElseThrow().processed() == 0) {
            assertTrue(System.nanoTime() < giveUpAt, "the import never started");
            Thread.sleep(20);
        }
        worker.stop(null);

        var job = tenant.request().get("/imports/" + id).then().statusCode(200)
                .body("status", equalTo("QUEUED")).extract();
        int processed = job.path("processed");
        assertTrue(processed > 0 && processed < lines, "stopped between batches: " + processed);
        assertEquals(processed, (int) job.path("created"), "every line recorded as processed was created, no other");
        assertEquals(processed, total(tenant), "the contacts written are those of the recorded batches");
        assertTrue(Files.isRegularFile(file), "the file is kept for the next start");
        // The database was not panicked: it still writes, through the API and in-process.
        tenant.createContact("After", "Stop");
        assertEquals(1L, (long) db.write(tx -> tx.run("CREATE (n:StopProbe) RETURN count(n) AS n").single().get("n").asLong()));
        db.write(tx -> tx.run("MATCH (n:StopProbe) DELETE n").consume());

        // The next start: the job goes on after its last recorded line.
        ImportWorker restarted = new ImportWorker(config, db, jobs, handlers);
        restarted.resumeQueued(null);
        giveUpAt = System.nanoTime() + 300_000_000_000L;
        while (!db.read(tx -> jobs.find(tx, tenant.locationId(), id)).orElseThrow().status().finished()) {
            assertTrue(System.nanoTime() < giveUpAt, "the resumed import never finished");
            Thread.sleep(100);
        }
        tenant.request().get("/imports/" + id).then().statusCode(200).body("status", equalTo("SUCCEEDED"))
                .body("processed", equalTo(lines)).body("created", equalTo(lines)).body("updated", equalTo(0));
        assertEquals(lines + 1, total(tenant), "each line once, and the contact created after the stop");
        assertTrue(!Files.exists(file), "the file of a finished job is deleted");
    }

    private static int total(Tenant tenant) {
        return ((Number) tenant.request().get("/contacts/").then().statusCode(200).extract().path("total")).intValue();
    }
}
