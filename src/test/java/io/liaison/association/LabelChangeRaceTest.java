package io.liaison.association;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.Neo4jTestResource;
import io.liaison.support.Race;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Links take a shared lock on their label, so they run in parallel; a label change takes it
 * exclusively. These races check the other half of that promise: a change of the label never
 * leaves a link that breaks its new rule, and deleting it never leaves a link behind.
 */
@QuarkusTest
class LabelChangeRaceTest {

    private static final int ROUNDS = 8;

    @Test
    void linksRacedAgainstCardinalityTighteningNeverBreakTheNewCardinality() throws Exception {
        Tenant tenant = Api.newTenant("Tightening races");
        int tightenedWithLinks = 0;
        for (int round = 0; round < ROUNDS; round++) {
            String label = tenant.createAssociation("reports_" + round, "contact", "Employee", "contact", "Manager", null);
            List<String> employees = new ArrayList<>();
            List<String> managers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                employees.add(tenant.createContact("Employee" + i, "R" + round));
                managers.add(tenant.createContact("Manager" + i, "R" + round));
            }
            List<Callable<Integer>> calls = new ArrayList<>();
            for (String employee : employees) {
                for (String manager : managers) {
                    calls.add(() -> tenant.link(label, employee, manager).then().extract().statusCode());
                }
            }
            // Tightenings spread through the race: each is allowed only while no employee has two managers.
            for (int i = 0; i < 3; i++) {
                calls.add(i * 4, () -> tenant.request().body(Map.of("firstObjectLabel", "Employee", "secondObjectLabel", "Manager",
                        "cardinality", "MANY_TO_ONE")).put("/associations/" + label).then().extract().statusCode());
            }
            List<Integer> statuses = Race.run(calls);
            assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 201 || s == 409), statuses.toString());
            String cardinality = tenant.request().get("/associations/" + label).then().statusCode(200).extract().path("cardinality");
            long links = linksUnder(label);
            if (cardinality.equals("MANY_TO_ONE")) {
                for (String employee : employees) {
                    assertTrue(managersOf(label, employee) <= 1, "round " + round + ": employee " + employee + " has "
                            + managersOf(label, employee) + " managers under MANY_TO_ONE; statuses " + statuses);
                }
                if (links > 0) {
                    tightenedWithLinks++;
                }
            }
            assertEquals(Race.count(statuses, 201), links, "every 201 is a link, and nothing else is");
        }
        // The race is only a test if the tightening sometimes won while links were being made.
        assertTrue(tightenedWithLinks > 0, "no round tightened the label while links were made");
    }

    @Test
    void linksRacedAgainstAForcedDeleteLeaveNoOrphanLink() throws Exception {
        Tenant tenant = Api.newTenant("Delete races");
        for (int round = 0; round < ROUNDS; round++) {
            String label = tenant.createAssociation("friend_" + round, "contact", "Friend", "contact", null, null);
            String hub = tenant.createContact("Hub", "R" + round);
            List<String> others = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                others.add(tenant.createContact("Friend" + i, "R" + round));
            }
            tenant.linked(label, hub, others.get(0));
            List<Callable<Integer>> calls = new ArrayList<>();
            for (String other : others.subList(1, others.size())) {
                calls.add(() -> tenant.link(label, hub, other).then().extract().statusCode());
            }
            calls.add(5, () -> tenant.request().queryParam("force", true).delete("/associations/" + label).then().extract().statusCode());
            List<Integer> statuses = Race.run(calls);
            assertEquals(1, Race.count(statuses, 200), statuses.toString());
            assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 201 || s == 404), statuses.toString());
            tenant.request().get("/associations/" + label).then().statusCode(404);
            assertEquals(0, linksUnder(label), "round " + round + ": links outlived their deleted label; statuses " + statuses);
            tenant.request().get("/associations/relations/" + hub).then().statusCode(200).body("total", equalTo(0));
        }
    }

    /** Read straight from the graph, so a link the API no longer shows is still counted. */
    private static long linksUnder(String associationId) {
        return (long) Neo4jTestResource.neo4j().defaultDatabaseService().executeTransactionally(
                "MATCH ()-[r]->() WHERE r.associationId = $id RETURN count(r) AS links", Map.of("id", associationId),
                result -> result.next().get("links"));
    }

    private static long managersOf(String associationId, String employeeId) {
        return (long) Neo4jTestResource.neo4j().defaultDatabaseService().executeTransactionally(
                "MATCH (:Record {id: $employee})-[r]->() WHERE r.associationId = $id RETURN count(r) AS links",
                Map.of("id", associationId, "employee", employeeId), result -> result.next().get("links"));
    }
}
