package io.liaison.error;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What Redocly's recommended rules ask of the document (the lint itself runs in .ci/run, through npm):
 * here the parts that are Liaison's choices, checked without npm.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Map<String, Object>>> paths(JsonPath openapi) {
        return openapi.getMap("paths");
    }

    @Test
    void everyOperationHasItsOwnIdHighLevelsWhereHighLevelHasTheOperation() {
        JsonPath openapi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, String> idByOperation = new HashMap<>();
        List<String> missing = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        paths(openapi).forEach((path, item) -> item.forEach((method, operation) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            Object id = operation.get("operationId");
            if (id == null) {
                missing.add(method + " " + path);
            } else {
                assertTrue(ids.add((String) id), "operationId " + id + " is used twice");
                idByOperation.put(method.toUpperCase() + " " + path, (String) id);
            }
        }));
        assertEquals(List.of(), missing, "operations without an operationId");
        assertEquals("getContact", idByOperation.get("GET /contacts/{contactId}"));
        assertEquals("searchContactsAdvanced", idByOperation.get("POST /contacts/search"));
        assertEquals("getAssociationByID", idByOperation.get("GET /associations/{associationId}"));
        assertEquals("createAssociation", idByOperation.get("POST /associations"));
        assertEquals("contactsCreateAssociation", idByOperation.get("POST /contacts/bulk/tags/update/{type}"));
        assertEquals("createCustomObjectSchema", idByOperation.get("POST /objects"));
        assertEquals("createCustomField", idByOperation.get("POST /custom-fields"));
        assertEquals("locationsCreateCustomField", idByOperation.get("POST /locations/{locationId}/customFields"));
        assertEquals("getRelationsByRecordId", idByOperation.get("GET /associations/relations/{id}"));
        assertEquals("deleteRelation", idByOperation.get("DELETE /associations/relations/{id}"));
        assertEquals("getNeighborhood", idByOperation.get("GET /graph/records/{recordId}/neighborhood"));
    }

    @Test
    void noTwoPathsDifferOnlyByParameterNames() {
        JsonPath openapi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Set<String> shapes = new HashSet<>();
        for (String path : paths(openapi).keySet()) {
            assertTrue(shapes.add(path.replaceAll("\\{[^}]*}", "{}")), path + " differs from another path only by parameter names");
        }
        assertFalse(paths(openapi).containsKey("/associations/relations/{recordId}"));
    }

    @Test
    void eachErrorResponseShowsAnExampleOfItsOwnStatus() {
        JsonPath openapi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        int checked = 0;
        for (var item : paths(openapi).entrySet()) {
            for (var operation : item.getValue().entrySet()) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.getValue().get("responses");
                for (var response : responses.entrySet()) {
                    @SuppressWarnings("unchecked")
                    Map<String, Map<String, Object>> content = (Map<String, Map<String, Object>>) response.getValue().get("content");
                    Map<String, Object> json = content == null ? null : content.get("application/json");
                    if (json == null || !(json.get("schema") instanceof Map<?, ?> schema) || !"#/components/schemas/Error".equals(schema.get("$ref"))
                            || !(json.get("example") instanceof Map<?, ?> example)) {
                        continue;
                    }
                    assertEquals(Integer.parseInt(response.getKey()), example.get("statusCode"),
                            operation.getKey() + " " + item.getKey() + " " + response.getKey() + " shows " + example);
                    checked++;
                }
            }
        }
        assertTrue(checked > 100, "error examples checked: " + checked);
    }

    @Test
    void theKeyIsAnOpaqueBearerTokenTheServerIsThisOneAndRecordValuesAreAnyJson() {
        JsonPath openapi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        assertEquals("bearer", openapi.getString("components.securitySchemes.bearer.scheme"));
        assertNull(openapi.get("components.securitySchemes.bearer.bearerFormat"));
        assertEquals("/", openapi.getString("servers[0].url"));
        assertEquals(1, openapi.getList("servers").size());
        assertNotNull(openapi.get("components.schemas.JsonNode"));
        assertNull(openapi.get("components.schemas.JsonNode.type"), "a record's field value is any JSON value");
        assertEquals("GPL-3.0-or-later", openapi.getString("info.license.name"));
    }

    @Test
    void highLevelOperationIdsBecomeItsSdkMethodNames() {
        assertEquals("getAssociationByID", CommonApiDocumentation.camelCase("get-association-by-ID"));
        assertEquals("getAllOrEmailSmsTemplates", CommonApiDocumentation.camelCase("GET-all-or-email-sms-templates"));
        assertEquals("searchContactsAdvanced", CommonApiDocumentation.camelCase("search-contacts-advanced"));
    }
}
