package io.liaison.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.contact.ContactResource;
import io.liaison.location.LocationResource;
import io.liaison.support.Api;
import io.liaison.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an operator and an integrator rely on besides the API itself. */
@QuarkusTest
class OperabilityTest {

    @Test
    void livenessAndReadinessAreUpWithTheSchemaApplied() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("Liaison schema"))
                .body("checks.find { it.name == 'Liaison schema' }.status", equalTo("UP"))
                // quarkus-neo4j's own check is off: it calls the database on the probe's thread and would hang
                // with a frozen server; "Liaison schema" answers from the Bolt heartbeat (FrozenDatabaseTest).
                .body("checks.name", not(hasItem("Neo4j connection health check")));
    }

    @Test
    void theOpenApiDocumentCoversEveryContactAndLocationEndpointWithItsErrors() {
        JsonPath openapi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = openapi.getMap("paths");
        List<String> endpoints = new ArrayList<>();
        endpoints.addAll(endpointsOf(ContactResource.class));
        endpoints.addAll(endpointsOf(LocationResource.class));
        assertTrue(endpoints.size() >= 10, "found only " + endpoints);

        for (String endpoint : endpoints) {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1);
            Map<String, Map<String, Object>> operations = paths.get(path);
            assertNotNull(operations, path + " is not documented; documented: " + paths.keySet());
            Map<String, Object> operation = operations.get(method.toLowerCase());
            assertNotNull(operation, endpoint + " is not documented");
            @SuppressWarnings("unchecked")
            Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
            assertTrue(responses.keySet().stream().anyMatch(status -> status.startsWith("4")),
                    endpoint + " documents no 4xx response: " + responses.keySet());
            assertTrue(responses.keySet().stream().anyMatch(status -> status.startsWith("2")),
                    endpoint + " documents no success response: " + responses.keySet());
        }
        assertNotNull(openapi.get("components.schemas.Error"), "the error shape is a named schema");
    }

    /** Bulk bodies are read item by item, and still document each item's shape; an import's statuses are all listed. */
    @Test
    void theOpenApiDocumentDescribesBulkItemsAndImportStatuses() {
        JsonPath openapi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        String schemas = "components.schemas.";
        assertEquals("#/components/schemas/ContactRequest", openapi.getString(schemas + "ContactBulkRequest.properties.contacts.items.$ref"));
        assertEquals("#/components/schemas/RecordBulkItem", openapi.getString(schemas + "RecordBulkRequest.properties.records.items.$ref"));
        assertEquals("#/components/schemas/BulkRelationItem", openapi.getString(schemas + "BulkRelationRequest.properties.relations.items.$ref"));
        assertEquals("string", openapi.getString(schemas + "BulkRelationDeleteRequest.properties.ids.items.type"));
        assertTrue(openapi.getString(schemas + "ImportJob.properties.status.description").contains("COMPLETED_WITH_ERRORS"));
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("swagger"));
    }

    @Test
    void highLevelsVersionHeaderIsAcceptedButNotRequired() {
        var tenant = Api.newTenant("Version header");
        String id = tenant.createContact("Ada", "Lovelace");
        tenant.request().get("/contacts/" + id).then().statusCode(200).body("contact.id", equalTo(id));
        given().header("Authorization", "Bearer " + tenant.apiKey()).get("/contacts/" + id)
                .then().statusCode(200).body("contact.id", equalTo(id));
        given().header("Authorization", "Bearer " + tenant.apiKey()).header("Version", "1999-12-31").get("/contacts/" + id)
                .then().statusCode(200).body("contact.id", equalTo(id));
    }

    @Test
    void anOversizedBodyIs413InTheErrorShape() throws IOException {
        var tenant = Api.newTenant("Oversized");
        // Only the headers: the limit is enforced before the body is read, and a client still sending
        // a body the server refused would race the closing connection.
        String response = RawHttp.request("POST /contacts/ HTTP/1.1\r\n"
                + "Host: localhost\r\n"
                + "Authorization: Bearer " + tenant.apiKey() + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + (2 * 1024 * 1024) + "\r\n\r\n");

        assertTrue(response.startsWith("HTTP/1.1 413"), response);
        JsonPath body = new JsonPath(response.substring(response.indexOf("\r\n\r\n") + 4));
        assertEquals(413, body.getInt("statusCode"));
        assertEquals("PAYLOAD_TOO_LARGE", body.getString("code"));
        assertFalse(body.getString("message").isBlank());
    }

    @Test
    void aBodyWithinTheLimitIsNotRefused() {
        var tenant = Api.newTenant("Within limit");
        // 900 KB of JSON passes the size check and reaches validation, which bounds each field.
        tenant.request().contentType(ContentType.JSON)
                .body(Map.of("locationId", tenant.locationId(), "firstName", "x".repeat(900 * 1024)))
                .post("/contacts/").then().statusCode(422).body("code", equalTo("VALIDATION_FAILED"));
    }

    /** "GET /contacts/{contactId}" for every resource method, as the OpenAPI document names them. */
    private static List<String> endpointsOf(Class<?> resource) {
        String base = resource.getAnnotation(Path.class).value();
        List<String> endpoints = new ArrayList<>();
        for (Method method : resource.getDeclaredMethods()) {
            String verb = method.isAnnotationPresent(GET.class) ? "GET" : method.isAnnotationPresent(POST.class) ? "POST"
                    : method.isAnnotationPresent(PUT.class) ? "PUT" : method.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
            if (verb == null) {
                continue;
            }
            Path sub = method.getAnnotation(Path.class);
            // The document names "/contacts/" as "/contacts".
            String path = (base + "/" + (sub == null ? "" : sub.value())).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
            endpoints.add(verb + " " + path);
        }
        return endpoints;
    }
}
