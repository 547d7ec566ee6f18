package io.liaison.transfer;

import io.liaison.error.ErrorBody;
import io.liaison.location.Caller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/imports")
@Tag(name = "Imports", description = "Liaison: progress of CSV imports")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
class ImportResource {

    private final ImportService imports;
    private final Caller caller;

    public ImportResource(ImportService imports, Caller caller) {
        this.imports = imports;
        this.caller = caller;
    }

    @GET
    @Path("/{importId}")
    @Operation(summary = "An import's progress", description = "Lines processed, created, updated and failed so far, and the first "
            + "line errors by line number.")
    @APIResponse(responseCode = "200", description = "The import", content = @Content(schema = @Schema(implementation = ImportJob.class)))
    @APIResponse(responseCode = "404", description = "No such import in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public ImportJob get(@PathParam("importId") String importId) {
        return imports.get(caller.location(), importId);
    }
}
