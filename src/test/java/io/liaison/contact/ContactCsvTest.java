package io.liaison.contact;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.Imports;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ContactCsvTest {

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant("Contact CSV");
    }

    private long total(Tenant who) {
        return ((Number) who.request().get("/contacts/").then().statusCode(200).extract().path("total")).longValue();
    }

    private Map<String, Object> byEmail(String email) {
        return tenant.request().body(Map.of("locationId", tenant.locationId(), "query", email)).post("/contacts/search")
                .then().statusCode(200).extract().path("contacts[0]");
    }

    @Test
    void importsEachGoodLineAndReportsEachBadOneByLineNumber() throws Exception {
        tenant.createContact(Map.of("firstName", "Existing", "email", "old@example.com"));
        String csv = """
                firstName,lastName,email,phone,tags,companyName
                Ann,Lee,ann@example.com,+1 888 555 0100,"vip, surfer",
                Bad,Email,not-an-email,,,
                ,Renamed,OLD@example.com,,,
                "Quote" broken,x,q@example.com,,,
                Short,line
                Multi,"Line
                Name",multi@example.com,,,"Acme, Inc."
                Tz,Zone,tz@example.com,,,
                "Unterminated,x,u@example.com,,,
                """;
        String id = Imports.upload(tenant, "/contacts/import", csv).then().statusCode(202)
                .header("Location", containsString("/imports/")).body("status", equalTo("QUEUED"))
                .body("type", equalTo("contacts")).extract().path("id");
        JsonPath job = Imports.finished(tenant, id);
        assertEquals("COMPLETED_WITH_ERRORS", job.getString("status"), "lines failed");
        assertEquals(8, job.getLong("processed"));
        assertEquals(3, job.getLong("created"));
        assertEquals(1, job.getLong("updated"));
        assertEquals(4, job.getLong("failed"));
        assertEquals(List.of(3, 5, 6, 10), job.getList("errors.line"));
        assertEquals(List.of("VALIDATION_FAILED", "MALFORMED_CSV", "MALFORMED_CSV", "MALFORMED_CSV"), job.getList("errors.code"));
        assertTrue(job.getString("errors[0].message").startsWith("email"));
        assertFalse(job.getBoolean("errorsTruncated"));

        assertEquals(List.of("vip", "surfer"), byEmail("ann@example.com").get("tags"));
        assertEquals("Existing Renamed", byEmail("old@example.com").get("name"));
        assertEquals("Multi Line\nName", byEmail("multi@example.com").get("name"));
        assertEquals("Acme, Inc.", byEmail("multi@example.com").get("companyName"));
        assertEquals(4, total(tenant));
    }

    /**
     * Malformed lines (which never reach the database) and invalid values (refused by the batch
     * write) interleaved, after a quoted line break and past the first batch: each error carries the
     * line of the file it is on, not its place among the lines sent to the database or in its batch.
     */
    @Test
    void malformedLinesAndInvalidValuesInterleavedAreEachReportedAtTheirOwnLine() throws Exception {
        StringBuilder csv = new StringBuilder("""
                firstName,lastName,email
                Good,One,good1@example.com
                Short,line
                Bad,Email,not-an-email
                Multi,"Line
                Break",multi2@example.com
                Bad,Again,still-not-an-email
                "Quote" broken,x,q2@example.com
                Third,Bad,nope
                """);
        int line = 10;
        for (; line < 1010; line++) {
            csv.append("Filler,").append(line).append(",filler").append(line).append("@example.com\n");
        }
        csv.append("Late,short\n"); // 1010
        csv.append("Late,Bad,late-not-an-email\n"); // 1011
        csv.append("Late,Good,late@example.com\n"); // 1012
        String id = Imports.upload(tenant, "/contacts/import", csv.toString()).then().statusCode(202).extract().path("id");
        JsonPath job = Imports.finished(tenant, id);
        assertEquals("COMPLETED_WITH_ERRORS", job.getString("status"));
        assertEquals(List.of(3, 4, 7, 8, 9, 1010, 1011), job.getList("errors.line"));
        assertEquals(List.of("MALFORMED_CSV", "VALIDATION_FAILED", "VALIDATION_FAILED", "MALFORMED_CSV", "VALIDATION_FAILED",
                "MALFORMED_CSV", "VALIDATION_FAILED"), job.getList("errors.code"));
        assertEquals(7, job.getLong("failed"));
        assertEquals(1003, job.getLong("created"));
        assertEquals(1003, total(tenant));
    }

    @Test
    void aHeaderWithAnUnknownColumnIsRefusedAndLeavesNoJob() {
        Imports.upload(tenant, "/contacts/import", "firstName,shoeSize\nAnn,42\n").then().statusCode(422)
                .body("code", equalTo("VALIDATION_FAILED")).body("message", hasItem(startsWith("header column 'shoeSize'")));
        Imports.upload(tenant, "/contacts/import", "").then().statusCode(422);
        Imports.upload(tenant, "/contacts/import", "id,dateAdded\nx,y\n").then().statusCode(422);
        assertEquals(0, total(tenant));
    }

    @Test
    void aFileLargerThanTheJsonLimitStreamsIn() throws Exception {
        StringBuilder csv = new StringBuilder("firstName,address1,companyName,source\n");
        for (int i = 0; i < 1500; i++) {
            csv.append("Person").append(i).append(',').append("a".repeat(250)).append(',').append("c".repeat(250)).append(',')
                    .append("s".repeat(250)).append('\n');
        }
        assertTrue(csv.length() > 1024 * 1024);
        String id = Imports.upload(tenant, "/contacts/import", csv.toString()).then().statusCode(202).extract().path("id");
        JsonPath job = Imports.finished(tenant, id);
        assertEquals("SUCCEEDED", job.getString("status"), "no line failed");
        assertEquals(1500, job.getLong("created"));
        assertEquals(1500, total(tenant));
    }

    @Test
    void anImportIsSealedInItsLocation() throws Exception {
        String id = Imports.upload(tenant, "/contacts/import", "firstName\nAnn\n").then().statusCode(202).extract().path("id");
        Imports.finished(tenant, id);
        Tenant other = Api.newTenant("Contact CSV other");
        other.request().get("/imports/" + id).then().statusCode(404);
        other.request().get("/imports/" + "x".repeat(300)).then().statusCode(404);
    }

    @Test
    void theExportQuotesGuardsFormulasAndReimportsUnchanged() throws Exception {
        tenant.createContact(Map.of("firstName", "=HYPERLINK(\"http://evil\")", "lastName", "Doe, Jr.", "email", "jane@example.com",
                "phone", "+1 888 555 0101", "tags", List.of("a", "b")));
        tenant.createContact(Map.of("firstName", "Plain", "email", "plain@example.com"));
        String csv = tenant.request().get("/contacts/export").then().statusCode(200)
                .header("Content-Type", startsWith("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(3, lines.length);
        assertEquals(String.join(",", ContactCsv.EXPORT_COLUMNS), lines[0]);
        assertTrue(lines[1].contains("\"'=HYPERLINK(\"\"http://evil\"\")\""), lines[1]);
        assertTrue(lines[1].contains("\"Doe, Jr.\""), lines[1]);
        assertTrue(lines[1].contains(",+18885550101,"), lines[1]);
        assertTrue(lines[1].contains("\"a,b\""), lines[1]);

        Tenant copy = Api.newTenant("Contact CSV copy");
        String id = Imports.upload(copy, "/contacts/import", csv).then().statusCode(202).extract().path("id");
        assertEquals(2, Imports.finished(copy, id).getLong("created"));
        Map<String, Object> jane = copy.request().body(Map.of("locationId", copy.locationId(), "query", "jane@example.com"))
                .post("/contacts/search").then().statusCode(200).extract().path("contacts[0]");
        assertEquals("=HYPERLINK(\"http://evil\")", jane.get("firstName"));
        assertEquals("Doe, Jr.", jane.get("lastName"));
        assertEquals(List.of("a", "b"), jane.get("tags"));
        assertEquals(copy.locationId(), jane.get("locationId"));
    }

    @Test
    void anUploadRetriedWithItsIdempotencyKeyIsOneJob() {
        String csv = "firstName,email\nRetry,retry@example.com\n";
        String first = io.restassured.RestAssured.given().header("Authorization", "Bearer " + tenant.apiKey())
                .header("Idempotency-Key", "upload-1").contentType("text/csv").body(csv).post("/contacts/import")
                .then().statusCode(202).extract().path("id");
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + tenant.apiKey())
                .header("Idempotency-Key", "upload-1").contentType("text/csv").body(csv).post("/contacts/import")
                .then().statusCode(202).header("Idempotent-Replayed", "true").body("id", equalTo(first));
    }
}
