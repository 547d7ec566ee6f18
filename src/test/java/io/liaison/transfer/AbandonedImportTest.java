package io.liaison.transfer;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.Timestamps;
import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A process killed mid-import leaves its job RUNNING with nobody reporting on it: it must end FAILED, saying how far it got. */
@QuarkusTest
class AbandonedImportTest {

    @Inject
    GraphDatabase db;

    @Inject
    ImportJobRepository jobs;

    @Inject
    ImportWorker worker;

    @Test
    void aJobNobodyReportsOnIsMarkedFailedWithWhatIsKnownAndItsFileRemoved() throws Exception {
        Tenant tenant = Api.newTenant("Abandoned import");
        Path file = Files.createTempFile("abandoned", ".csv");
        String running = Ids.newId();
        db.write(tx -> jobs.create(tx, running, tenant.locationId(), "contacts", file.toString()));
        db.write(tx -> jobs.start(tx, running));
        db.write(tx -> {
            jobs.recordProgress(tx, running, 1000, 990, 0, 10, java.util.List.of(), 100);
            return null;
        });
        String queued = Ids.newId();
        db.write(tx -> jobs.create(tx, queued, tenant.locationId(), "contacts", file.toString() + ".missing"));

        // What the periodic check does once staleAfter has passed without a report.
        assertTrue(worker.failAbandonedJobs(Timestamps.now().plusSeconds(1)) >= 2);

        tenant.request().get("/imports/" + running).then().statusCode(200)
                .body("status", equalTo("FAILED")).body("processed", equalTo(1000)).body("created", equalTo(990))
                .body("failure", containsString("after 1000 lines")).body("failure", containsString("after line 1001"))
                .body("finishedAt", notNullValue());
        tenant.request().get("/imports/" + queued).then().statusCode(200)
                .body("status", equalTo("FAILED")).body("failure", containsString("nothing was imported"));
        assertTrue(Files.notExists(file));
    }
}
