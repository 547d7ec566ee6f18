package io.liaison.association;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.Imports;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RelationCsvTest {

    @Test
    void linesNameLabelsByKeyAndContactsByEmailAndEachBadLineIsReported() throws Exception {
        Tenant tenant = Api.newTenant("Relation CSV");
        String ann = tenant.createContact(Map.of("firstName", "Ann", "email", "ann@example.com"));
        String bob = tenant.createContact(Map.of("firstName", "Bob", "email", "bob@example.com"));
        String knows = tenant.createAssociation("knows", "contact", "Knows", "contact", null, null);
        tenant.request().body(Map.of("locationId", tenant.locationId(), "key", "custom_objects.boards",
                "labels", Map.of("singular", "Board", "plural", "Boards"),
                "primaryDisplayPropertyDetails", Map.of("key", "custom_objects.boards.name", "name", "Name", "dataType", "TEXT")))
                .post("/objects/").then().statusCode(201);
        String board = tenant.request().body(Map.of("locationId", tenant.locationId(), "properties", Map.of("name", "Blue")))
                .post("/objects/custom_objects.boards/records").then().statusCode(201).extract().path("record.id");
        String owns = tenant.createAssociation("owner_board", "contact", "Owner", "custom_objects.boards", "Board", null);
        String csv = "associationKey,firstContactEmail,secondContactEmail,secondRecordId\n"
                + "knows,ann@example.com,bob@example.com,\n"
                + "knows,ann@example.com,nobody@example.com,\n"
                + "no_such_label,ann@example.com,bob@example.com,\n"
                + "knows,BOB@example.com,ann@example.com,\n"
                + "owner_board,ann@example.com,," + board + "\n"
                + "\"knows,ann@example.com,bob@example.com,\n";
        String id = Imports.upload(tenant, "/associations/relations/import", csv).then().statusCode(202)
                .body("type", equalTo("relations")).extract().path("id");
        JsonPath job = Imports.finished(tenant, id);
        assertEquals("COMPLETED_WITH_ERRORS", job.getString("status"), "lines failed");
        assertEquals(6, job.getLong("processed"));
        assertEquals(2, job.getLong("created"));
        assertEquals(4, job.getLong("failed"));
        assertEquals(List.of(3, 4, 5, 7), job.getList("errors.line"));
        assertEquals(List.of("NOT_FOUND", "NOT_FOUND", "DUPLICATE_RELATION", "MALFORMED_CSV"), job.getList("errors.code"));

        tenant.request().get("/associations/relations/" + ann).then().body("total", equalTo(2));
        String all = tenant.request().get("/associations/relations/export").then().statusCode(200)
                .header("Content-Type", startsWith("text/csv")).extract().asString();
        String[] lines = all.split("\r\n");
        assertEquals(3, lines.length, all);
        assertEquals(String.join(",", RelationCsv.EXPORT_COLUMNS), lines[0]);
        String onlyKnows = tenant.request().queryParam("associationIds", knows).get("/associations/relations/export")
                .then().statusCode(200).extract().asString();
        assertEquals(2, onlyKnows.split("\r\n").length);
        assertTrue(onlyKnows.contains("," + knows + ",knows,contact,"), onlyKnows);
        tenant.request().queryParam("associationIds", "NoSuchLabel000000000").get("/associations/relations/export")
                .then().statusCode(404);

        // The export re-imports: remove both links, then import the file as it is.
        List<String> ids = List.of(lines[1].split(",")[0], lines[2].split(",")[0]);
        tenant.request().body(Map.of("ids", ids)).post("/associations/relations/bulk-delete").then().body("deleted", equalTo(2));
        String again = Imports.upload(tenant, "/associations/relations/import", all).then().statusCode(202).extract().path("id");
        assertEquals(2, Imports.finished(tenant, again).getLong("created"));
        tenant.request().get("/associations/relations/" + bob).then().body("total", equalTo(1));
        tenant.request().get("/associations/relations/" + board).then().body("relations[0].associationId", equalTo(owns));
    }

    @Test
    void theHeaderMustNameALabelAndBothRecordsAndAnotherLocationSeesNothing() {
        Tenant tenant = Api.newTenant("Relation CSV header");
        Imports.upload(tenant, "/associations/relations/import", "associationKey,firstRecordId\nknows,x\n").then().statusCode(422)
                .body("message", hasItem(startsWith("header needs a column secondRecordId or secondContactEmail")));
        Imports.upload(tenant, "/associations/relations/import", "associationKey,firstRecordId,secondRecordId,weight\n").then()
                .statusCode(422).body("message", hasItem(startsWith("header column 'weight'")));
        Tenant other = Api.newTenant("Relation CSV other");
        String theirLabel = other.createAssociation("knows", "contact", "Knows", "contact", null, null);
        tenant.request().queryParam("associationIds", theirLabel).get("/associations/relations/export").then().statusCode(404);
        assertEquals(1, tenant.request().get("/associations/relations/export").then().statusCode(200).extract().asString()
                .split("\r\n").length);
    }
}
