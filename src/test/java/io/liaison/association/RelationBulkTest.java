package io.liaison.association;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RelationBulkTest {

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant("Bulk links");
    }

    private static Map<String, Object> link(String associationId, String first, String second) {
        return Map.of("associationId", associationId, "firstRecordId", first, "secondRecordId", second);
    }

    private Response bulk(Tenant who, List<?> relations) {
        Map<String, Object> body = new HashMap<>();
        body.put("locationId", who.locationId());
        body.put("relations", relations);
        return who.request().body(body).post("/associations/relations/bulk");
    }

    private int linksOf(String recordId) {
        return tenant.request().get("/associations/relations/" + recordId).then().statusCode(200).extract().path("total");
    }

    @Test
    void eachItemIsJudgedAsASingleLinkIncludingTheItemsBeforeIt() {
        String ann = tenant.createContact("Ann", "A");
        String bob = tenant.createContact("Bob", "B");
        String cat = tenant.createContact("Cat", "C");
        String colleague = tenant.createAssociation("colleague", "contact", "Colleague", "contact", null, null);
        String manager = tenant.createAssociation("manager_employee", "contact", "Manager", "contact", "Employee", "ONE_TO_MANY");
        String existing = tenant.linked(colleague, ann, cat);

        List<Object> items = new ArrayList<>();
        items.add(link(colleague, ann, bob));                      // 0 created
        items.add(link(colleague, bob, ann));                      // 1 the same pair, reversed, on a symmetric label
        items.add(link(colleague, cat, ann));                      // 2 linked before the batch
        items.add(link(colleague, ann, ann));                      // 3 a record with itself
        items.add(link("NoSuchLabel000000000", ann, bob));         // 4 unknown label
        items.add(link(colleague, ann, "NoSuchRecord00000000"));   // 5 unknown record
        items.add(link(manager, ann, bob));                        // 6 created, another label
        items.add(link(manager, cat, bob));                        // 7 Bob already has his one manager (ONE_TO_MANY)
        items.add(Map.of("associationId", colleague));             // 8 fields missing
        items.add(null);                                           // 9 no item at all
        JsonPath result = bulk(tenant, items).then().statusCode(200)
                .body("created", equalTo(2)).body("failed", equalTo(8)).body("deleted", nullValue())
                .body("results[0].status", equalTo("created")).body("results[0].relation.firstRecordId", equalTo(ann))
                .body("results[1].error.code", equalTo("DUPLICATE_RELATION"))
                .body("results[2].error.code", equalTo("DUPLICATE_RELATION"))
                .body("results[2].error.details.existingRelationId", equalTo(existing))
                .body("results[3].error.statusCode", equalTo(422))
                .body("results[4].error.statusCode", equalTo(404)).body("results[4].error.message", startsWith("Association"))
                .body("results[5].error.statusCode", equalTo(404)).body("results[5].error.param", equalTo("secondRecordId"))
                .body("results[6].status", equalTo("created"))
                .body("results[7].error.code", equalTo("LIMIT_EXCEEDED")).body("results[7].error.details.limit", equalTo("cardinality"))
                .body("results[8].error.message", hasItem(startsWith("firstRecordId")))
                .body("results[9].error.statusCode", equalTo(422))
                .extract().jsonPath();
        assertEquals(result.getString("results[0].relation.id"), result.getString("results[1].error.details.existingRelationId"));
        assertEquals(3, linksOf(ann));
        assertEquals(2, linksOf(bob));
        assertEquals(1, linksOf(cat));
    }

    @Test
    void recordsOfTheWrongObjectOrAnotherLocationAreRefused() {
        Tenant other = Api.newTenant("Bulk links other");
        String theirs = other.createContact("Their", "T");
        String theirLabel = other.createAssociation("knows", "contact", "Knows", "contact", null, null);
        String mine = tenant.createContact("Mine", "M");
        String mine2 = tenant.createContact("Mine2", "M");
        tenant.request().body(Map.of("locationId", tenant.locationId(), "key", "custom_objects.boards",
                "labels", Map.of("singular", "Board", "plural", "Boards"),
                "primaryDisplayPropertyDetails", Map.of("key", "custom_objects.boards.name", "name", "Name", "dataType", "TEXT")))
                .post("/objects/").then().statusCode(201);
        String board = tenant.request().body(Map.of("locationId", tenant.locationId(), "properties", Map.of("name", "Blue")))
                .post("/objects/custom_objects.boards/records").then().statusCode(201).extract().path("record.id");
        String owner = tenant.createAssociation("owner_board", "contact", "Owner", "custom_objects.boards", "Board", null);
        bulk(tenant, List.of(link(owner, mine, theirs), link(theirLabel, mine, mine2), link(owner, board, mine),
                link(owner, mine, board))).then().statusCode(200)
                .body("created", equalTo(1)).body("failed", equalTo(3))
                .body("results[0].error.statusCode", equalTo(404)).body("results[1].error.statusCode", equalTo(404))
                .body("results[2].error.code", equalTo("WRONG_OBJECT")).body("results[3].status", equalTo("created"));
        other.request().get("/associations/relations/" + theirs).then().body("total", equalTo(0));
    }

    @Test
    void bulkDeleteRemovesEachOwnLinkOnce() {
        String a = tenant.createContact("A", "A");
        String b = tenant.createContact("B", "B");
        String c = tenant.createContact("C", "C");
        String label = tenant.createAssociation("knows", "contact", "Knows", "contact", null, null);
        String ab = tenant.linked(label, a, b);
        String ac = tenant.linked(label, a, c);
        Tenant other = Api.newTenant("Bulk delete other");
        String x = other.createContact("X", "X");
        String y = other.createContact("Y", "Y");
        String theirs = other.linked(other.createAssociation("knows", "contact", "Knows", "contact", null, null), x, y);
        List<String> ids = new ArrayList<>(List.of(ab, ab, "not-a-relation", theirs, ac));
        ids.add(null);
        Map<String, Object> body = new HashMap<>();
        body.put("ids", ids);
        tenant.request().body(body).post("/associations/relations/bulk-delete").then().statusCode(200)
                .body("deleted", equalTo(2)).body("failed", equalTo(4)).body("created", nullValue())
                .body("results[0].status", equalTo("deleted")).body("results[0].id", equalTo(ab))
                .body("results[1].error.statusCode", equalTo(404)).body("results[2].error.statusCode", equalTo(404))
                .body("results[3].error.statusCode", equalTo(404)).body("results[4].status", equalTo("deleted"))
                .body("results[5].error.statusCode", equalTo(422));
        assertEquals(0, linksOf(a));
        other.request().get("/associations/relations/" + x).then().body("total", equalTo(1));
    }

    /** A link or id of the wrong shape fails alone at its index; the others are written. */
    @Test
    void anItemOfTheWrongShapeFailsAloneAtItsIndex() {
        String a = tenant.createContact("A", "A");
        String b = tenant.createContact("B", "B");
        String c = tenant.createContact("C", "C");
        String label = tenant.createAssociation("knows", "contact", "Knows", "contact", null, null);
        List<Object> items = new ArrayList<>();
        items.add(Map.of("associationId", label, "firstRecordId", a, "secondRecordId", 42));
        items.add(link(label, a, b));
        items.add("not an object");
        bulk(tenant, items).then().statusCode(200).body("created", equalTo(1)).body("failed", equalTo(2))
                .body("results[0].status", equalTo("failed")).body("results[0].error.statusCode", equalTo(422))
                .body("results[0].error.param", equalTo("secondRecordId"))
                .body("results[1].status", equalTo("created"))
                .body("results[2].error.param", equalTo("relations[2]"));
        String ac = tenant.linked(label, a, c);
        tenant.request().body(Map.of("ids", List.of(Map.of("id", "x"), ac, 7))).post("/associations/relations/bulk-delete")
                .then().statusCode(200).body("deleted", equalTo(1)).body("failed", equalTo(2))
                .body("results[0].error.param", equalTo("ids[0]")).body("results[1].status", equalTo("deleted"))
                .body("results[2].error.statusCode", equalTo(422));
        tenant.request().body(Map.of("relations", List.of(link(label, b, c)), "dryRun", true)).post("/associations/relations/bulk")
                .then().statusCode(422).body("code", equalTo("UNKNOWN_FIELD")).body("param", equalTo("dryRun"));
        assertEquals(1, linksOf(a));
        assertEquals(0, linksOf(c));
    }

    @Test
    void batchesAreBoundedAndARefusedBatchWritesNothing() {
        String a = tenant.createContact("A", "A");
        String b = tenant.createContact("B", "B");
        String label = tenant.createAssociation("knows", "contact", "Knows", "contact", null, null);
        bulk(tenant, List.of()).then().statusCode(422).body("param", equalTo("relations"));
        List<Object> tooMany = new ArrayList<>();
        tooMany.add(link(label, a, b));
        for (int i = 0; i < 1000; i++) {
            tooMany.add(link(label, a, "R" + i));
        }
        bulk(tenant, tooMany).then().statusCode(422);
        Tenant other = Api.newTenant("Bulk links foreign key");
        bulk(other, List.of(link(label, a, b))).then().statusCode(200).body("failed", equalTo(1));
        other.request().body(Map.of("locationId", tenant.locationId(), "relations", List.of(link(label, a, b))))
                .post("/associations/relations/bulk").then().statusCode(403);
        assertEquals(0, linksOf(a));
    }

    @Test
    void aThousandLinksInOneRequest() {
        String hub = tenant.createContact("Hub", "H");
        String label = tenant.createAssociation("knows", "contact", "Knows", "contact", null, null);
        List<Map<String, Object>> contacts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            contacts.add(Map.of("firstName", "Spoke" + i));
        }
        List<String> spokes = tenant.request().body(Map.of("locationId", tenant.locationId(), "contacts", contacts))
                .post("/contacts/bulk").then().statusCode(200).extract().path("results.contact.id");
        List<Object> links = new ArrayList<>();
        for (String spoke : spokes) {
            links.add(link(label, spoke, hub));
        }
        links.add(0, link(label, hub, tenant.createContact("First", "F")));
        // 1001 items are too many; the first 1000 fill the hub's cap (1000) exactly.
        bulk(tenant, links).then().statusCode(422);
        bulk(tenant, links.subList(0, 1000)).then().statusCode(200).body("created", equalTo(1000)).body("failed", equalTo(0));
        assertEquals(1000, linksOf(hub));
        String last = spokes.get(999);
        bulk(tenant, List.of(link(label, last, hub))).then().statusCode(200)
                .body("results[0].error.code", equalTo("LIMIT_EXCEEDED"))
                .body("results[0].error.details.limit", equalTo("recordsPerLabel"))
                .body("results[0].error.details.current", equalTo(1000));
    }
}
