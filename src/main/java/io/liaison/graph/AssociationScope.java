package io.liaison.graph;

import io.liaison.association.ArrayQueryParam;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The query parameters the walking graph queries share: which labels to follow, and the optional locationId. */
public class AssociationScope {

    @Parameter(description = "Only links under these labels: associationIds[]=a&associationIds[]=b, repeated, or comma-separated "
            + "(at most 50). Empty: every label.", schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @QueryParam("associationIds")
    List<String> declaredForOpenApi;

    @Parameter(description = "Optional; must be the key's location")
    @QueryParam("locationId")
    @Size(max = 64)
    String locationId;

    /** The axios form (associationIds[]) is not a plain JAX-RS name, so the values are read from the whole query. */
    @Context
    UriInfo uri;

    public String locationId() {
        return locationId;
    }

    public List<String> associationIds() {
        return ArrayQueryParam.values(uri, "associationIds");
    }
}
