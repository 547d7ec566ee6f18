package io.liaison.association;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.LoweredLimits;
import io.liaison.support.Race;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Concurrent bulk requests, and bulk requests racing single links, create exactly what the rules allow (cap lowered to 5). */
@QuarkusTest
@TestProfile(LoweredLimits.class)
class RelationBulkRaceTest {

    private static Map<String, Object> link(String associationId, String first, String second) {
        return Map.of("associationId", associationId, "firstRecordId", first, "secondRecordId", second);
    }

    private static Response bulk(Tenant tenant, List<?> relations) {
        return tenant.request().body(Map.of("locationId", tenant.locationId(), "relations", relations))
                .post("/associations/relations/bulk");
    }

    @Test
    void concurrentBatchesAndSingleLinksNeverPassTheCap() throws Exception {
        Tenant tenant = Api.newTenant("Bulk cap race");
        String hub = tenant.createContact("Hub", "H");
        String label = tenant.createAssociation("knows", "contact", "Knows", "contact", null, null);
        AtomicInteger created = new AtomicInteger();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int request = 0; request < 12; request++) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String spoke = tenant.createContact("Spoke" + request + "-" + i, "S");
                items.add(i % 2 == 0 ? link(label, hub, spoke) : link(label, spoke, hub));
            }
            calls.add(() -> {
                Response response = bulk(tenant, items);
                created.addAndGet(response.path("created"));
                return response.statusCode();
            });
        }
        for (int single = 0; single < 6; single++) {
            String spoke = tenant.createContact("Single" + single, "S");
            calls.add(() -> {
                int status = tenant.link(label, spoke, hub).statusCode();
                if (status == 201) {
                    created.incrementAndGet();
                }
                return status == 409 ? 200 : status;
            });
        }
        List<Integer> statuses = Race.run(calls);
        assertEquals(calls.size(), Race.count(statuses, 200) + Race.count(statuses, 201), statuses.toString());
        assertEquals(5, created.get());
        tenant.request().get("/associations/relations/" + hub).then().body("total", equalTo(5));
    }

    @Test
    void concurrentBatchesKeepAOneToOneLabel() throws Exception {
        Tenant tenant = Api.newTenant("Bulk cardinality race");
        String label = tenant.createAssociation("spouse", "contact", "Spouse", "contact", null, "ONE_TO_ONE");
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            people.add(tenant.createContact("P" + i, "P"));
        }
        AtomicInteger created = new AtomicInteger();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int request = 0; request < 10; request++) {
            List<Object> items = new ArrayList<>();
            // Every batch tries pairs among the same eight people, in different orders: at most 4 pairs can hold.
            for (int i = 0; i < 8; i++) {
                int a = (i + request) % 8;
                int b = (i * 3 + request + 1) % 8;
                if (a != b) {
                    items.add(link(label, people.get(a), people.get(b)));
                }
            }
            calls.add(() -> {
                Response response = bulk(tenant, items);
                created.addAndGet(response.path("created"));
                return response.statusCode();
            });
        }
        List<Integer> statuses = Race.run(calls);
        assertEquals(calls.size(), Race.count(statuses, 200), statuses.toString());
        int total = 0;
        for (String person : people) {
            int links = tenant.request().get("/associations/relations/" + person).then().extract().path("total");
            assertEquals(true, links <= 1, person + " has " + links + " spouses");
            total += links;
        }
        assertEquals(created.get() * 2, total);
    }

    @Test
    void batchesOverlappingInOppositeOrdersAllFinish() throws Exception {
        Tenant tenant = Api.newTenant("Bulk lock order");
        String knows = tenant.createAssociation("knows", "contact", "Knows", "contact", null, null);
        String likes = tenant.createAssociation("likes", "contact", "Likes", "contact", "Liked by", null);
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            people.add(tenant.createContact("Q" + i, "Q"));
        }
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int request = 0; request < 12; request++) {
            List<Object> items = new ArrayList<>();
            boolean reversed = request % 2 == 1;
            for (int i = 0; i < 5; i++) {
                String a = people.get(reversed ? 5 - i : i);
                String b = people.get(reversed ? 4 - i : i + 1);
                items.add(link(reversed ? likes : knows, a, b));
                items.add(link(reversed ? knows : likes, b, a));
            }
            calls.add(() -> bulk(tenant, items).statusCode());
        }
        List<Integer> statuses = Race.run(calls);
        assertEquals(calls.size(), Race.count(statuses, 200), statuses.toString());
        // Both orders name the same links: 5 "knows" pairs and 5 "likes"; each exists once whatever the interleaving.
        int total = 0;
        for (String person : people) {
            total += (int) tenant.request().get("/associations/relations/" + person).then().extract().path("total");
        }
        assertEquals(2 * (5 + 5), total);
    }
}
