package io.liaison.error;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * What every operation shares, documented once instead of on every resource: HighLevel's optional
 * {@code Version} header, 401 without a valid token, 503 (with Retry-After) while Neo4j is
 * unreachable, and, for the location-key endpoints, 403 for another location's id and 422 for a
 * bad field. Operations keep any of these they describe more precisely themselves.
 *
 * <p>It also makes the document lint-clean under Redocly's recommended rules (docs/api/openapi.md):
 * every operation gets an operationId, HighLevel's own where HighLevel has the operation; each error
 * response an example of its own status; the API key is an opaque bearer token; the server is the one
 * serving the document; and HighLevel's two relation paths that differ only by their parameter's
 * name become one path.
 */
public class CommonApiDocumentation implements OASFilter {

    private static final String AGENCY_PATHS = "/locations";

    /**
     * HighLevel's documents whose operationIds name Liaison's operations, in order of precedence: when
     * two of HighLevel's services use one name (its SDK keeps them apart by service), the later one is
     * prefixed with its service ("locationsCreateCustomField" for ghl.locations.createCustomField).
     */
    private static final List<String> NAMING_SPECS = List.of("apps/associations.json", "apps/objects.json", "apps/custom-fields.json",
            "apps/businesses.json", "apps/contacts.json", "apps/locations.json");

    /** Operations HighLevel does not have: named in the same style. */
    private static final Map<String, String> LIAISON_OPERATIONS = Map.ofEntries(
            Map.entry("POST /agency/token/rotate", "rotateAgencyToken"),
            Map.entry("POST /associations/relations/bulk", "createRelationsBulk"),
            Map.entry("POST /associations/relations/bulk-delete", "deleteRelationsBulk"),
            Map.entry("GET /associations/relations/export", "exportRelations"),
            Map.entry("POST /associations/relations/import", "importRelations"),
            Map.entry("GET /associations/{}/usage", "getAssociationUsage"),
            Map.entry("DELETE /console/session", "signOutConsole"),
            Map.entry("POST /console/session", "signInConsole"),
            Map.entry("GET /console/session", "getConsoleSession"),
            Map.entry("PUT /console/session/location", "chooseConsoleLocation"),
            Map.entry("POST /contacts/bulk", "upsertContactsBulk"),
            Map.entry("GET /contacts/export", "exportContacts"),
            Map.entry("POST /contacts/import", "importContacts"),
            Map.entry("GET /events", "getEvents"),
            Map.entry("GET /events/stream", "streamEvents"),
            Map.entry("GET /graph/paths", "getShortestPaths"),
            Map.entry("GET /graph/records/{}/mutual", "getMutualRecords"),
            Map.entry("GET /graph/records/{}/neighborhood", "getNeighborhood"),
            Map.entry("GET /graph/records/{}/suggestions", "getLinkSuggestions"),
            Map.entry("GET /imports/{}", "getImport"),
            Map.entry("GET /locations", "getLocations"),
            Map.entry("GET /locations/{}/api-keys", "getApiKeys"),
            Map.entry("POST /locations/{}/api-keys", "createApiKey"),
            Map.entry("DELETE /locations/{}/api-keys/{}", "revokeApiKey"),
            Map.entry("DELETE /objects/{}", "deleteCustomObject"),
            Map.entry("POST /objects/{}/fields", "createObjectField"),
            Map.entry("POST /objects/{}/records/bulk", "upsertObjectRecordsBulk"),
            Map.entry("GET /webhooks", "getWebhooks"),
            Map.entry("POST /webhooks", "createWebhook"),
            Map.entry("GET /webhooks/{}", "getWebhook"),
            Map.entry("DELETE /webhooks/{}", "deleteWebhook"),
            Map.entry("GET /webhooks/{}/deliveries", "getWebhookDeliveries"),
            Map.entry("POST /webhooks/{}/deliveries/{}/redeliver", "redeliverWebhookEvent"));

