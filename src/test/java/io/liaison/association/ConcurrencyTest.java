package io.liaison.association;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.Race;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The core promise: however many requests race, the duplicate, cardinality and limit checks hold,
 * because each runs in the writing transaction after the locks are taken. Each test fires real
 * concurrent HTTP requests, then reads back exactly what was allowed.
 */
@QuarkusTest
class ConcurrencyTest {

    private static final int RACERS = 24;
    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant("Races");
    }

    private Callable<Integer> link(String associationId, String first, String second) {
        return () -> tenant.link(associationId, first, second).then().extract().statusCode();
    }

    private long linksOf(String recordId) {
        return ((Number) tenant.request().queryParam("limit", 100).get("/associations/relations/" + recordId).then()
                .statusCode(200).extract().path("total")).longValue();
    }

    @Test
    void identicalLinksRacingCreateOneLink() throws Exception {
        String a = tenant.createContact("A", "One");
        String b = tenant.createContact("B", "Two");
        String label = tenant.createAssociation("buyer_seller", "contact", "Buyer", "contact", "Seller", null);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            calls.add(link(label, a, b));
        }
        List<Integer> statuses = Race.run(calls);
        assertEquals(1, Race.count(statuses, 201), statuses.toString());
        assertEquals(RACERS - 1, Race.count(statuses, 409), statuses.toString());
        assertEquals(1, linksOf(a));
        assertEquals(1, linksOf(b));
    }

    @Test
    void oppositeOrdersOnASymmetricLabelCreateOneLink() throws Exception {
        String a = tenant.createContact("A", "One");
        String b = tenant.createContact("B", "Two");
        String label = tenant.createAssociation("colleague", "contact", "Colleague", "contact", null, null);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            calls.add(i % 2 == 0 ? link(label, a, b) : link(label, b, a));
        }
        List<Integer> statuses = Race.run(calls);
        assertEquals(1, Race.count(statuses, 201), statuses.toString());
        assertEquals(RACERS - 1, Race.count(statuses, 409), statuses.toString());
        assertEquals(1, linksOf(a));
    }

    @Test
    void oneToOneWithManyCandidatesLinksOnce() throws Exception {
        String label = tenant.createAssociation("spouse", "contact", "Spouse", "contact", null, "ONE_TO_ONE");
        String bride = tenant.createContact("Bride", "X");
        List<String> suitors = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            suitors.add(tenant.createContact("Suitor" + i, "Y"));
        }
        List<Callable<Integer>> calls = new ArrayList<>();
        for (String suitor : suitors) {
            // Half propose from each side, so both ends of the symmetric rule are raced.
            calls.add(suitors.indexOf(suitor) % 2 == 0 ? link(label, bride, suitor) : link(label, suitor, bride));
        }
        List<Integer> statuses = Race.run(calls);
        assertEquals(1, Race.count(statuses, 201), statuses.toString());
        assertEquals(suitors.size() - 1, Race.count(statuses, 409), statuses.toString());
        assertEquals(1, linksOf(bride));
        assertEquals(1, suitors.stream().filter(s -> linksOf(s) == 1).count());
    }

    @Test
    void manyToOneRacedFromBothSidesKeepsOneLinkPerFirstRecord() throws Exception {
        // first = employee, second = manager: each employee has at most one manager.
        String label = tenant.createAssociation("reports_to", "contact", "Employee", "contact", "Manager", "MANY_TO_ONE");
        List<String> employees = new ArrayList<>();
        List<String> managers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            employees.add(tenant.createContact("Employee" + i, "E"));
            managers.add(tenant.createContact("Manager" + i, "M"));
        }
        List<Callable<Integer>> calls = new ArrayList<>();
        for (String employee : employees) {
            for (String manager : managers) {
                calls.add(link(label, employee, manager));
            }
        }
        List<Integer> statuses = Race.run(calls);
        assertEquals(employees.size(), Race.count(statuses, 201), statuses.toString());
        assertEquals(calls.size() - employees.size(), Race.count(statuses, 409), statuses.toString());
        for (String employee : employees) {
            assertEquals(1, linksOf(employee), "employee " + employee);
        }
        assertEquals(employees.size(), managers.stream().mapToLong(this::linksOf).sum());
    }

    @Test
    void oneToManyRacedFromTheOtherSideKeepsOneLinkPerSecondRecord() throws Exception {
        // The mirror: first = manager, second = employee; each employee still has at most one manager.
        String label = tenant.createAssociation("manages", "contact", "Manager", "contact", "Employee", "ONE_TO_MANY");
        List<String> employees = new ArrayList<>();
        List<String> managers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            employees.add(tenant.createContact("Staff" + i, "E"));
            managers.add(tenant.createContact("Lead" + i, "M"));
        }
        List<Callable<Integer>> calls = new ArrayList<>();
        for (String manager : managers) {
            for (String employee : employees) {
                calls.add(link(label, manager, employee));
            }
        }
        List<Integer> statuses = Race.run(calls);
        assertEquals(employees.size(), Race.count(statuses, 201), statuses.toString());
        assertEquals(calls.size() - employees.size(), Race.count(statuses, 409), statuses.toString());
        for (String employee : employees) {
            assertEquals(1, linksOf(employee), "employee " + employee);
        }
    }

    @Test
    void theLabelsPerObjectPairLimitHoldsUnderARace() throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            Map<String, Object> body = new HashMap<>();
            body.put("locationId", tenant.locationId());
            body.put("key", "race_" + i);
            body.put("firstObjectKey", "contact");
            body.put("firstObjectLabel", "A" + i);
            body.put("secondObjectKey", "contact");
            body.put("secondObjectLabel", "B" + i);
            calls.add(() -> tenant.request().body(body).post("/associations/").then().extract().statusCode());
        }
        List<Integer> statuses = Race.run(calls);
        assertEquals(10, Race.count(statuses, 201), statuses.toString());
        assertEquals(RACERS - 10, Race.count(statuses, 409), statuses.toString());
        tenant.request().get("/associations/").then().body("total", equalTo(10));
    }

    @Test
    void theSameKeyRacedCreatesOneLabel() throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.add(() -> tenant.request().body(Map.of("locationId", tenant.locationId(), "key", "same_key", "firstObjectKey", "contact",
                    "firstObjectLabel", "Same", "secondObjectKey", "contact")).post("/associations/").then().extract().statusCode());
        }
        List<Integer> statuses = Race.run(calls);
        assertEquals(1, Race.count(statuses, 201), statuses.toString());
        assertEquals(11, Race.count(statuses, 409), statuses.toString());
    }
}
