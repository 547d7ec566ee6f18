package io.liaison.object;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Values;

@QuarkusTest
class RecordResourceTest {

    @Inject
    Driver driver;

    private Tenant tenant;
    private String boards;

    @BeforeEach
    void surfboards() {
        tenant = Api.newTenant("Records");
        boards = Objects.createSurfboards(tenant);
    }

    @Test
    void createsARecordOfEveryFieldTypeAndReadsItBack() {
        Map<String, Object> properties = Map.of("name", "Blue Lightning", "notes", "A long story", "length_cm", 275,
                "bought_on", "2024-07-11", "waxed", true, "fins", List.of("left", "Right"), "shape", "Longboard",
                "colours", List.of("blue"));
        String id = tenant.request().body(Map.of("locationId", tenant.locationId(), "properties", properties))
                .post("/objects/" + boards + "/records").then().statusCode(201)
                .body("record.objectKey", equalTo(boards))
                .body("record.locationId", equalTo(tenant.locationId()))
                .body("record.properties.name", equalTo("Blue Lightning"))
                .body("record.properties.length_cm", equalTo(275))
                .body("record.properties.waxed", equalTo(true))
                .body("record.properties.fins", contains("left", "right"))
                .body("record.properties.shape", equalTo("longboard"))
                .body("record.properties", not(hasKey("displayName")))
                .body("record.createdAt", notNullValue())
                .body("record.updatedAt", notNullValue())
                .extract().path("record.id");
        tenant.request().get("/objects/" + boards + "/records/" + id).then().statusCode(200)
                .body("record.id", equalTo(id))
                .body("record.properties.bought_on", equalTo("2024-07-11"))
                .body("record.properties.colours", contains("blue"))
                .body("record.properties.notes", equalTo("A long story"));
        // The long field key form is accepted too.
        Objects.createRecord(tenant, boards, Map.of("custom_objects.surfboards.name", "Long form", "length_cm", 180.5));
    }

    @Test
    void aRecordNodeCarriesItsObjectsGraphLabelAndDisplayName() {
        String id = Objects.createRecord(tenant, boards, "Blue Lightning");
        try (var session = driver.session()) {
            var row = session.executeRead(tx -> tx.run("MATCH (r:Record:Surfboard {id: $id}) RETURN r.displayName AS name, labels(r) AS labels",
                    Values.parameters("id", id)).single());
            assertEquals("Blue Lightning", row.get("name").asString());
            assertEquals(2, row.get("labels").size());
        }
        tenant.request().body(Map.of("properties", Map.of("name", "Red Dawn"))).put("/objects/" + boards + "/records/" + id)
                .then().statusCode(200).body("record.properties.name", equalTo("Red Dawn"));
        try (var session = driver.session()) {
            assertEquals("Red Dawn", session.executeRead(tx -> tx.run("MATCH (r:Surfboard {id: $id}) RETURN r.displayName AS name",
                    Values.parameters("id", id)).single().get("name").asString()));
        }
    }

