package io.liaison.object;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.Race;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Values;

@QuarkusTest
class ObjectResourceTest {

    @Inject
    Driver driver;

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant("Objects");
    }

    @Test
    void createsAnObjectInHighLevelsShapeAndListsItAfterTheStandardObjects() {
        Map<String, Object> body = Objects.objectBody(tenant, "surfboards", "Surfboard", "Surfboards");
        String id = tenant.request().body(body).post("/objects/").then().statusCode(201)
                .body("object.key", equalTo("custom_objects.surfboards"))
                .body("object.standard", equalTo(false))
                .body("object.type", equalTo("USER_DEFINED"))
                .body("object.labels.singular", equalTo("Surfboard"))
                .body("object.labels.plural", equalTo("Surfboards"))
                .body("object.description", equalTo("Surfboards of our customers"))
                .body("object.locationId", equalTo(tenant.locationId()))
                .body("object.primaryDisplayProperty", equalTo("custom_objects.surfboards.name"))
                .body("object.searchableProperties", contains("custom_objects.surfboards.name"))
                .body("object.graphLabel", equalTo("Surfboard"))
                .body("object.dateAdded", notNullValue())
                .extract().path("object.id");
        tenant.request().queryParam("locationId", tenant.locationId()).get("/objects/").then().statusCode(200)
                .body("objects.key", contains("contact", "business", "custom_objects.surfboards"))
                .body("objects[0].standard", equalTo(true))
                .body("objects[2].id", equalTo(id));
        tenant.request().queryParam("fetchProperties", true).get("/objects/custom_objects.surfboards").then().statusCode(200)
                .body("object.id", equalTo(id))
                .body("fields", hasSize(1))
                .body("fields[0].fieldKey", equalTo("custom_objects.surfboards.name"))
                .body("fields[0].key", equalTo("name"))
                .body("fields[0].dataType", equalTo("TEXT"))
                .body("fields[0].objectKey", equalTo("custom_objects.surfboards"));
        tenant.request().get("/objects/" + id).then().statusCode(200).body("object.key", equalTo("custom_objects.surfboards"))
                .body("fields", nullValue());
        tenant.request().get("/objects/surfboards").then().statusCode(200).body("object.id", equalTo(id));
        tenant.request().queryParam("fetchProperties", true).get("/objects/contact").then().statusCode(200)
                .body("object.standard", equalTo(true)).body("fields.key", hasItem("email"));
    }

    @Test
    void createRefusesBadInputNamingEachFieldAndWritesNothing() {
        Map<String, Object> noLabels = Objects.objectBody(tenant, "boards", "Board", "Boards");
        noLabels.remove("labels");
        tenant.request().body(noLabels).post("/objects/").then().statusCode(422)
                .body("message", hasItem(startsWith("labels.singular"))).body("message", hasItem(startsWith("labels.plural")));
        for (String key : List.of("Surf Boards", "custom_objects.", "x".repeat(51), "a`) DETACH DELETE n //", "9lives", "")) {
            tenant.request().body(Objects.objectBody(tenant, key, "Board", "Boards")).post("/objects/").then().statusCode(422)
                    .body("param", equalTo("key"));
        }
        Map<String, Object> datePrimary = Objects.objectBody(tenant, "boards", "Board", "Boards");
        datePrimary.put("primaryDisplayPropertyDetails", Map.of("key", "bought", "name", "Bought", "dataType", "DATE"));
        tenant.request().body(datePrimary).post("/objects/").then().statusCode(422)
                .body("message", hasItem(startsWith("primaryDisplayPropertyDetails.dataType")));
        Map<String, Object> noPrimary = Objects.objectBody(tenant, "boards", "Board", "Boards");
        noPrimary.remove("primaryDisplayPropertyDetails");
        tenant.request().body(noPrimary).post("/objects/").then().statusCode(422)
                .body("message", hasItem(startsWith("primaryDisplayPropertyDetails")));
        Map<String, Object> badFields = Objects.objectBody(tenant, "boards", "Board", "Boards");
        // Each declaration's refusals are FieldDeclarationsTest's; here, that they reach the client by index, with the duplicate.
        badFields.put("fields", List.of(Map.of("key", "x", "name", "X", "dataType", "BLOB"),
                Map.of("key", "name", "name", "Again", "dataType", "TEXT")));
        tenant.request().body(badFields).post("/objects/").then().statusCode(422)
                .body("message", hasItem(startsWith("fields[0].dataType")))
                .body("message", hasItem(startsWith("fields[1].key")));
        Map<String, Object> noLocation = Objects.objectBody(tenant, "boards", "Board", "Boards");
        noLocation.remove("locationId");
        tenant.request().body(noLocation).post("/objects/").then().statusCode(422).body("param", equalTo("locationId"));
        Map<String, Object> tooLong = Objects.objectBody(tenant, "boards", "B".repeat(101), "Boards");
        tenant.request().body(tooLong).post("/objects/").then().statusCode(422);
        tenant.request().body("{").post("/objects/").then().statusCode(400);
        tenant.request().get("/objects/").then().statusCode(200).body("objects.key", contains("contact", "business"));
    }

    @Test
    void aKeyIsUniqueInItsLocationOnly() {
        Objects.createObject(tenant, "boards", "Board");
        tenant.request().body(Objects.objectBody(tenant, "custom_objects.boards", "Other", "Others")).post("/objects/").then()
                .statusCode(409).body("code", equalTo("DUPLICATE_OBJECT_KEY"));
        Tenant other = Api.newTenant("Other");
        Objects.createObject(other, "boards", "Board");
    }

    @Test
    void graphLabelsAreSafePascalCaseUniqueAndNeverReserved() {
        assertEquals("SurfBoard", label(Objects.createObject(tenant, "a", "surf board")));
        assertEquals("SurfBoard2", label(Objects.createObject(tenant, "b", "Surf-Board")));
        assertEquals("ContactObject", label(Objects.createObject(tenant, "c", "Contact")));
        assertEquals("RecordObject", label(Objects.createObject(tenant, "d", "record")));
        assertEquals("CafeCreme", label(Objects.createObject(tenant, "e", "Café crème")));
        assertEquals("XDETACHDELETEN", label(Objects.createObject(tenant, "f", "x`) DETACH DELETE n //")));
        assertEquals("CustomObject", label(Objects.createObject(tenant, "g", "42 !!")));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "labels", Map.of("singular", "Renamed")))
                .put("/objects/custom_objects.a").then().statusCode(200)
                .body("object.labels.singular", equalTo("Renamed")).body("object.graphLabel", equalTo("SurfBoard"));
    }

    private String label(String key) {
        return tenant.request().get("/objects/" + key).then().statusCode(200).extract().path("object.graphLabel");
    }

    @Test
    void theAgencyTokenCreatesObjectsWhenItNamesTheLocation() {
        Api.agency().body(Objects.objectBody(tenant, "boards", "Board", "Boards")).post("/objects/").then().statusCode(201)
                .body("object.locationId", equalTo(tenant.locationId()));
        Map<String, Object> unnamed = Objects.objectBody(tenant, "boats", "Boat", "Boats");
        unnamed.remove("locationId");
        Api.agency().body(unnamed).post("/objects/").then().statusCode(422);
        Api.agency().get("/objects/").then().statusCode(422).body("param", equalTo("locationId"));
        Api.agency().queryParam("locationId", tenant.locationId()).get("/objects/").then().statusCode(200)
                .body("objects.key", contains("contact", "business", "custom_objects.boards"));
        tenant.request().get("/objects/").then().body("objects", hasSize(3));
    }

    @Test
    void anotherLocationIsForbiddenByIdAndInvisibleByKey() {
        Tenant other = Api.newTenant("Other");
        String theirs = Objects.createObject(other, "boards", "Board");
        Map<String, Object> elsewhere = Objects.objectBody(tenant, "x", "X", "Xs");
        elsewhere.put("locationId", other.locationId());
        tenant.request().body(elsewhere).post("/objects/").then().statusCode(403).body("code", equalTo("LOCATION_MISMATCH"));
        tenant.request().queryParam("locationId", other.locationId()).get("/objects/").then().statusCode(403);
        tenant.request().queryParam("locationId", other.locationId()).get("/objects/" + theirs).then().statusCode(403);
        tenant.request().get("/objects/" + theirs).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "description", "mine")).put("/objects/" + theirs).then().statusCode(404);
        tenant.request().body(Map.of("key", "x", "name", "X", "dataType", "TEXT")).post("/objects/" + theirs + "/fields").then().statusCode(404);
        tenant.request().delete("/objects/" + theirs).then().statusCode(404);
        other.request().get("/objects/" + theirs).then().statusCode(200).body("object.description", equalTo("Boards of our customers"));
        tenant.request().get("/objects/nothing_here").then().statusCode(404);
        tenant.request().get("/objects/" + "x".repeat(300)).then().statusCode(404);
    }

    @Test
    void everyObjectEndpointNeedsAKey() {
        given().get("/objects/").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        given().get("/objects/custom_objects.a").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").post("/objects/").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").put("/objects/custom_objects.a").then().statusCode(401);
        given().delete("/objects/custom_objects.a").then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").post("/objects/custom_objects.a/fields").then().statusCode(401);
        given().header("Authorization", "Bearer lk_unknown").get("/objects/").then().statusCode(401);
    }

    @Test
    void updateChangesLabelsDescriptionAndSearchablePropertiesOnly() {
        String key = Objects.createSurfboards(tenant);
        tenant.request().body(Map.of("locationId", tenant.locationId(), "labels", Map.of("plural", "Boards"), "description", "",
                        "searchableProperties", List.of("name", "custom_objects.surfboards.notes", "shape")))
                .put("/objects/" + key).then().statusCode(200)
                .body("object.labels.singular", equalTo("Surfboard"))
                .body("object.labels.plural", equalTo("Boards"))
                .body("object.description", nullValue())
                .body("object.key", equalTo(key))
                .body("object.searchableProperties", contains("custom_objects.surfboards.name",
                        "custom_objects.surfboards.notes", "custom_objects.surfboards.shape"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "searchableProperties", List.of("name", "nope")))
                .put("/objects/" + key).then().statusCode(422).body("message", hasItem(startsWith("searchableProperties[1]")));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "labels", Map.of("singular", " ")))
                .put("/objects/" + key).then().statusCode(422).body("param", equalTo("labels.singular"));
        tenant.request().get("/objects/" + key).then().body("object.searchableProperties", hasSize(3))
                .body("object.labels.singular", equalTo("Surfboard"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "searchableProperties", List.of()))
                .put("/objects/contact").then().statusCode(400).body("code", equalTo("STANDARD_OBJECT"));
    }

    @Test
    void fieldsAreDeclaredOneByOneAndTheirKeysAreUnique() {
        String key = Objects.createObject(tenant, "boards", "Board");
        tenant.request().body(Map.of("key", "custom_objects.boards.shape", "name", "Shape", "dataType", "SINGLE_OPTIONS",
                        "options", List.of(Map.of("key", "fish", "label", "Fish"))))
                .post("/objects/" + key + "/fields").then().statusCode(201)
                .body("fields.key", contains("name", "shape"))
                .body("fields[1].options[0].label", equalTo("Fish"));
        tenant.request().body(Map.of("key", "shape", "name", "Shape", "dataType", "TEXT")).post("/objects/" + key + "/fields")
                .then().statusCode(409).body("code", equalTo("DUPLICATE_FIELD_KEY"));
        tenant.request().body(Map.of("key", "size", "name", "", "dataType", "NUMBER")).post("/objects/" + key + "/fields")
                .then().statusCode(422).body("message", hasItem(startsWith("name"))).body("message", hasItem(startsWith("dataType")));
        tenant.request().queryParam("fetchProperties", true).get("/objects/" + key).then().body("fields", hasSize(2));
    }

    @Test
    void concurrentFieldDeclarationsStopAtTheFieldLimit() throws Exception {
        String key = Objects.createObject(tenant, "boards", "Board");
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String field = "field_" + i;
            calls.add(() -> tenant.request().body(Map.of("key", field, "name", field, "dataType", "TEXT"))
                    .post("/objects/" + key + "/fields").then().extract().statusCode());
        }
        List<Integer> statuses = Race.run(calls);
        // 50 fields per object by default, and the primary display property is one of them.
        assertEquals(49, Race.count(statuses, 201), statuses.toString());
        assertEquals(11, Race.count(statuses, 409), statuses.toString());
        tenant.request().queryParam("fetchProperties", true).get("/objects/" + key).then().body("fields", hasSize(50));
        tenant.request().body(Map.of("key", "one_more", "name", "One more", "dataType", "TEXT")).post("/objects/" + key + "/fields")
                .then().statusCode(409).body("code", equalTo("LIMIT_EXCEEDED"))
                .body("details.limit", equalTo("fieldsPerObject")).body("details.maximum", equalTo(50));
    }

    @Test
    void concurrentCreatesStopAtTheObjectLimit() throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String key = "object_" + i;
            calls.add(() -> tenant.request().body(Objects.objectBody(tenant, key, "Thing", "Things")).post("/objects/")
                    .then().extract().statusCode());
        }
        List<Integer> statuses = Race.run(calls);
        assertEquals(10, Race.count(statuses, 201), statuses.toString());
        assertEquals(6, Race.count(statuses, 409), statuses.toString());
        List<String> labels = tenant.request().get("/objects/").then().body("objects", hasSize(12)).extract().path("objects.graphLabel");
        assertEquals(12, labels.stream().distinct().count(), "every object has its own graph label: " + labels);
        tenant.request().body(Objects.objectBody(tenant, "eleventh", "Thing", "Things")).post("/objects/").then().statusCode(409)
                .body("code", equalTo("LIMIT_EXCEEDED")).body("details.limit", equalTo("customObjects"))
                .body("details.maximum", equalTo(10)).body("details.current", equalTo(10));
    }

    @Test
    void deletingAnObjectInUseIsRefusedUnlessForcedAndForceRemovesItsRecordsLinksAndLabels() {
        String key = Objects.createObject(tenant, "boards", "Board");
        String board = Objects.createRecord(tenant, key, "Blue");
        String contact = tenant.createContact("Kai", "Lenny");
        String associationId = tenant.createAssociation("owner_board", "contact", "Owner", key, "Board", null);
        tenant.link(associationId, contact, board).then().statusCode(201);
        tenant.request().delete("/objects/" + key).then().statusCode(409).body("code", equalTo("OBJECT_IN_USE"))
                .body("details.records", equalTo(1)).body("details.associations", equalTo(1));
        tenant.request().get("/objects/" + key + "/records/" + board).then().statusCode(200);
        tenant.request().queryParam("force", true).delete("/objects/" + key).then().statusCode(200)
                .body("deleted", equalTo(true)).body("key", equalTo(key))
                .body("recordsDeleted", equalTo(1)).body("associationsDeleted", equalTo(1));
        tenant.request().get("/objects/" + key).then().statusCode(404);
        tenant.request().get("/contacts/" + contact).then().statusCode(200);
        try (var session = driver.session()) {
            long left = session.executeRead(tx -> tx.run("""
                    RETURN COUNT { MATCH (r:Record {id: $board}) } + COUNT { MATCH (a:Association {id: $association}) }
                         + COUNT { MATCH (:Contact {id: $contact})--() } AS left""",
                    Values.parameters("board", board, "association", associationId, "contact", contact)).single().get("left").asLong());
            assertEquals(0, left);
        }
        String empty = Objects.createObject(tenant, "empty", "Empty");
        tenant.request().delete("/objects/" + empty).then().statusCode(200).body("recordsDeleted", equalTo(0));
        tenant.request().delete("/objects/" + empty).then().statusCode(404);
        tenant.request().delete("/objects/contact").then().statusCode(400);
    }
}
