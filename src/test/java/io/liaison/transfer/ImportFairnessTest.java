package io.liaison.transfer;

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
 * Issue 22 (item 8): one import worker per process served the locations first come, first served, so a
 * 1-line import waited 8.3 s behind another location's 5,000 lines. Now the locations take turns a
 * batch each: the small import, queued after the large one started, finishes while the large one still
 * runs. An ordering, not a time: under the old queue the large one always finished first.
 */
@QuarkusTest
class ImportFairnessTest {

    @Inject
    ImportConfig config;

    @Inject
    GraphDatabase db;

    @Inject
    ImportJobRepository jobs;

    @Inject
    Instance<ImportHandler> handlers;

    @Test
    void aOneLineImportOfAnotherLocationDoesNotWaitForALargeOne() throws Exception {
        Tenant large = Api.newTenant("Large import");
        Tenant small = Api.newTenant("Small import");
        String largeJob = job(large, 5_000, "large");
        String smallJob = job(small, 1, "small");
        ImportWorker worker = new ImportWorker(config, db, jobs, handlers);
        try {
            worker.submit(large.locationId(), largeJob);
            long giveUpAt = System.nanoTime() + 120_000_000_000L;
            while (db.read(tx -> jobs.find(tx, large.locationId(), largeJob)).orElseThrow().processed() == 0) {
                assertTrue(System.nanoTime() < giveUpAt, "the large import never started");
                Thread.sleep(10);
            }
            worker.submit(small.locationId(), smallJob);
            ImportJob smallDone;
            while (!(smallDone = db.read(tx -> jobs.find(tx, small.locationId(), smallJob)).orElseThrow()).status().finished()) {
                assertTrue(System.nanoTime() < giveUpAt, "the small import never finished");
                Thread.sleep(10);
            }
            ImportJob largeThen = db.read(tx -> jobs.find(tx, large.locationId(), largeJob)).orElseThrow();

            assertEquals(ImportJob.Status.SUCCEEDED, smallDone.status());
            assertEquals(1, smallDone.created());
            assertEquals(ImportJob.Status.RUNNING, largeThen.status(),
                    "the large import still runs when the small one is done: processed " + largeThen.processed());
            assertTrue(largeThen.processed() < 5_000, "processed " + largeThen.processed());

            while (!db.read(tx -> jobs.find(tx, large.locationId(), largeJob)).orElseThrow().status().finished()) {
                assertTrue(System.nanoTime() < giveUpAt + 180_000_000_000L, "the large import never finished");
                Thread.sleep(50);
            }
            ImportJob largeDone = db.read(tx -> jobs.find(tx, large.locationId(), largeJob)).orElseThrow();
            assertEquals(ImportJob.Status.SUCCEEDED, largeDone.status());
            assertEquals(5_000, largeDone.created(), "every line of the large import once, its turns interleaved with the other's");
        } finally {
            worker.stop(null);
        }
    }

    private String job(Tenant tenant, int lines, String name) throws Exception {
        StringBuilder csv = new StringBuilder("firstName,lastName,email\n");
        for (int i = 0; i < lines; i++) {
            csv.append("Fair").append(i).append(',').append(name).append(",fair-").append(name).append(i).append("@example.com\n");
        }
        Path file = Files.createTempFile(Path.of("target"), "fair-" + name, ".csv");
        Files.writeString(file, csv);
        String id = Ids.newId();
        db.write(tx -> jobs.create(tx, id, tenant.locationId(), "contacts", file.toString()));
        return id;
    }
}