    @Test
    void valuesAreValidatedAgainstTheDeclaredFieldsAndNothingIsWritten() {
        Map<String, Object> wrong = new HashMap<>();
        wrong.put("name", 42);
        wrong.put("length_cm", "long");
        wrong.put("bought_on", "yesterday");
        wrong.put("waxed", "yes");
        wrong.put("fins", List.of("middle"));
        wrong.put("shape", "square");
        wrong.put("colours", "blue");
        wrong.put("wheels", 4);
        tenant.request().body(Map.of("locationId", tenant.locationId(), "properties", wrong)).post("/objects/" + boards + "/records")
                .then().statusCode(422)
                .body("message", hasItem(startsWith("properties.name must be a string")))
                .body("message", hasItem(startsWith("properties.length_cm must be a number")))
                .body("message", hasItem(startsWith("properties.bought_on must be a date")))
                .body("message", hasItem(startsWith("properties.waxed must be true or false")))
                .body("message", hasItem(startsWith("properties.fins must be a list of options")))
                .body("message", hasItem(startsWith("properties.shape must be one of")))
                .body("message", hasItem(startsWith("properties.colours must be a list")))
                .body("message", hasItem(startsWith("properties.wheels is not a field of custom_objects.surfboards")));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "properties", Map.of("length_cm", 3)))
                .post("/objects/" + boards + "/records").then().statusCode(422).body("param", equalTo("properties.name"));
        // Overlong texts and a body without properties: FieldValuesTest.
        tenant.request().body(Map.of("properties", Map.of("name", "No location"))).post("/objects/" + boards + "/records").then()
                .statusCode(422).body("param", equalTo("locationId"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "properties", "name")).post("/objects/" + boards + "/records")
                .then().statusCode(422);
        tenant.request().body(Map.of("locationId", tenant.locationId())).post("/objects/" + boards + "/records/search").then()
                .statusCode(200).body("total", equalTo(0));
    }

    @Test
    void updateKeepsOmittedValuesClearsNullOnesAndValidates() {
        String id = Objects.createRecord(tenant, boards, Map.of("name", "Keeper", "length_cm", 200, "shape", "fish"));
        Map<String, Object> change = new HashMap<>();
        change.put("length_cm", 210);
        change.put("shape", null);
        tenant.request().queryParam("locationId", tenant.locationId()).body(Map.of("properties", change))
                .put("/objects/" + boards + "/records/" + id).then().statusCode(200)
                .body("record.properties.name", equalTo("Keeper"))
                .body("record.properties.length_cm", equalTo(210))
                .body("record.properties", not(hasKey("shape")));
        tenant.request().body(Map.of("properties", Map.of("length_cm", "tall"))).put("/objects/" + boards + "/records/" + id)
                .then().statusCode(422);
        tenant.request().body(Map.of("properties", Map.of("name", ""))).put("/objects/" + boards + "/records/" + id)
                .then().statusCode(422).body("param", equalTo("properties.name"));
        tenant.request().get("/objects/" + boards + "/records/" + id).then().body("record.properties.length_cm", equalTo(210))
                .body("record.properties.name", equalTo("Keeper"));
    }

    @Test
    void deletingARecordRemovesItsLinksAndNothingElse() {
        String board = Objects.createRecord(tenant, boards, "Linked");
        String contact = tenant.createContact("Kai", "Lenny");
        try (var session = driver.session()) {
            session.executeWrite(tx -> tx.run("""
                    MATCH (c:Contact {id: $contact}), (b:Record {id: $board})
                    CREATE (c)-[:OWNER_BOARD {id: 'r1' + $board, locationId: c.locationId}]->(b)""",
                    Values.parameters("contact", contact, "board", board)).consume());
        }
        tenant.request().delete("/objects/" + boards + "/records/" + board).then().statusCode(200)
                .body("id", equalTo(board)).body("success", equalTo(true));
        tenant.request().get("/objects/" + boards + "/records/" + board).then().statusCode(404);
        tenant.request().delete("/objects/" + boards + "/records/" + board).then().statusCode(404);
        tenant.request().get("/contacts/" + contact).then().statusCode(200);
        try (var session = driver.session()) {
            assertEquals(0L, (long) session.executeRead(tx -> tx.run("RETURN COUNT { (:Contact {id: $contact})--() } AS links",
                    Values.parameters("contact", contact)).single().get("links").asLong()));
        }
    }

    @Test
    void recordsOfAnotherObjectOrLocationAreNotFound() {
        String board = Objects.createRecord(tenant, boards, "Mine");
        String wetsuits = Objects.createObject(tenant, "wetsuits", "Wetsuit");
        tenant.request().get("/objects/" + wetsuits + "/records/" + board).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        tenant.request().body(Map.of("properties", Map.of("name", "X"))).put("/objects/" + wetsuits + "/records/" + board).then().statusCode(404);
        tenant.request().delete("/objects/" + wetsuits + "/records/" + board).then().statusCode(404);
        String contact = tenant.createContact("Not", "Aboard");
        tenant.request().get("/objects/" + boards + "/records/" + contact).then().statusCode(404);
        tenant.request().get("/objects/" + boards + "/records/unknown123").then().statusCode(404);
        tenant.request().get("/objects/" + boards + "/records/" + "x".repeat(300)).then().statusCode(404);
        tenant.request().get("/objects/custom_objects.nothing/records/" + board).then().statusCode(404);
        tenant.request().get("/objects/contact/records/" + contact).then().statusCode(400).body("code", equalTo("STANDARD_OBJECT"));

        Tenant other = Api.newTenant("Other");
        String theirBoards = Objects.createSurfboards(other);
        String theirs = Objects.createRecord(other, theirBoards, "Theirs");
        tenant.request().get("/objects/" + boards + "/records/" + theirs).then().statusCode(404);
        tenant.request().body(Map.of("properties", Map.of("name", "Hijack"))).put("/objects/" + boards + "/records/" + theirs).then().statusCode(404);
        tenant.request().delete("/objects/" + boards + "/records/" + theirs).then().statusCode(404);
        other.request().get("/objects/" + theirBoards + "/records/" + theirs).then().statusCode(200).body("record.properties.name", equalTo("Theirs"));

        tenant.request().body(Map.of("locationId", other.locationId(), "properties", Map.of("name", "X")))
                .post("/objects/" + boards + "/records").then().statusCode(403).body("code", equalTo("LOCATION_MISMATCH"));
        tenant.request().queryParam("locationId", other.locationId()).get("/objects/" + boards + "/records/" + board).then().statusCode(403);
        tenant.request().queryParam("locationId", other.locationId()).body(Map.of("properties", Map.of("name", "X")))
                .put("/objects/" + boards + "/records/" + board).then().statusCode(403);
        tenant.request().body(Map.of("locationId", other.locationId(), "properties", Map.of("name", "X")))
                .put("/objects/" + boards + "/records/" + board).then().statusCode(403);
        tenant.request().body(Map.of("locationId", other.locationId())).post("/objects/" + boards + "/records/search").then().statusCode(403);
        tenant.request().get("/objects/" + boards + "/records/" + board).then().body("record.properties.name", equalTo("Mine"));
    }

    @Test
    void everyRecordEndpointNeedsAKey() {
        String path = "/objects/custom_objects.surfboards/records";
        given().contentType(ContentType.JSON).body("{}").post(path).then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        given().get(path + "/abc").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").put(path + "/abc").then().statusCode(401);
        given().delete(path + "/abc").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").post(path + "/search").then().statusCode(401);
    }

    @Test
    void searchMatchesFreeTextOrOneFieldAndPagesNewestFirstWhileRecordsAreAdded() {
        for (int i = 0; i < 5; i++) {
            Objects.createRecord(tenant, boards, Map.of("name", "Buddy " + i, "notes", "shaped by Al"));
        }
        Objects.createRecord(tenant, boards, Map.of("name", "Other", "notes", "buddy in the notes"));
        String search = "/objects/" + boards + "/records/search";
        var page1 = tenant.request().body(Map.of("locationId", tenant.locationId(), "query", "BUDDY", "pageLimit", 2))
                .post(search).then().statusCode(200).body("total", equalTo(5))
                .body("records.properties.name", contains("Buddy 4", "Buddy 3")).extract();
        List<Object> cursor = page1.path("records[1].searchAfter");
        Objects.createRecord(tenant, boards, "Buddy 5");
        tenant.request().body(Map.of("locationId", tenant.locationId(), "query", "buddy", "pageLimit", 2, "searchAfter", cursor))
                .post(search).then().statusCode(200).body("records.properties.name", contains("Buddy 2", "Buddy 1"));
        tenant.request().body(Map.of("query", "buddy", "page", 2, "pageLimit", 2)).post(search).then()
                .body("total", equalTo(6)).body("records.properties.name", contains("Buddy 3", "Buddy 2"));
        tenant.request().body(Map.of("query", "name:Buddy 1")).post(search).then().body("total", equalTo(1))
                .body("records[0].properties.name", equalTo("Buddy 1"));
        tenant.request().body(Map.of("query", "notes:buddy")).post(search).then().body("total", equalTo(1))
                .body("records[0].properties.name", equalTo("Other"));
        tenant.request().body(Map.of("query", "custom_objects.surfboards.notes:shaped")).post(search).then().body("total", equalTo(5));
        tenant.request().body(Map.of()).post(search).then().body("total", equalTo(7)).body("records", hasSize(7));
        // Free text looks at the searchable properties only, until notes is made searchable.
        tenant.request().body(Map.of("query", "shaped")).post(search).then().body("total", equalTo(0));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "searchableProperties", List.of("name", "notes")))
                .put("/objects/" + boards).then().statusCode(200);
        tenant.request().body(Map.of("query", "shaped")).post(search).then().body("total", equalTo(5));
        tenant.request().body(Map.of("query", "colour:blue")).post(search).then().statusCode(422).body("param", equalTo("query"));
        tenant.request().body(Map.of("pageLimit", 500)).post(search).then().statusCode(422).body("message", hasItem(startsWith("pageLimit")));
        tenant.request().body(Map.of("searchAfter", List.of("x"))).post(search).then().statusCode(422);
        tenant.request().body(Map.of("page", 100_000)).post(search).then().statusCode(422);
        tenant.request().body(Map.of("query", "q".repeat(201))).post(search).then().statusCode(422);
    }

    @Test
    void searchMatchesOptionListsByElement() {
        Objects.createRecord(tenant, boards, Map.of("name", "Red one", "colours", List.of("red")));
        Objects.createRecord(tenant, boards, Map.of("name", "Both", "colours", List.of("red", "blue")));
        tenant.request().body(Map.of("query", "colours:blue")).post("/objects/" + boards + "/records/search").then()
                .statusCode(200).body("total", equalTo(1)).body("records[0].properties.name", equalTo("Both"));
    }
}