    /** An example body per error status, so that no response shows another status's example. */
    private static final Map<String, Map<String, Object>> ERROR_EXAMPLES = Map.of(
            "400", error(400, "Bad Request", "MALFORMED_JSON", "The body is not valid JSON"),
            "401", error(401, "Unauthorized", "UNAUTHORIZED", "Missing or unknown API key"),
            "403", error(403, "Forbidden", "LOCATION_MISMATCH", "locationId is not the API key's location"),
            "404", error(404, "Not Found", "NOT_FOUND", "Record with id 've9EPM428h8vShlRW1KT' was not found"),
            "409", error(409, "Conflict", "LIMIT_EXCEEDED", "Label 'manager_employee' already links record X to its limit of 1000 records"),
            "413", error(413, "Payload Too Large", "PAYLOAD_TOO_LARGE", "The body is larger than the limit"),
            "422", error(422, "Unprocessable Entity", "VALIDATION_FAILED", List.of("email must be a well-formed email address")),
            "429", error(429, "Too Many Requests", "RATE_LIMITED", "This location's keys used its 100 requests of the last 10000 ms; retry after Retry-After seconds"),
            "501", error(501, "Not Implemented", "NOT_IMPLEMENTED", "HighLevel's operation is not implemented by Liaison"),
            "503", error(503, "Service Unavailable", "DATABASE_UNAVAILABLE", "The database is unreachable; retry after Retry-After seconds"));

