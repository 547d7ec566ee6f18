package io.liaison.error;

import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * What every operation shares, documented once instead of on every resource: HighLevel's optional
 * {@code Version} header, 401 without a valid token, 503 (with Retry-After) while Neo4j is
 * unreachable, and, for the location-key endpoints, 403 for another location's id and 422 for a
 * bad field. Operations keep any of these they describe more precisely themselves.
 */
public class CommonApiDocumentation implements OASFilter {

    private static final String AGENCY_PATHS = "/locations";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().values()
                .forEach(operation -> document(operation, path.startsWith(AGENCY_PATHS))));
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
