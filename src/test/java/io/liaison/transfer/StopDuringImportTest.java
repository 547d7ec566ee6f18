package io.liaison.transfer;

import static org.hamcrest.Matchers.containsString;
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
 * would panic the database), the batch in progress commits, the job says it stopped with the service,
 * and the database keeps serving. A worker of the test's own is stopped, not the service's.
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
        int lines = 200_000;
        StringBuilder csv = new StringBuilder("firstName,lastName,email\n");
        for (int i = 0; i < lines; i++) {
            csv.append("Stop").append(i).append(",Import,stop").append(i).append("@example.com\n");
        }
        Path file = Files.createTempFile(Path.of("target"), "stop-import", ".csv");
        Files.writeString(file, csv);
        String id = Ids.newId();
        jobs.create(id, tenant.locationId(), "contacts", file.toString());
        ImportWorker worker = new ImportWorker(config, jobs, handlers);

        worker.submit(id);
        long giveUpAt = System.nanoTime() + 120_000_000_000L;
        while (jobs.find(tenant.locationId(), id).orElseThrow().processed() == 0) {
            assertTrue(System.nanoTime() < giveUpAt, "the import never started");
            Thread.sleep(20);
        }
        worker.stop(null);

        var job = tenant.request().get("/imports/" + id).then().statusCode(200)
                .body("status", equalTo("FAILED")).body("failure", containsString("service stopped")).extract();
        int processed = job.path("processed");
        assertTrue(processed > 0 && processed < lines, "stopped between batches: " + processed);
        assertEquals(0, processed % config.batchSize(), "whole batches only: " + processed);
        // The database was not panicked: it still writes, through the API and in-process.
        tenant.createContact("After", "Stop");
        assertEquals(1L, (long) db.write(tx -> tx.run("CREATE (n:StopProbe) RETURN count(n) AS n").single().get("n").asLong()));
        db.write(tx -> tx.run("MATCH (n:StopProbe) DELETE n").consume());
    }
}