    private static Map<String, Object> error(int status, String reason, String code, Object message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statusCode", status);
        body.put("message", message);
        body.put("error", reason);
        body.put("code", code);
        return body;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().values()
                .forEach(operation -> document(operation, path.startsWith(AGENCY_PATHS))));
        nameOperations(openAPI);
        mergePathsDifferingOnlyByParameterNames(openAPI);
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(operation -> {
            // Sign-in and the other console session endpoints take a cookie or a token in the body, not the bearer token.
            if (operation.getSecurity() == null) {
                operation.setSecurity(new ArrayList<>());
            }
            exampleErrors(operation);
        }));
        openAPI.setServers(List.of(OASFactory.createServer().url("/")
                .description("The Liaison serving this document (its base URL: http://localhost:8080 by default)")));
        if (openAPI.getComponents() != null && openAPI.getComponents().getSecuritySchemes() != null) {
            openAPI.getComponents().getSecuritySchemes().values().stream()
                    .filter(scheme -> scheme.getType() == SecurityScheme.Type.HTTP)
                    .forEach(scheme -> scheme.bearerFormat(null)
                            .description("An opaque token: a location's API key, or the agency token for /locations and /agency"));
        }
        if (openAPI.getComponents() != null && openAPI.getComponents().getSchemas() != null
                && openAPI.getComponents().getSchemas().containsKey("JsonNode")) {
            // Jackson's JsonNode is any JSON value (a field value of a record: text, number, list...), not an object.
            openAPI.getComponents().addSchema("JsonNode", OASFactory.createSchema().description("Any JSON value"));
            openAPI.getComponents().removeSchema("JsonNodeType");
        }
    }

    /** "GET /contacts/{contactId}" as "GET /contacts/{}": the shape two documents can agree on. */
    private static String shape(String method, String path) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return method.toUpperCase(Locale.ROOT) + " " + trimmed.replaceAll("\\{[^}]*}", "{}");
    }

    private static void nameOperations(OpenAPI openAPI) {
        Map<String, String> highLevelNames = new HashMap<>();
        Set<String> used = new HashSet<>();
        for (HighLevelOperations.Operation operation : HighLevelOperations.operationsOf(NAMING_SPECS)) {
            if (operation.operationId() == null) {
                continue;
            }
            String name = camelCase(operation.operationId());
            if (!used.add(name)) {
                String service = camelCase(operation.spec().replace("apps/", "").replace(".json", ""));
                name = service + Character.toUpperCase(name.charAt(0)) + name.substring(1);
                used.add(name);
            }
            highLevelNames.putIfAbsent(shape(operation.method(), operation.path()), name);
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            String shape = shape(method.name(), path);
            String name = highLevelNames.getOrDefault(shape, LIAISON_OPERATIONS.get(shape));
            if (operation.getOperationId() == null && name != null) {
                operation.setOperationId(name);
            }
        }));
    }

    /** "get-association-by-ID" as "getAssociationByID", as HighLevel's SDK names its methods. */
    static String camelCase(String operationId) {
        StringBuilder name = new StringBuilder();
        for (String word : operationId.split("[-_ ]+")) {
            if (word.isEmpty()) {
                continue;
            }
            if (name.length() == 0) {
                name.append(word.equals(word.toUpperCase(Locale.ROOT)) ? word.toLowerCase(Locale.ROOT)
                        : Character.toLowerCase(word.charAt(0)) + word.substring(1));
            } else {
                name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return name.toString();
    }

    /**
     * HighLevel has GET /associations/relations/{recordId} and DELETE /associations/relations/{relationId}:
     * one path to a client, two to a document. They become one path whose parameter is {id}; each
     * operation's parameter keeps its own description.
     */
    private static void mergePathsDifferingOnlyByParameterNames(OpenAPI openAPI) {
        Map<String, List<String>> byShape = new TreeMap<>();
        openAPI.getPaths().getPathItems().keySet().forEach(path -> byShape.computeIfAbsent(shape("", path), k -> new ArrayList<>()).add(path));
        byShape.values().stream().filter(paths -> paths.size() > 1).forEach(paths -> {
            String merged = paths.get(0).replaceAll("\\{[^}]*}", "{id}");
            PathItem into = OASFactory.createPathItem();
            for (String path : paths) {
                PathItem item = openAPI.getPaths().getPathItem(path);
                openAPI.getPaths().removePathItem(path);
                item.getOperations().forEach((method, operation) -> {
                    if (item.getParameters() != null) {
                        item.getParameters().stream().filter(shared -> operation.getParameters() == null || operation.getParameters().stream()
                                .noneMatch(own -> own.getName().equals(shared.getName()) && own.getIn() == shared.getIn()))
                                .forEach(operation::addParameter);
                    }
                    if (operation.getParameters() != null) {
                        operation.getParameters().stream().filter(p -> p.getIn() == Parameter.In.PATH).forEach(p -> {
                            if (p.getDescription() == null) {
                                // "recordId" tells what the id is; {id} alone does not.
                                p.setDescription("The " + p.getName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT)
                                        + " (HighLevel calls this parameter " + p.getName() + ")");
                            }
                            p.setName("id");
                        });
                    }
                    into.setOperation(method, operation);
                });
            }
            openAPI.getPaths().addPathItem(merged, into);
        });
    }

    private static void exampleErrors(Operation operation) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return;
        }
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            Map<String, Object> example = ERROR_EXAMPLES.get(status);
            if (example == null || response.getContent() == null || response.getContent().getMediaTypes() == null) {
                return;
            }
            MediaType json = response.getContent().getMediaTypes().get("application/json");
            if (json != null && json.getExample() == null && (json.getExamples() == null || json.getExamples().isEmpty())
                    && json.getSchema() != null && "#/components/schemas/Error".equals(json.getSchema().getRef())) {
                json.setExample(example);
            }
        });
    }

    private static void document(Operation operation, boolean agencyEndpoint) {
        boolean hasVersion = operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "Version".equalsIgnoreCase(p.getName()));
        if (!hasVersion) {
            operation.addParameter(OASFactory.createParameter()
                    .name("Version").in(Parameter.In.HEADER).required(false)
                    .description("HighLevel's API version header, e.g. 2021-07-28; accepted and not required")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        }
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        Map<String, String> common = agencyEndpoint
                ? Map.of("401", "Missing token, or not the agency token (UNAUTHORIZED)")
                : Map.of("401", "Missing or unknown API key (UNAUTHORIZED)",
                        "403", "A locationId that is not the key's location (LOCATION_MISMATCH)",
                        "422", "A field or parameter is invalid (VALIDATION_FAILED); message lists each problem, naming its field");
        common.forEach((status, description) -> addIfAbsent(responses, status, description));
        addIfAbsent(responses, "503", "Neo4j is unreachable (DATABASE_UNAVAILABLE); retry after the Retry-After header's seconds");
    }

    private static void addIfAbsent(APIResponses responses, String status, String description) {
        if (responses.getAPIResponse(status) == null) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse()
                    .description(description)
                    .content(OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref("Error")))));
        }
    }
}
