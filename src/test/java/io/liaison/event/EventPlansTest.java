package io.liaison.event;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.summary.Plan;

/**
 * The sequencer's cost per event does not grow with the number of events: numbering finds each event
 * by an index seek, and a batch of new events is read in id order from an index, without scanning or
 * sorting every new event. Planned by the real Neo4j with EXPLAIN.
 */
@QuarkusTest
class EventPlansTest {

    @Inject
    Driver driver;

    private Plan explain(String statement, Map<String, Object> parameters) {
        Api.awaitReady(); // the indexes come with the schema, applied as the service starts
        try (var session = driver.session(SessionConfig.forDatabase("neo4j"))) {
            return session.executeRead(tx -> tx.run("EXPLAIN " + statement, parameters).consume().plan());
        }
    }

    private static boolean uses(Plan plan, String operator) {
        return plan.operatorType().startsWith(operator) || plan.children().stream().anyMatch(child -> uses(child, operator));
    }

    @Test
    void numberingAnEventSeeksItByIdInsteadOfScanningTheLabel() {
        Plan plan = explain(EventRepository.NUMBER_EVENTS, Map.of("events", List.of(Map.of("id", "01JEZ6Q4W3X8Y9ZA1B2C3D4E5F", "seq", 1))));
        assertTrue(uses(plan, "NodeUniqueIndexSeek") || uses(plan, "NodeIndexSeek"), plan.toString());
        assertFalse(uses(plan, "NodeByLabelScan") || uses(plan, "AllNodesScan"), plan.toString());
    }

    @Test
    void aBatchOfNewEventsIsReadInIndexOrderWithoutASort() {
        Plan plan = explain(EventRepository.NEW_EVENTS, Map.of("limit", 200));
        assertFalse(uses(plan, "NodeByLabelScan") || uses(plan, "AllNodesScan"), plan.toString());
        assertFalse(uses(plan, "Sort") || uses(plan, "Top") || uses(plan, "PartialSort"), plan.toString());
    }
}
