package io.liaison.error;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.HighLevelSchema;
import io.liaison.support.HighLevelSchema.Operation;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the five HighLevel documents Liaison speaks is either served or answered 501
 * NOT_IMPLEMENTED naming it, so an SDK caller can tell a missing operation from a missing record.
 * The list below is what Liaison serves; the test prints what it does not.
 */
@QuarkusTest
class NotImplementedOperationsTest {

    private static final List<String> SPECS = List.of("apps/contacts.json", "apps/associations.json", "apps/objects.json",
            "apps/custom-fields.json", "apps/businesses.json");

    /** The operations Liaison serves, as "METHOD path" of HighLevel's documents. */
    private static final Set<String> SERVED = Set.of(
            "POST /contacts/", "GET /contacts/", "GET /contacts/{contactId}", "PUT /contacts/{contactId}",
            "DELETE /contacts/{contactId}", "POST /contacts/upsert", "POST /contacts/search", "GET /contacts/search/duplicate",
            "POST /contacts/{contactId}/tags", "DELETE /contacts/{contactId}/tags", "POST /contacts/bulk/tags/update/{type}",
            "POST /contacts/bulk/business", "GET /contacts/business/{businessId}",
            "POST /associations/", "GET /associations/", "GET /associations/{associationId}", "PUT /associations/{associationId}",
            "DELETE /associations/{associationId}", "GET /associations/key/{key_name}", "GET /associations/objectKey/{objectKey}",
            "POST /associations/relations", "GET /associations/relations/{recordId}", "DELETE /associations/relations/{relationId}",
            "GET /objects/", "POST /objects/", "GET /objects/{key}", "PUT /objects/{key}", "POST /objects/{schemaKey}/records",
            "GET /objects/{schemaKey}/records/{id}", "PUT /objects/{schemaKey}/records/{id}", "DELETE /objects/{schemaKey}/records/{id}",
            "POST /objects/{schemaKey}/records/search",
            "POST /custom-fields/", "GET /custom-fields/{id}", "PUT /custom-fields/{id}", "DELETE /custom-fields/{id}",
            "GET /custom-fields/object-key/{objectKey}", "POST /custom-fields/folder", "PUT /custom-fields/folder/{id}",
            "DELETE /custom-fields/folder/{id}",
            "POST /businesses/", "GET /businesses/", "GET /businesses/{businessId}", "PUT /businesses/{businessId}",
            "DELETE /businesses/{businessId}");

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant("Not implemented");
    }

    @Test
    void everyOperationOfTheDocumentsIsServedOrAnswered501NamingIt() {
        List<Operation> operations = SPECS.stream().flatMap(spec -> HighLevelSchema.operations(spec).stream()).toList();
        assertEquals(64, operations.size(), "the five documents hold 64 operations");
        Set<String> known = new TreeSet<>();
        operations.forEach(operation -> known.add(operation.method() + " " + operation.path()));
        assertEquals(Set.of(), difference(SERVED, known), "every served operation is one of the documents'");

        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Operation operation : operations) {
            Response answer = call(operation.method(), concrete(operation.path()));
            boolean served = SERVED.contains(operation.method() + " " + operation.path());
            if (served && answer.statusCode() == 501) {
                wrong.add(operation.describe() + " is served by Liaison but answered 501");
            } else if (!served) {
                missing.add(operation.describe());
                String expected = operation.describe() + " is not implemented by Liaison";
                if (answer.statusCode() != 501 || !"NOT_IMPLEMENTED".equals(answer.path("code"))
                        || !expected.equals(answer.path("message")) || !"Not Implemented".equals(answer.path("error"))) {
                    wrong.add(operation.describe() + " answered " + answer.statusCode() + " " + answer.asString());
                }
            }
        }
        System.out.printf("HighLevel operations not implemented by Liaison: %d of %d%n", missing.size(), operations.size());
        missing.forEach(operation -> System.out.println("  " + operation));
        assertEquals(List.of(), wrong);
        assertEquals(operations.size() - SERVED.size(), missing.size());
    }

    @Test
    void aMissingRecordStays404AndAnUnknownPathOutsideTheDocumentsToo() {
        tenant.request().get("/contacts/noSuchContact0000001").then().statusCode(404).body("code", equalTo("NOT_FOUND"))
                .body("message", equalTo("Contact with id 'noSuchContact0000001' was not found"));
        tenant.request().get("/businesses/noSuchBusiness000001").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        tenant.request().get("/contacts/c1/unknown").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        tenant.request().get("/opportunities/").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        given().get("/no/such/path").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        // An operation Liaison serves is never named as missing, whatever the form of its path.
        tenant.request().get("/contacts/noSuchContact0000001/").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        tenant.request().get("/businesses/noSuchBusiness000001/").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        tenant.request().get("/objects").then().statusCode(200);
        // An encoded slash is part of one segment, as routing sees it: no operation has this shape.
        tenant.request().urlEncodingEnabled(false).get("/contacts/a%2Ftasks").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        // A method the documents do not give for a path Liaison serves keeps its 405.
        tenant.request().body("{}").patch("/contacts/c1").then().statusCode(405).body("code", equalTo("METHOD_NOT_ALLOWED"));
    }

    @Test
    void theOperationIsNamedWithOrWithoutATrailingSlashAndWhateverTheIdsAre() {
        tenant.request().get("/contacts/abc/notes/").then().statusCode(501).body("code", equalTo("NOT_IMPLEMENTED"))
                .body("message", equalTo("GET /contacts/{contactId}/notes (Get All Notes) is not implemented by Liaison"))
                .body("details.path", equalTo("/contacts/{contactId}/notes"));
        // The literal segment wins over the variable one.
        tenant.request().delete("/contacts/abc/campaigns/removeAll").then().statusCode(501)
                .body("message", equalTo("DELETE /contacts/{contactId}/campaigns/removeAll (Remove Contact From Every Campaign) "
                        + "is not implemented by Liaison"));
        tenant.request().delete("/contacts/abc/campaigns/c9").then().statusCode(501)
                .body("details.path", equalTo("/contacts/{contactId}/campaigns/{campaignId}"));
    }

    private Response call(String method, String path) {
        var request = tenant.request();
        if ("POST".equals(method) || "PUT".equals(method)) {
            request = request.body("{}");
        }
        return request.request(method, path);
    }

    private static String concrete(String template) {
        return template.replaceAll("\\{[^}]+}", "zzUnknown00000000001");
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }
}
