package io.liaison.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.HighLevelSchema;
import io.liaison.support.LocalReceivers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every write path records exactly its HighLevel event, in its transaction: each change through the
 * API is followed by reading the location's feed, which must hold that one event with HighLevel's
 * payload, and a refused change must add nothing.
 */
@QuarkusTest
@TestProfile(LocalReceivers.class)
class EventHooksTest {

    @Inject
    GraphDatabase db;

    private Tenant tenant;
    private String cursor = "0";

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant("Hooks");
        cursor = "0";
    }

    /** An event's payload, read as the receiver reads JSON. */
    private record Payload(Map<String, Object> fields) {
        String getString(String key) {
            Object value = fields.get(key);
            return value == null ? null : value.toString();
        }

        List<?> getList(String key) {
            return (List<?>) fields.get(key);
        }

        Map<?, ?> getMap(String key) {
            return (Map<?, ?>) fields.get(key);
        }
    }

    /** The events the location gained since the last call, numbered now rather than by the background round. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> newEvents() {
        try (var dispatcher = Outbox.dispatcher(db, new TestClock(), 5)) {
            dispatcher.numberNewEvents();
        }
        JsonPath page = tenant.request().queryParam("after", cursor).queryParam("limit", 100).get("/events")
                .then().statusCode(200).extract().jsonPath();
        cursor = page.getString("nextCursor");
        List<Map<String, Object>> events = new ArrayList<>();
        for (Object event : page.getList("events")) {
            events.add((Map<String, Object>) event);
        }
        return events;
    }

    /** Exactly one new event, of this type, about this id; answers its payload. */
    @SuppressWarnings("unchecked")
    private Payload onlyEvent(EventType type, String id) {
        List<Map<String, Object>> events = newEvents();
        assertEquals(List.of(type.name()), events.stream().map(e -> e.get("type")).toList());
        Payload data = new Payload((Map<String, Object>) events.get(0).get("data"));
        assertEquals(type.name(), data.getString("type"));
        assertEquals(id, data.getString("id"));
        assertEquals(tenant.locationId(), data.getString("locationId"));
        assertNotNull(data.getString("timestamp"));
        return data;
    }

    private void noNewEvents() {
        assertEquals(List.of(), newEvents().stream().map(e -> e.get("type")).toList());
    }

    @Test
    void contactWritesEmitContactEventsWithHighLevelFields() {
        String id = tenant.createContact(Map.of("firstName", "Rosan", "lastName", "Deo", "email", "rosan@deos.com",
                "phone", "+1 888-888-8888", "tags", List.of("surfer"), "city", "Dolomite", "dateOfBirth", "1990-09-25",
                "customFields", List.of(Map.of("id", "cf1", "field_value", "XYZ Corp"))));
        Payload created = onlyEvent(EventType.ContactCreate, id);
        assertEquals("Rosan", created.getString("firstName"));
        assertEquals("Deo", created.getString("lastName"));
        assertEquals("rosan deo", created.getString("name").toLowerCase());
        assertEquals("rosan@deos.com", created.getString("email"));
        assertEquals("+18888888888", created.getString("phone"));
        assertEquals("Dolomite", created.getString("city"));
        assertEquals(List.of("surfer"), created.getList("tags"));
        assertEquals("1990-09-25T00:00:00.000Z", created.getString("dateOfBirth"));
        assertEquals(List.of(Map.of("id", "cf1", "value", "XYZ Corp")), created.getList("customFields"));
        assertNotNull(created.getString("dateAdded"));

        tenant.request().body(Map.of("city", "Surf City")).put("/contacts/" + id).then().statusCode(200);
        Payload updated = onlyEvent(EventType.ContactUpdate, id);
        assertEquals("Surf City", updated.getString("city"));
        assertEquals("Rosan", updated.getString("firstName"));

        tenant.request().delete("/contacts/" + id).then().statusCode(200);
        Payload deleted = onlyEvent(EventType.ContactDelete, id);
        assertEquals("rosan@deos.com", deleted.getString("email"));
        assertEquals("Surf City", deleted.getString("city"));
    }

    /**
     * A contact holding every field of HighLevel's Contact*.md documents (all but {@code attachments},
     * which Liaison does not keep) is sent with every one of them, {@code dnd} and {@code assignedTo}
     * included, of the documented types, in all three events.
     */
    @Test
    void contactEventsCarryEveryDocumentedFieldTheContactHolds() throws Exception {
        Map<String, Object> fields = new HashMap<>(Map.of("firstName", "John", "lastName", "Deo", "email", "john@deo.com",
                "phone", "+1 888-888-8888", "address1", "3535 1st St N", "city", "Dolomite", "state", "AL", "postalCode", "452001",
                "country", "DE", "website", "https://www.example.com/"));
        fields.putAll(Map.of("source", "xyz form", "companyName", "Loram ipsum", "dateOfBirth", "2000-01-05", "dnd", true,
                "assignedTo", "nmFmQEsNgz6AVpgLVUJ0", "tags", List.of("surfer"),
                "customFields", List.of(Map.of("id", "cf1", "field_value", "XYZ Corp"))));
        String id = tenant.createContact(fields);
        Payload created = onlyEvent(EventType.ContactCreate, id);
        assertCarriesEveryHeldField(EventType.ContactCreate, created);
        assertEquals(true, created.fields().get("dnd"));
        assertEquals("nmFmQEsNgz6AVpgLVUJ0", created.getString("assignedTo"));

        tenant.request().body(Map.of("dnd", false, "assignedTo", "otherUser")).put("/contacts/" + id).then().statusCode(200);
        Payload updated = onlyEvent(EventType.ContactUpdate, id);
        assertCarriesEveryHeldField(EventType.ContactUpdate, updated);
        assertEquals(false, updated.fields().get("dnd"));
        assertEquals("otherUser", updated.getString("assignedTo"));

        tenant.request().delete("/contacts/" + id).then().statusCode(200);
        Payload deleted = onlyEvent(EventType.ContactDelete, id);
        assertCarriesEveryHeldField(EventType.ContactDelete, deleted);
        assertEquals(false, deleted.fields().get("dnd"));
        assertEquals("otherUser", deleted.getString("assignedTo"));
    }

    private static void assertCarriesEveryHeldField(EventType type, Payload payload) throws Exception {
        List<String> documented = new ArrayList<>(HighLevelSchema.webhookPropertyNames(type.name()));
        documented.remove("attachments");
        List<String> missing = documented.stream().filter(field -> !payload.fields().containsKey(field)).toList();
        assertEquals(List.of(), missing, type + " leaves out documented fields the contact holds");
        HighLevelSchema.assertMatchesWebhook(type.name(), new ObjectMapper().writeValueAsString(payload.fields()));
    }

    @Test
    void upsertEmitsCreateThenUpdate() {
        Map<String, Object> body = Map.of("locationId", tenant.locationId(), "email", "up@sert.com", "firstName", "Up");
        String id = tenant.request().body(body).post("/contacts/upsert").then().statusCode(200).extract().path("contact.id");
        onlyEvent(EventType.ContactCreate, id);
        tenant.request().body(Map.of("locationId", tenant.locationId(), "email", "up@sert.com", "firstName", "Again"))
                .post("/contacts/upsert").then().statusCode(200);
        assertEquals("Again", onlyEvent(EventType.ContactUpdate, id).getString("firstName"));
    }

    @Test
    void refusedContactWritesEmitNothing() {
        String id = tenant.createContact(Map.of("firstName", "A", "email", "taken@x.com"));
        newEvents();
        tenant.request().body(Map.of("locationId", tenant.locationId(), "email", "taken@x.com")).post("/contacts/").then().statusCode(409);
        tenant.request().body(Map.of("locationId", tenant.locationId(), "email", "not an email")).post("/contacts/").then().statusCode(422);
        tenant.request().body(Map.of("dateOfBirth", "1990-02-31")).put("/contacts/" + id).then().statusCode(422);
        tenant.request().delete("/contacts/nosuchcontact0000000").then().statusCode(404);
        Api.newTenant("Other").request().delete("/contacts/" + id).then().statusCode(404);
        noNewEvents();
    }

    @Test
    void associationAndRelationWritesEmitTheirEvents() {
        String jane = tenant.createContact("Jane", "Doe");
        String bob = tenant.createContact("Bob", "Roe");
        newEvents();

        String label = tenant.createAssociation("manager_employee", "contact", "Manager", "contact", "Employee", "ONE_TO_MANY");
        Payload created = onlyEvent(EventType.AssociationCreate, label);
        assertEquals(Map.of("associationType", "USER_DEFINED", "firstObjectKey", "contact", "firstObjectLabel", "Manager",
                "secondObjectKey", "contact", "secondObjectLabel", "Employee", "key", "manager_employee"),
                subset(created.fields(), "associationType", "firstObjectKey", "firstObjectLabel", "secondObjectKey",
                        "secondObjectLabel", "key"));

        String relation = tenant.linked(label, jane, bob);
        Payload linked = onlyEvent(EventType.RelationCreate, relation);
        assertEquals(Map.of("firstObjectKey", "contact", "firstRecordId", jane, "secondObjectKey", "contact", "secondRecordId", bob,
                "associationId", label), subset(linked.fields(), "firstObjectKey", "firstRecordId", "secondObjectKey",
                        "secondRecordId", "associationId"));

        tenant.link(label, jane, bob).then().statusCode(409);
        noNewEvents();

        tenant.request().body(Map.of("firstObjectLabel", "Team lead", "secondObjectLabel", "Report")).put("/associations/" + label)
                .then().statusCode(200);
        Payload updated = onlyEvent(EventType.AssociationUpdate, label);
        assertEquals("Team lead", updated.getString("firstObjectLabel"));
        assertEquals("ONE_TO_MANY", updated.getString("firstObjectToSecondObjectCardinality"));
        assertEquals("MANY_TO_ONE", updated.getString("secondObjectToFirstObjectCardinality"));

        tenant.request().delete("/associations/" + label).then().statusCode(409);
        noNewEvents();

        tenant.request().queryParam("locationId", tenant.locationId()).delete("/associations/relations/" + relation).then().statusCode(200);
        Payload unlinked = onlyEvent(EventType.RelationDelete, relation);
        assertEquals(jane, unlinked.getString("firstRecordId"));
        assertEquals(bob, unlinked.getString("secondRecordId"));

        tenant.request().delete("/associations/" + label).then().statusCode(200);
        Payload deleted = onlyEvent(EventType.AssociationDelete, label);
        assertEquals("manager_employee", deleted.getString("key"));
        assertEquals("Team lead", deleted.getString("firstObjectLabel"));
    }

    @Test
    void refusedAssociationWritesEmitNothing() {
        String label = tenant.createAssociation("colleague", "contact", "Colleague", "contact", null, null);
        String a = tenant.createContact("A", "One");
        newEvents();
        Map<String, Object> duplicate = new HashMap<>(Map.of("locationId", tenant.locationId(), "key", "colleague",
                "firstObjectKey", "contact", "firstObjectLabel", "X", "secondObjectKey", "contact"));
        tenant.request().body(duplicate).post("/associations/").then().statusCode(409);
        tenant.link(label, a, a).then().statusCode(422);
        tenant.link(label, a, "nosuchrecord00000000").then().statusCode(404);
        tenant.request().body(Map.of("firstObjectLabel", "Colleague", "secondObjectLabel", "Other")).put("/associations/" + label)
                .then().statusCode(422);
        noNewEvents();
    }

    @Test
    void objectAndRecordWritesEmitTheirEvents() {
        Map<String, Object> object = new HashMap<>();
        object.put("locationId", tenant.locationId());
        object.put("key", "custom_objects.surfboards");
        object.put("labels", Map.of("singular", "Surfboard", "plural", "Surfboards"));
        object.put("description", "Boards");
        object.put("primaryDisplayPropertyDetails", Map.of("key", "custom_objects.surfboards.name", "name", "Name", "dataType", "TEXT"));
        object.put("fields", List.of(Map.of("key", "length_cm", "name", "Length", "dataType", "NUMERICAL")));
        String objectId = tenant.request().body(object).post("/objects/").then().statusCode(201).extract().path("object.id");
        Payload created = onlyEvent(EventType.ObjectSchemaCreate, objectId);
        assertEquals("custom_objects.surfboards", created.getString("key"));
        assertEquals(Map.of("singular", "Surfboard", "plural", "Surfboards"), created.getMap("labels"));
        assertEquals("custom_objects.surfboards.name", created.getString("primaryDisplayProperty"));
        assertEquals("USER_DEFINED", created.getString("objectType"));
        assertEquals("Boards", created.getString("description"));

        tenant.request().body(Map.of("locationId", tenant.locationId(), "description", "Boards we ride"))
                .put("/objects/custom_objects.surfboards").then().statusCode(200);
        assertEquals("Boards we ride", onlyEvent(EventType.ObjectSchemaUpdate, objectId).getString("description"));

        tenant.request().body(Map.of("locationId", tenant.locationId(), "key", "fins", "name", "Fins", "dataType", "TEXT"))
                .post("/objects/custom_objects.surfboards/fields").then().statusCode(201);
        onlyEvent(EventType.ObjectSchemaUpdate, objectId);

        String record = tenant.request().body(Map.of("locationId", tenant.locationId(), "properties",
                Map.of("name", "Blue Lightning", "length_cm", 275))).post("/objects/custom_objects.surfboards/records")
                .then().statusCode(201).extract().path("record.id");
        Payload recordCreated = onlyEvent(EventType.RecordCreate, record);
        assertEquals(List.of(Map.of("key", "length_cm", "valueString", "275"), Map.of("key", "name", "valueString", "Blue Lightning")),
                recordCreated.getList("properties"));
        assertEquals("custom_objects.surfboards", recordCreated.getString("objectKey"));
        assertEquals(List.of(), recordCreated.getList("owners"));
        assertEquals(List.of(), recordCreated.getList("followers"));

        tenant.request().body(Map.of("locationId", tenant.locationId(), "properties", Map.of("name", "Red Lightning")))
                .put("/objects/custom_objects.surfboards/records/" + record).then().statusCode(200);
        assertTrue(onlyEvent(EventType.RecordUpdate, record).getList("properties").contains(Map.of("key", "name", "valueString", "Red Lightning")));

        tenant.request().queryParam("locationId", tenant.locationId()).delete("/objects/custom_objects.surfboards/records/" + record)
                .then().statusCode(200);
        assertTrue(onlyEvent(EventType.RecordDelete, record).getList("properties").contains(Map.of("key", "name", "valueString", "Red Lightning")));
    }

    /** HighLevel's Record* events fire "for a record or business": businesses emit them, with the record's shape. */
    @Test
    void businessWritesEmitRecordEvents() throws Exception {
        String business = tenant.request().body(Map.of("locationId", tenant.locationId(), "name", "Acme", "city", "Berlin"))
                .post("/businesses/").then().statusCode(201).extract().path("business.id");
        Payload created = onlyEvent(EventType.RecordCreate, business);
        assertEquals("business", created.getString("objectKey"));
        assertEquals(List.of(Map.of("key", "city", "valueString", "Berlin"), Map.of("key", "name", "valueString", "Acme")),
                created.getList("properties"));
        assertEquals(List.of(), created.getList("owners"));
        assertEquals(List.of(), created.getList("followers"));
        HighLevelSchema.assertMatchesWebhook("RecordCreate", new ObjectMapper().writeValueAsString(created.fields()));

        tenant.request().body(Map.of("name", "Acme Inc")).put("/businesses/" + business).then().statusCode(200);
        Payload updated = onlyEvent(EventType.RecordUpdate, business);
        assertEquals(List.of(Map.of("key", "city", "valueString", "Berlin"), Map.of("key", "name", "valueString", "Acme Inc")),
                updated.getList("properties"));
        HighLevelSchema.assertMatchesWebhook("RecordUpdate", new ObjectMapper().writeValueAsString(updated.fields()));

        tenant.request().body(Map.of("name", "")).put("/businesses/" + business).then().statusCode(422);
        tenant.request().body(Map.of("name", "X")).put("/businesses/nosuchbusiness000000").then().statusCode(404);
        tenant.request().body(Map.of("locationId", tenant.locationId(), "city", "No name")).post("/businesses/").then().statusCode(422);
        noNewEvents();

        String jane = tenant.createContact("Jane", "Doe");
        String label = tenant.createAssociation("employee_employer", "contact", "Employee", "business", "Employer", "MANY_TO_ONE");
        String relation = tenant.linked(label, jane, business);
        newEvents();
        tenant.request().delete("/businesses/" + business).then().statusCode(200);
        List<Map<String, Object>> events = newEvents();
        assertEquals(List.of("RelationDelete", "RecordDelete"), events.stream().map(e -> e.get("type")).toList());
        assertEquals(relation, ((Map<?, ?>) events.get(0).get("data")).get("id"));
        @SuppressWarnings("unchecked")
        Payload deleted = new Payload((Map<String, Object>) events.get(1).get("data"));
        assertEquals(business, deleted.getString("id"));
        assertEquals("business", deleted.getString("objectKey"));
        assertTrue(deleted.getList("properties").contains(Map.of("key", "name", "valueString", "Acme Inc")));
        HighLevelSchema.assertMatchesWebhook("RecordDelete", new ObjectMapper().writeValueAsString(deleted.fields()));

        tenant.request().delete("/businesses/" + business).then().statusCode(404);
        noNewEvents();
    }

    @Test
    void refusedObjectAndRecordWritesEmitNothing() {
        Map<String, Object> object = new HashMap<>();
        object.put("locationId", tenant.locationId());
        object.put("key", "custom_objects.pets");
        object.put("labels", Map.of("singular", "Pet", "plural", "Pets"));
        object.put("primaryDisplayPropertyDetails", Map.of("key", "custom_objects.pets.name", "name", "Name", "dataType", "TEXT"));
        tenant.request().body(object).post("/objects/").then().statusCode(201);
        newEvents();
        tenant.request().body(object).post("/objects/").then().statusCode(409);
        tenant.request().body(Map.of("locationId", tenant.locationId(), "properties", Map.of("nope", "x")))
                .post("/objects/custom_objects.pets/records").then().statusCode(422);
        tenant.request().body(Map.of("locationId", tenant.locationId(), "properties", Map.of("name", "x")))
                .put("/objects/custom_objects.pets/records/nosuchrecord00000000").then().statusCode(404);
        tenant.request().queryParam("locationId", tenant.locationId()).delete("/objects/custom_objects.pets/records/nosuchrecord00000000")
                .then().statusCode(404);
        noNewEvents();
    }

    @Test
    void aChangeThroughTheApiReachesAWebhookSigned() throws Exception {
        try (Receiver receiver = Receiver.start(); var dispatcher = Outbox.dispatcher(db, new TestClock(), 5)) {
            var hook = Outbox.subscribe(tenant, receiver.url(), List.of("ContactCreate"));
            String id = tenant.createContact("Hook", "Me");
            dispatcher.runOnce(true);
            assertEquals(1, receiver.received().size());
            Outbox.assertSigned(hook.secret(), receiver.received().get(0));
            JsonPath body = JsonPath.from(receiver.received().get(0).body());
            assertEquals(id, body.getString("id"));
            assertEquals("ContactCreate", body.getString("type"));
            assertEquals("Hook", body.getString("firstName"));
        }
    }

    private static Map<String, Object> subset(Map<String, Object> all, String... keys) {
        Map<String, Object> subset = new HashMap<>();
        for (String key : keys) {
            subset.put(key, all.get(key));
        }
        return subset;
    }

}
