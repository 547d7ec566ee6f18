package io.liaison.error;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/**
 * What every operation shares, documented once: HighLevel's optional {@code Version} header and the
 * 503 (with Retry-After) that any call answers while Neo4j is unreachable.
 */
public class CommonApiDocumentation implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        boolean hasVersion = operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "Version".equalsIgnoreCase(p.getName()));
        if (!hasVersion) {
            operation.addParameter(OASFactory.createParameter()
                    .name("Version").in(Parameter.In.HEADER).required(false)
                    .description("HighLevel's API version header, e.g. 2021-07-28; accepted and not required")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        }
        if (operation.getResponses() != null && operation.getResponses().getAPIResponse("503") == null) {
            operation.getResponses().addAPIResponse("503", OASFactory.createAPIResponse()
                    .description("Neo4j is unreachable (DATABASE_UNAVAILABLE); retry after the Retry-After header's seconds")
                    .content(OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref("Error")))));
        }
        return operation;
    }
}
