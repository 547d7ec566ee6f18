package io.liaison.contact;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.HighLevelSchema;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Values;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /contacts/search with HighLevel's advanced filters, groups, sort and paging. */
@QuarkusTest
class ContactSearchTest {

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant("Search");
    }

    private ValidatableResponse search(Object filters) {
        return search(Map.of("filters", filters));
    }

    private ValidatableResponse search(Map<String, Object> body) {
        Map<String, Object> withLocation = new HashMap<>(body);
        withLocation.put("locationId", tenant.locationId());
        return tenant.request().body(withLocation).post("/contacts/search").then();
    }

    private static Map<String, Object> condition(String field, String operator, Object value) {
        Map<String, Object> c = new HashMap<>();
        c.put("field", field);
        c.put("operator", operator);
        if (value != null) {
            c.put("value", value);
        }
        return c;
    }

    private void people() {
        tenant.createContact(Map.of("firstName", "Alex", "lastName", "Peter", "email", "alex@surf.io", "phone", "+1 888 555 0101",
                "city", "Biarritz", "dnd", true, "tags", List.of("VIP", "surfer"), "dateOfBirth", "1990-01-15",
                "customFields", List.of(Map.of("id", "board_length", "field_value", 275), Map.of("id", "stance", "field_value", "Goofy"))));
        tenant.createContact(Map.of("firstName", "Bea", "lastName", "Stone", "email", "bea@rock.io", "companyName", "Stone Ltd",
                "tags", List.of("climber"), "dateOfBirth", "1985-06-30",
                "customFields", List.of(Map.of("id", "board_length", "field_value", "180.0"), Map.of("key", "stance", "field_value", "regular"))));
        tenant.createContact(Map.of("firstName", "Carl", "lastName", "Peter", "city", "Lisbon", "type", "customer",
                "customFields", List.of(Map.of("id", "levels", "field_value", List.of("Beginner", "Reef")))));
    }

    @Test
    void anEmailFilterFindsExactlyThatContact() {
        people();
        search(List.of(condition("email", "eq", "ALEX@surf.io"))).statusCode(200)
                .body("total", equalTo(1)).body("contacts.firstName", contains("Alex"));
    }

    @Test
    void standardFieldsTakeEveryOperator() {
        people();
        search(List.of(condition("lastNameLowerCase", "eq", "peter"))).body("contacts.firstName", containsInAnyOrder("Alex", "Carl"));
        search(List.of(condition("lastName", "not_eq", "Peter"))).body("contacts.firstName", contains("Bea"));
        search(List.of(condition("companyName", "contains", "stone"))).body("contacts.firstName", contains("Bea"));
        search(List.of(condition("city", "not_contains", "biar"))).body("contacts.firstName", containsInAnyOrder("Bea", "Carl"));
        search(List.of(condition("email", "exists", null))).body("contacts.firstName", containsInAnyOrder("Alex", "Bea"));
        search(List.of(condition("email", "not_exists", null))).body("contacts.firstName", contains("Carl"));
        search(List.of(condition("phone", "eq", "(555) 0101"))).body("total", equalTo(0));
        search(List.of(condition("phone", "contains", "555 01"))).body("contacts.firstName", contains("Alex"));
        search(List.of(condition("dnd", "eq", true))).body("contacts.firstName", contains("Alex"));
        search(List.of(condition("dnd", "eq", false))).body("contacts.firstName", containsInAnyOrder("Bea", "Carl"));
        search(List.of(condition("type", "eq", "customer"))).body("contacts.firstName", contains("Carl"));
        search(List.of(condition("dateOfBirth", "range", Map.of("gte", "1985-06-30", "lt", "1990-01-15"))))
                .body("contacts.firstName", contains("Bea"));
        search(List.of(condition("dateOfBirth", "eq", "1990-01-15"))).body("contacts.firstName", contains("Alex"));
    }

    @Test
    void timesFilterByRange() {
        people();
        String beaAdded = search(List.of(condition("firstName", "eq", "bea"))).extract().path("contacts[0].dateAdded");
        search(List.of(condition("dateAdded", "range", Map.of("gte", beaAdded)))).body("contacts.firstName", contains("Carl", "Bea"));
        search(List.of(condition("dateAdded", "range", Map.of("lt", beaAdded)))).body("contacts.firstName", contains("Alex"));
        long millis = java.time.Instant.parse(beaAdded).toEpochMilli();
        search(List.of(condition("dateAdded", "range", Map.of("gt", millis, "lte", "2999-01-01")))).body("contacts.firstName", contains("Carl"));
    }

    @Test
    void tagsMatchAnyOfTheGivenTagsCaseInsensitively() {
        people();
        search(List.of(condition("tags", "eq", "vip"))).body("contacts.firstName", contains("Alex"));
        search(List.of(condition("tags", "eq", List.of("climber", "surfer")))).body("contacts.firstName", containsInAnyOrder("Alex", "Bea"));
        search(List.of(condition("tags", "not_eq", List.of("climber", "surfer")))).body("contacts.firstName", contains("Carl"));
        search(List.of(condition("tags", "exists", null))).body("total", equalTo(2));
        search(List.of(condition("tags", "not_exists", null))).body("contacts.firstName", contains("Carl"));
    }

    @Test
    void customFieldsFilterByIdOrKeyAsTextNumbersOrLists() {
        people();
        search(List.of(condition("customFields.stance", "eq", "GOOFY"))).body("contacts.firstName", contains("Alex"));
        search(List.of(condition("customFields.board_length", "eq", 180))).body("contacts.firstName", contains("Bea"));
        search(List.of(condition("customFields.board_length", "range", Map.of("gt", 200)))).body("contacts.firstName", contains("Alex"));
        search(List.of(condition("customFields.levels", "eq", "reef"))).body("contacts.firstName", contains("Carl"));
        search(List.of(condition("customFields.levels", "contains", "begin"))).body("contacts.firstName", contains("Carl"));
        search(List.of(condition("customFields.stance", "not_exists", null))).body("contacts.firstName", contains("Carl"));
        search(List.of(condition("customFields.stance", "not_eq", "goofy"))).body("contacts.firstName", containsInAnyOrder("Bea", "Carl"));
    }

    @Test
    void aReplacedCustomFieldIsNoLongerFound() {
        String id = tenant.createContact(Map.of("firstName", "Dee", "customFields", List.of(Map.of("id", "stance", "field_value", "goofy"))));
        tenant.request().body(Map.of("customFields", List.of(Map.of("id", "other", "field_value", "x")))).put("/contacts/" + id)
                .then().statusCode(200);
        // No field defines "stance" and no contact holds it any more: the name is unknown now.
        tenant.request().body(Map.of("locationId", tenant.locationId(), "filters", List.of(condition("customFields.stance", "exists", null))))
                .post("/contacts/search").then().statusCode(422).body("param", equalTo("filters[0].field"));
        search(List.of(condition("customFields.other", "eq", "x"))).body("total", equalTo(1));
    }

    @Test
    void groupsCombineWithAndOrAndNest() {
        people();
        Map<String, Object> alexOrBea = Map.of("group", "OR", "filters",
                List.of(condition("firstNameLowerCase", "eq", "alex"), condition("firstNameLowerCase", "eq", "bea")));
        search(List.of(alexOrBea)).body("contacts.firstName", containsInAnyOrder("Alex", "Bea"));
        search(List.of(alexOrBea, condition("lastName", "eq", "peter"))).body("contacts.firstName", contains("Alex"));
        search(List.of(Map.of("group", "OR", "filters", List.of(alexOrBea, condition("city", "eq", "lisbon")))))
                .body("total", equalTo(3));
        search(List.of(Map.of("group", "AND", "filters", List.of(condition("dnd", "eq", true), condition("city", "eq", "lisbon")))))
                .body("contacts", empty());
    }

    @Test
    void sortsByAnyOfHighLevelsSortFieldsAndPagesWithSearchAfter() {
        List<String> names = List.of("Eve", "bob", "Dan", "alice", "Carl");
        for (String name : names) {
            tenant.createContact(name, "Sorted");
        }
        List<Map<String, Object>> byName = List.of(Map.of("field", "firstNameLowerCase", "direction", "asc"));
        List<String> seen = new ArrayList<>();
        List<Object> cursor = null;
        for (int page = 0; page < 3; page++) {
            Map<String, Object> body = new HashMap<>(Map.of("sort", byName, "pageLimit", 2));
            if (cursor != null) {
                body.put("searchAfter", cursor);
            }
            var response = search(body).statusCode(200).extract();
            List<String> firstNames = response.path("contacts.firstName");
            seen.addAll(firstNames);
            cursor = response.path("contacts[" + (firstNames.size() - 1) + "].searchAfter");
            if (page == 0) {
                // A contact added mid-way sorts before the cursor and does not shift the pages after it.
                tenant.createContact("Aaron", "Sorted");
            }
        }
        assertEquals(List.of("alice", "bob", "Carl", "Dan", "Eve"), seen);
        search(Map.of("sort", List.of(Map.of("field", "firstNameLowerCase", "direction", "desc")), "page", 2, "pageLimit", 2))
                .body("contacts.firstName", contains("Carl", "bob"));
        search(Map.of("sort", List.of(Map.of("field", "lastNameLowerCase", "direction", "asc"),
                Map.of("field", "dateAdded", "direction", "desc")), "pageLimit", 2))
                .body("contacts.firstName", contains("Aaron", "Carl"));
    }

    @Test
    void everyPartLiaisonDoesNotRunIsRefusedNamingIt() {
        people();
        refused(Map.of("filters", List.of(condition("lastActivity", "exists", null))), "filters[0].field", "lastActivity");
        refused(Map.of("filters", List.of(condition("email", "wildcard", "a*"))), "filters[0].operator", "wildcard");
        refused(Map.of("filters", List.of(condition("tags", "contains", "vi"))), "filters[0].operator", "does not apply");
        refused(Map.of("filters", List.of(condition("dateAdded", "eq", "2024-01-01"))), "filters[0].operator", "does not apply");
        refused(Map.of("filters", List.of(Map.of("group", "NOT", "filters", List.of(condition("dnd", "eq", true))))),
                "filters[0].group", "AND or OR");
        Map<String, Object> extra = new HashMap<>(condition("email", "eq", "a@b.c"));
        extra.put("boost", 2);
        refused(Map.of("filters", List.of(extra)), "filters[0].boost", "not part of a condition");
        Map<String, Object> third = Map.of("group", "AND", "filters", List.of(condition("dnd", "eq", true)));
        Map<String, Object> second = Map.of("group", "OR", "filters", List.of(third));
        Map<String, Object> first = Map.of("group", "AND", "filters", List.of(second));
        refused(Map.of("filters", List.of(first)), "filters[0].filters[0].filters[0]", "deeper");
        refused(Map.of("filters", List.of(condition("email", "eq", "x".repeat(76)))), "filters[0].value", "75");
        refused(Map.of("filters", List.of(condition("dnd", "eq", "yes"))), "filters[0].value", "true or false");
        refused(Map.of("filters", List.of(condition("email", "exists", "x"))), "filters[0].value", "left out");
        refused(Map.of("filters", List.of(condition("email", "eq", null))), "filters[0].value", "empty");
        refused(Map.of("filters", List.of(condition("dateAdded", "range", Map.of("after", "2024-01-01")))), "filters[0].value.after", "gt, gte");
        refused(Map.of("filters", List.of(condition("dateAdded", "range", Map.of("gt", "soon")))), "filters[0].value.gt", "time");
        refused(Map.of("filters", java.util.Collections.nCopies(51, condition("dnd", "eq", true))), "filters", "50");
        refused(Map.of("sort", List.of(Map.of("field", "city", "direction", "asc"))), "sort[0].field", "city");
        refused(Map.of("sort", List.of(Map.of("field", "dateAdded", "direction", "up"))), "sort[0].direction", "asc or desc");
        refused(Map.of("page", 2, "searchAfter", List.of(1, "x")), "page", "searchAfter");
        refused(Map.of("sort", List.of(Map.of("field", "email")), "searchAfter", List.of(1, "x")), "searchAfter", "[email, id]");
        refused(Map.of("fields", List.of("email")), "fields", "not a field");
    }

    private void refused(Map<String, Object> body, String param, String problem) {
        search(body).statusCode(422).body("param", equalTo(param)).body("message", hasItem(startsWith(param)))
                .body("message[0]", containsString(problem));
    }

    @Inject
    Driver driver;

    @Test
    void contactsWrittenBeforeTheLowercasedNamesAreFoundOnceV0004Ran() throws Exception {
        String id = tenant.createContact("Old", "Timer");
        try (var session = driver.session()) {
            session.run("MATCH (c:Contact {id: $id}) REMOVE c.firstNameLowerCase, c.lastNameLowerCase, c.fullNameLowerCase",
                    Values.parameters("id", id)).consume();
            search(List.of(condition("firstNameLowerCase", "eq", "old"))).body("total", equalTo(0));
            String migration;
            try (var in = getClass().getClassLoader().getResourceAsStream("cypher/schema/V0004__Contact_search_fields.cypher")) {
                migration = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            // The file holds one statement; comments are dropped as the migrator drops them.
            String statement = migration.lines().filter(l -> !l.strip().startsWith("//")).reduce("", (a, b) -> a + b + "\n").strip();
            session.run(statement.substring(0, statement.length() - 1)).consume();
        }
        search(List.of(condition("firstNameLowerCase", "eq", "old"))).body("contacts.id", contains(id));
        search(List.of(condition("fullNameLowerCase", "eq", "old timer"))).body("contacts.id", contains(id));
    }

    @Test
    void anotherLocationsContactsAreNeverFound() {
        people();
        String alex = search(List.of(condition("email", "eq", "alex@surf.io"))).extract().path("contacts[0].id");
        Tenant other = Api.newTenant("Other");
        other.request().body(Map.of("locationId", other.locationId(), "filters", List.of(condition("id", "eq", alex))))
                .post("/contacts/search").then().statusCode(200).body("total", equalTo(0));
        other.request().body(Map.of("locationId", tenant.locationId(), "filters", List.of(condition("id", "eq", alex))))
                .post("/contacts/search").then().statusCode(403);
    }

    @Test
    void theResponseMatchesHighLevelsContactSchemas() {
        // Text custom-field values: HighLevel's schema types every value as a string (numbers and lists come back as sent).
        tenant.createContact(fields("firstName", "Schema", "lastName", "Check", "email", "schema@check.io", "phone", "+1 888 555 0199",
                "companyName", "Acme", "address1", "1 Main St", "city", "Lisbon", "state", "LX", "postalCode", "1000", "country", "PT",
                "website", "https://acme.io", "timezone", "Europe/Lisbon", "source", "api", "gender", "female", "dnd", false,
                "dndSettings", Map.of("Call", Map.of("status", "active", "message", "no calls", "code", "C1")),
                "assignedTo", "user1", "tags", List.of("a"), "dateOfBirth", "1990-01-01",
                "customFields", List.of(Map.of("id", "stance", "field_value", "goofy"))));
        String body = search(List.of(condition("firstName", "eq", "schema"))).body("total", equalTo(1)).extract().asString();
        HighLevelSchema.assertMatches("apps/contacts.json", "ContactsSearchSchema", contactJson(body));
        HighLevelSchema.assertMatches("apps/contacts.json", "GetContectByIdSchema", contactJson(body));
    }

    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    private static String contactJson(String searchBody) {
        try {
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            return mapper.writeValueAsString(mapper.readTree(searchBody).path("contacts").get(0));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
