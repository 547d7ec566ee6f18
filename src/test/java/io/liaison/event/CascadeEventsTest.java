package io.liaison.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.neo4j.GraphDatabase;
import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.LocalReceivers;
import io.liaison.support.Race;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deletion that takes links with it (a contact, a record, a business, a label with force, an
 * object with force) reports each link removed with a RelationDelete, in its transaction and
 * before the event of what was deleted; links it does not remove are not reported; and a link that
 * several deletions race to remove is reported exactly once.
 */
@QuarkusTest
@TestProfile(LocalReceivers.class)
class CascadeEventsTest {

    private static final String BOARDS = "custom_objects.boards";

    @Inject
    GraphDatabase db;

    private Tenant tenant;
    private String cursor;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant("Cascades");
        cursor = "0";
    }

    /** One event of the feed: its type, the id it is about, and its payload. */
    private record Event(String type, String id, Map<String, Object> data) {
    }

    /** The events the location gained since the last call, in feed order, numbered now rather than by the background round. */
    @SuppressWarnings("unchecked")
    private List<Event> newEvents() {
        try (var dispatcher = Outbox.dispatcher(db, new TestClock(), 5)) {
            dispatcher.numberNewEvents();
        }
        List<Event> events = new ArrayList<>();
        while (true) {
            JsonPath page = tenant.request().queryParam("after", cursor).queryParam("limit", 100).get("/events")
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> batch = page.getList("events");
            for (Map<String, Object> event : batch) {
                Map<String, Object> data = (Map<String, Object>) event.get("data");
                events.add(new Event((String) event.get("type"), (String) data.get("id"), data));
            }
            cursor = page.getString("nextCursor");
            if (batch.size() < 100) {
                return events;
            }
        }
    }

    private static List<String> types(List<Event> events) {
        return events.stream().map(Event::type).toList();
    }

    private static Set<String> idsOf(List<Event> events, EventType type) {
        return events.stream().filter(e -> e.type().equals(type.name())).map(Event::id).collect(Collectors.toSet());
    }

    private static Map<String, Object> relationPayload(String id, String label, String firstKey, String first, String secondKey,
            String second) {
        return Map.of("id", id, "associationId", label, "firstObjectKey", firstKey, "firstRecordId", first,
                "secondObjectKey", secondKey, "secondRecordId", second);
    }

    private static Map<String, Object> relationFields(Event event) {
        Map<String, Object> fields = new HashMap<>();
        for (String key : List.of("id", "associationId", "firstObjectKey", "firstRecordId", "secondObjectKey", "secondRecordId")) {
            fields.put(key, event.data().get(key));
        }
        return fields;
    }

    private String createBoards() {
        Map<String, Object> body = new HashMap<>();
        body.put("locationId", tenant.locationId());
        body.put("key", BOARDS);
        body.put("labels", Map.of("singular", "Board", "plural", "Boards"));
        body.put("primaryDisplayPropertyDetails", Map.of("key", BOARDS + ".name", "name", "Name", "dataType", "TEXT"));
        return tenant.request().body(body).post("/objects/").then().statusCode(201).extract().path("object.key");
    }

    private String createBoard(String name) {
        return tenant.request().body(Map.of("locationId", tenant.locationId(), "properties", Map.of("name", name)))
                .post("/objects/" + BOARDS + "/records").then().statusCode(201).extract().path("record.id");
    }

    @Test
    void deletingAContactReportsEachOfItsLinksThenTheContact() {
        String jane = tenant.createContact("Jane", "Doe");
        String bob = tenant.createContact("Bob", "Roe");
        String carl = tenant.createContact("Carl", "Poe");
        String manages = tenant.createAssociation("manager_employee", "contact", "Manager", "contact", "Employee", null);
        String colleague = tenant.createAssociation("colleague", "contact", "Colleague", "contact", null, null);
        String janeManagesBob = tenant.linked(manages, jane, bob);
        String carlManagesJane = tenant.linked(manages, carl, jane);
        String janeAndCarl = tenant.linked(colleague, jane, carl);
        String bobAndCarl = tenant.linked(colleague, bob, carl);
        newEvents();

        tenant.request().delete("/contacts/" + jane).then().statusCode(200);

        List<Event> events = newEvents();
        assertEquals(List.of("RelationDelete", "RelationDelete", "RelationDelete", "ContactDelete"), types(events));
        assertEquals(Set.of(relationPayload(janeManagesBob, manages, "contact", jane, "contact", bob),
                relationPayload(carlManagesJane, manages, "contact", carl, "contact", jane),
                relationPayload(janeAndCarl, colleague, "contact", jane, "contact", carl)),
                events.subList(0, 3).stream().map(CascadeEventsTest::relationFields).collect(Collectors.toSet()));
        events.subList(0, 3).forEach(e -> assertEquals(tenant.locationId(), e.data().get("locationId")));
        assertEquals(jane, events.get(3).id());
        // The link between the two contacts that stay is neither removed nor reported.
        tenant.request().queryParam("locationId", tenant.locationId()).delete("/associations/relations/" + bobAndCarl)
                .then().statusCode(200);
        assertEquals(List.of("RelationDelete"), types(newEvents()));
    }

    @Test
    void deletingARecordOrABusinessReportsItsLinksThenTheRecord() {
        createBoards();
        String kai = tenant.createContact("Kai", "Lani");
        String blue = createBoard("Blue");
        String owns = tenant.createAssociation("owner_board", "contact", "Owner", BOARDS, "Board", null);
        String kaiOwnsBlue = tenant.linked(owns, kai, blue);
        String company = tenant.request().body(Map.of("locationId", tenant.locationId(), "name", "North Shore"))
                .post("/businesses/").then().statusCode(201).extract().path("business.id");
        String worksAt = tenant.createAssociation("works_at", "contact", "Employee", "business", "Employer", null);
        String kaiWorksAtCompany = tenant.linked(worksAt, kai, company);
        newEvents();

        tenant.request().queryParam("locationId", tenant.locationId()).delete("/objects/" + BOARDS + "/records/" + blue)
                .then().statusCode(200);
        List<Event> events = newEvents();
        assertEquals(List.of("RelationDelete", "RecordDelete"), types(events));
        assertEquals(relationPayload(kaiOwnsBlue, owns, "contact", kai, BOARDS, blue), relationFields(events.get(0)));
        assertEquals(blue, events.get(1).id());

        tenant.request().delete("/businesses/" + company).then().statusCode(200);
        events = newEvents();
        assertEquals(List.of("RelationDelete", "RecordDelete"), types(events), "a business is deleted as a record is (HighLevel: \"record or business\")");
        assertEquals(relationPayload(kaiWorksAtCompany, worksAt, "contact", kai, "business", company), relationFields(events.get(0)));
        assertEquals(company, events.get(1).id());
    }

    @Test
    void forcingALabelsDeletionReportsEachOfItsLinksThenTheLabel() {
        String a = tenant.createContact("A", "One");
        String b = tenant.createContact("B", "Two");
        String c = tenant.createContact("C", "Three");
        String friends = tenant.createAssociation("friend", "contact", "Friend", "contact", null, null);
        String family = tenant.createAssociation("family", "contact", "Family", "contact", null, null);
        Set<String> friendLinks = Set.of(tenant.linked(friends, a, b), tenant.linked(friends, b, c), tenant.linked(friends, c, a));
        String familyLink = tenant.linked(family, a, b);
        newEvents();

        tenant.request().queryParam("force", true).delete("/associations/" + friends).then().statusCode(200);

        List<Event> events = newEvents();
        assertEquals(List.of("RelationDelete", "RelationDelete", "RelationDelete", "AssociationDelete"), types(events));
        assertEquals(friendLinks, idsOf(events, EventType.RelationDelete));
        events.subList(0, 3).forEach(e -> assertEquals(friends, e.data().get("associationId")));
        assertEquals(friends, events.get(3).id());
        assertEquals("friend", events.get(3).data().get("key"));
        tenant.request().queryParam("locationId", tenant.locationId()).delete("/associations/relations/" + familyLink)
                .then().statusCode(200);
    }

    @Test
    void forcingAnObjectsDeletionReportsLinksThenRecordsThenLabels() {
        createBoards();
        String kai = tenant.createContact("Kai", "Lani");
        String blue = createBoard("Blue");
        String red = createBoard("Red");
        createBoard("Unlinked");
        String owns = tenant.createAssociation("owner_board", "contact", "Owner", BOARDS, "Board", null);
        String quiver = tenant.createAssociation("quiver", BOARDS, "Quiver mate", BOARDS, null, null);
        String kaiAndFriend = tenant.createAssociation("buddy", "contact", "Buddy", "contact", null, null);
        Set<String> boardLinks = Set.of(tenant.linked(owns, kai, blue), tenant.linked(owns, kai, red), tenant.linked(quiver, blue, red));
        String other = tenant.createContact("Other", "Person");
        tenant.linked(kaiAndFriend, kai, other);
        newEvents();

        tenant.request().queryParam("force", true).delete("/objects/" + BOARDS).then().statusCode(200)
                .body("recordsDeleted", org.hamcrest.Matchers.equalTo(3));

        List<Event> events = newEvents();
        assertEquals(List.of("RelationDelete", "RelationDelete", "RelationDelete", "RecordDelete", "RecordDelete", "RecordDelete",
                "AssociationDelete", "AssociationDelete"), types(events));
        assertEquals(boardLinks, idsOf(events, EventType.RelationDelete), "a link between two of the records is reported once");
        assertEquals(3, idsOf(events, EventType.RecordDelete).size());
        assertTrue(idsOf(events, EventType.RecordDelete).containsAll(Set.of(blue, red)));
        assertEquals(Set.of(owns, quiver), idsOf(events, EventType.AssociationDelete));
        events.stream().filter(e -> e.type().equals("RecordDelete")).forEach(e -> assertEquals(BOARDS, e.data().get("objectKey")));
    }

    @Test
    void aDeletionThatIsRefusedReportsNothing() {
        String a = tenant.createContact("A", "One");
        String b = tenant.createContact("B", "Two");
        String friends = tenant.createAssociation("friend", "contact", "Friend", "contact", null, null);
        tenant.linked(friends, a, b);
        newEvents();
        tenant.request().delete("/associations/" + friends).then().statusCode(409);
        Api.newTenant("Stranger").request().delete("/contacts/" + a).then().statusCode(404);
        assertEquals(List.of(), types(newEvents()));
    }

    /**
     * Two contacts, linked many times under one label and once more under another, deleted while
     * the links are removed one by one and the label is deleted with force, all at once. Whoever
     * removes a link reports it; nobody else does: every link is reported exactly once.
     */
    @Test
    void aLinkThatRacingDeletionsRemoveIsReportedExactlyOnce() throws Exception {
        String friends = tenant.createAssociation("friend", "contact", "Friend", "contact", null, null);
        String family = tenant.createAssociation("family", "contact", "Family", "contact", null, null);
        List<String> hubs = List.of(tenant.createContact("Hub", "One"), tenant.createContact("Hub", "Two"));
        List<String> links = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String spoke = tenant.createContact("Spoke", "N" + i);
            links.add(tenant.linked(friends, hubs.get(i % 2), spoke));
            links.add(tenant.linked(family, spoke, hubs.get((i + 1) % 2)));
        }
        newEvents();

        List<Callable<Integer>> calls = new ArrayList<>();
        for (String hub : hubs) {
            calls.add(() -> tenant.request().delete("/contacts/" + hub).then().extract().statusCode());
        }
        calls.add(() -> tenant.request().queryParam("force", true).delete("/associations/" + friends).then().extract().statusCode());
        for (String link : links) {
            calls.add(() -> tenant.request().queryParam("locationId", tenant.locationId()).delete("/associations/relations/" + link)
                    .then().extract().statusCode());
        }
        List<Integer> statuses = Race.run(calls);
        assertEquals(List.of(200, 200, 200), statuses.subList(0, 3), "the contacts and the label are deleted");
        statuses.subList(3, statuses.size()).forEach(s -> assertTrue(s == 200 || s == 404, "unlinking answered " + s));

        List<Event> events = newEvents();
        List<String> reported = events.stream().filter(e -> e.type().equals("RelationDelete")).map(Event::id).toList();
        assertEquals(links.size(), reported.size(), "one RelationDelete per link: " + reported);
        assertEquals(Set.copyOf(links), Set.copyOf(reported));
        assertEquals(Set.copyOf(hubs), idsOf(events, EventType.ContactDelete));
        assertEquals(Set.of(friends), idsOf(events, EventType.AssociationDelete));
        long unlinked = statuses.subList(3, statuses.size()).stream().filter(s -> s == 200).count();
        assertTrue(unlinked <= links.size());
    }

    /**
     * Links under two labels removed all at once by overlapping bulk deletes (in opposite orders, and
     * one naming a link twice), by single deletes of each link, and by the deletion of a contact that
     * holds some of them. Every link goes; each is answered deleted by at most one request, and
     * reported by exactly one RelationDelete.
     */
    @Test
    void bulkDeletesSingleDeletesAndACascadeReportEachLinkOnce() throws Exception {
        String friends = tenant.createAssociation("friend", "contact", "Friend", "contact", null, null);
        String family = tenant.createAssociation("family", "contact", "Family", "contact", null, null);
        String hub = tenant.createContact("Hub", "H");
        List<String> spokes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            spokes.add(tenant.createContact("Spoke", "N" + i));
        }
        List<String> links = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            links.add(i % 2 == 0 ? tenant.linked(friends, hub, spokes.get(i)) : tenant.linked(family, spokes.get(i), hub));
            links.add(tenant.linked(friends, spokes.get(i), spokes.get((i + 1) % 8)));
            if (i < 4) {
                links.add(tenant.linked(family, spokes.get(i), spokes.get(i + 4)));
            }
        }
        newEvents();

        List<List<String>> deletedBy = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Callable<Integer>> calls = new ArrayList<>();
        calls.add(() -> tenant.request().delete("/contacts/" + hub).then().extract().statusCode());
        for (int request = 0; request < 8; request++) {
            List<String> ids = new ArrayList<>();
            for (int n = 0; n < 10; n++) {
                ids.add(links.get((request * 3 + n) % links.size()));
            }
            if (request % 2 == 1) {
                java.util.Collections.reverse(ids);
            }
            if (request == 0) {
                ids.add(ids.get(0));
            }
            calls.add(() -> {
                var response = tenant.request().body(Map.of("ids", ids)).post("/associations/relations/bulk-delete");
                if (response.statusCode() == 200) {
                    List<Map<String, Object>> results = response.jsonPath().getList("results");
                    List<String> deleted = new ArrayList<>();
                    for (Map<String, Object> result : results) {
                        if ("deleted".equals(result.get("status"))) {
                            deleted.add((String) result.get("id"));
                        } else {
                            assertEquals(404, ((Map<?, ?>) result.get("error")).get("statusCode"), result.toString());
                        }
                    }
                    deletedBy.add(deleted);
                }
                return response.statusCode();
            });
        }
        for (String link : links) {
            calls.add(() -> {
                int status = tenant.request().queryParam("locationId", tenant.locationId()).delete("/associations/relations/" + link)
                        .then().extract().statusCode();
                if (status == 200) {
                    deletedBy.add(List.of(link));
                }
                return status == 404 ? 200 : status;
            });
        }
        List<Integer> statuses = Race.run(calls);
        assertEquals(java.util.Collections.nCopies(calls.size(), 200), statuses);

        List<String> answeredDeleted = deletedBy.stream().flatMap(List::stream).toList();
        assertEquals(Set.copyOf(answeredDeleted).size(), answeredDeleted.size(), "a link answered deleted twice: " + answeredDeleted);
        List<Event> events = newEvents();
        List<String> reported = events.stream().filter(e -> e.type().equals("RelationDelete")).map(Event::id).sorted().toList();
        assertEquals(links.stream().sorted().toList(), reported, "exactly one RelationDelete per link");
        assertEquals(Set.of(hub), idsOf(events, EventType.ContactDelete));
        for (String spoke : spokes) {
            tenant.request().get("/associations/relations/" + spoke).then().statusCode(200)
                    .body("total", org.hamcrest.Matchers.equalTo(0));
        }
    }

    @Test
    void aReceiverGetsTheCascadeSignedAndInOrder() throws Exception {
        TestClock clock = new TestClock();
        try (Receiver receiver = Receiver.start(); var dispatcher = Outbox.dispatcher(db, clock, 5)) {
            var hook = Outbox.subscribe(tenant, receiver.url(), List.of("RelationDelete", "ContactDelete"));
            String jane = tenant.createContact("Jane", "Doe");
            String friends = tenant.createAssociation("friend", "contact", "Friend", "contact", null, null);
            Set<String> links = Set.of(tenant.linked(friends, jane, tenant.createContact("B", "Two")),
                    tenant.linked(friends, tenant.createContact("C", "Three"), jane));

            tenant.request().delete("/contacts/" + jane).then().statusCode(200);
            // A few rounds, past each backoff: on a loaded machine an attempt may time out (the test dispatcher allows 1 s).
            for (int round = 0; round < 5 && receiver.countsById().size() < 3; round++) {
                dispatcher.runOnce(true);
                clock.advance(java.time.Duration.ofMinutes(2));
            }

            List<Receiver.Received> received = receiver.received();
            assertEquals(3, receiver.countsById().size());
            for (Receiver.Received request : received) {
                Outbox.assertSigned(hook.secret(), request);
            }
            Map<String, String> typeById = new HashMap<>();
            for (Receiver.Received request : received) {
                JsonPath body = JsonPath.from(request.body());
                typeById.put(body.getString("id"), body.getString("type"));
            }
            assertEquals(Map.of(jane, "ContactDelete", List.copyOf(links).get(0), "RelationDelete", List.copyOf(links).get(1),
                    "RelationDelete"), typeById);
        }
    }
}
