package io.liaison.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liaison.neo4j.GraphDatabase;
import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.Imports;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bulk writes and CSV imports record exactly the events of their single writes, in their transaction:
 * one event per item written, of the single write's type and about its id; refused items record nothing.
 */
@QuarkusTest
class BulkEventsTest {

    @Inject
    GraphDatabase db;

    private Tenant tenant;
    private String cursor;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant("Bulk events");
        cursor = "0";
    }

    /** The location's new events since the last call, as (type, id) pairs in feed order. */
    @SuppressWarnings("unchecked")
    private List<List<String>> newEvents() {
        try (var dispatcher = Outbox.dispatcher(db, new TestClock(), 5)) {
            dispatcher.numberNewEvents();
        }
        List<List<String>> events = new ArrayList<>();
        while (true) {
            JsonPath page = tenant.request().queryParam("after", cursor).queryParam("limit", 100).get("/events")
                    .then().statusCode(200).extract().jsonPath();
            List<Object> batch = page.getList("events");
            cursor = page.getString("nextCursor");
            for (Object event : batch) {
                Map<String, Object> data = (Map<String, Object>) ((Map<String, Object>) event).get("data");
                assertEquals(tenant.locationId(), data.get("locationId"));
                events.add(List.of((String) ((Map<String, Object>) event).get("type"), (String) data.get("id")));
            }
            if (batch.size() < 100) {
                return events;
            }
        }
    }

    private static List<List<String>> expected(EventType type, List<String> ids) {
        return ids.stream().map(id -> List.of(type.name(), id)).toList();
    }

    private static Map<String, Object> link(String associationId, String first, String second) {
        return Map.of("associationId", associationId, "firstRecordId", first, "secondRecordId", second);
    }

    @Test
    void bulkContactsRecordCreateAndUpdatePerItem() {
        String existing = tenant.createContact(Map.of("firstName", "Old", "email", "old@bulk.test"));
        newEvents();
        List<Object> items = new ArrayList<>();
        items.add(Map.of("firstName", "Ann", "email", "ann@bulk.test"));
        items.add(Map.of("firstName", "Older", "email", "old@bulk.test"));
        items.add(Map.of("email", "not an email"));
        JsonPath result = tenant.request().body(Map.of("locationId", tenant.locationId(), "contacts", items)).post("/contacts/bulk")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(1, result.getInt("failed"));
        List<List<String>> events = newEvents();
        assertEquals(List.of(List.of("ContactCreate", result.getString("results[0].contact.id")), List.of("ContactUpdate", existing)),
                events);
    }

    @Test
    void bulkTagUpdatesRecordAContactUpdatePerContactChangedAsTheSingleTagEndpointsDo() {
        String ann = tenant.createContact("Ann", "A");
        String bob = tenant.createContact("Bob", "B");
        newEvents();
        tenant.request().body(Map.of("tags", List.of("vip"))).post("/contacts/" + ann + "/tags").then().statusCode(201);
        assertEquals(expected(EventType.ContactUpdate, List.of(ann)), newEvents());
        tenant.request().body(Map.of("locationId", tenant.locationId(), "contacts", List.of(bob, ann, "NoSuchContact0000001"),
                "tags", List.of("surfer"))).post("/contacts/bulk/tags/update/add").then().statusCode(201).body("errorCount", org.hamcrest.Matchers.equalTo(1));
        List<List<String>> events = newEvents();
        assertEquals(new java.util.HashSet<>(expected(EventType.ContactUpdate, List.of(ann, bob))), new java.util.HashSet<>(events));
        assertEquals(2, events.size(), events.toString());
    }

    @Test
    void bulkRecordsRecordCreateAndUpdatePerItem() {
        Map<String, Object> object = new HashMap<>();
        object.put("locationId", tenant.locationId());
        object.put("key", "custom_objects.boards");
        object.put("labels", Map.of("singular", "Board", "plural", "Boards"));
        object.put("primaryDisplayPropertyDetails", Map.of("key", "custom_objects.boards.name", "name", "Name", "dataType", "TEXT"));
        tenant.request().body(object).post("/objects/").then().statusCode(201);
        String existing = tenant.request().body(Map.of("locationId", tenant.locationId(), "properties", Map.of("name", "Old")))
                .post("/objects/custom_objects.boards/records").then().statusCode(201).extract().path("record.id");
        newEvents();
        List<Object> items = List.of(Map.of("properties", Map.of("name", "A")), Map.of("id", existing, "properties", Map.of("name", "B")),
                Map.of("properties", Map.of("nope", "x")), Map.of("properties", Map.of("name", "C")));
        JsonPath result = tenant.request().body(Map.of("locationId", tenant.locationId(), "records", items))
                .post("/objects/custom_objects.boards/records/bulk").then().statusCode(200).extract().jsonPath();
        assertEquals(1, result.getInt("failed"));
        List<List<String>> events = newEvents();
        // Creates of a batch are written (and recorded) together, before its updates.
        assertEquals(List.of(List.of("RecordCreate", result.getString("results[0].record.id")),
                List.of("RecordCreate", result.getString("results[3].record.id")), List.of("RecordUpdate", existing)), events);
    }

    @Test
    void bulkLinksAndBulkDeleteRecordOneEventPerLinkWritten() {
        String ann = tenant.createContact("Ann", "A");
        String bob = tenant.createContact("Bob", "B");
        String cat = tenant.createContact("Cat", "C");
        String knows = tenant.createAssociation("knows", "contact", "Knows", "contact", null, null);
        String likes = tenant.createAssociation("likes", "contact", "Likes", "contact", "Liked by", null);
        newEvents();
        JsonPath created = tenant.request().body(Map.of("locationId", tenant.locationId(), "relations", List.of(link(knows, ann, bob),
                link(knows, bob, ann), link(likes, ann, cat), link(likes, cat, "NoSuchRecord00000000"))))
                .post("/associations/relations/bulk").then().statusCode(200).extract().jsonPath();
        assertEquals(2, created.getInt("created"));
        List<String> ids = List.of(created.getString("results[0].id"), created.getString("results[2].id"));
        List<List<String>> events = newEvents();
        assertEquals(2, events.size(), events.toString());
        assertEquals(new java.util.HashSet<>(expected(EventType.RelationCreate, ids)), new java.util.HashSet<>(events));

        tenant.request().body(Map.of("ids", List.of(ids.get(1), ids.get(0), ids.get(0)))).post("/associations/relations/bulk-delete")
                .then().statusCode(200);
        assertEquals(expected(EventType.RelationDelete, List.of(ids.get(1), ids.get(0))), newEvents());
    }

    @Test
    void csvImportsRecordTheEventsOfTheirLines() throws Exception {
        String contacts = Imports.upload(tenant, "/contacts/import", "firstName,email\nAnn,ann@csv.test\nBob,bob@csv.test\n")
                .then().statusCode(202).extract().path("id");
        assertEquals("SUCCEEDED", Imports.finished(tenant, contacts).getString("status"));
        List<List<String>> contactEvents = newEvents();
        assertEquals(List.of("ContactCreate", "ContactCreate"), contactEvents.stream().map(e -> e.get(0)).toList());

        tenant.createAssociation("knows", "contact", "Knows", "contact", null, null);
        newEvents();
        String links = Imports.upload(tenant, "/associations/relations/import",
                "associationKey,firstContactEmail,secondContactEmail\nknows,ann@csv.test,bob@csv.test\nknows,bob@csv.test,ann@csv.test\n")
                .then().statusCode(202).extract().path("id");
        JsonPath job = Imports.finished(tenant, links);
        assertEquals(1, job.getInt("created"));
        List<List<String>> linkEvents = newEvents();
        assertEquals(List.of("RelationCreate"), linkEvents.stream().map(e -> e.get(0)).toList());
    }
}
