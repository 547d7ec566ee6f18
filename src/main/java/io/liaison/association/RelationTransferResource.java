package io.liaison.association;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.bulk.Bulk;
import io.liaison.error.ErrorBody;
import io.liaison.location.Caller;
import io.liaison.transfer.ImportJob;
import io.liaison.transfer.ImportService;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Liaison's many-links endpoints: bulk create and delete, CSV import and export. HighLevel has none of them. */
@Path("/associations/relations")
@Tag(name = "Relations", description = "HighLevel-compatible links between records under an association label")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
class RelationTransferResource {

    private final RelationBulkService bulk;
    private final ObjectMapper json;
    private final RelationCsv csv;
    private final ImportService imports;
    private final Caller caller;

    public RelationTransferResource(RelationBulkService bulk, RelationCsv csv, ImportService imports, Caller caller, ObjectMapper json) {
        this.bulk = bulk;
        this.json = json;
        this.csv = csv;
        this.imports = imports;
        this.caller = caller;
    }

    @POST
    @Path("/bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Link up to 1000 pairs of records", description = "Each item is judged exactly as POST /associations/relations "
            + "(records, objects, duplicates, cardinality, the per-label cap), items earlier in the batch included, and answered at "
            + "its index; the allowed ones are created in one transaction.")
    @APIResponse(responseCode = "200", description = "One result per item", content = @Content(schema = @Schema(implementation = RelationBulkService.Result.class)))
    public RelationBulkService.Result link(@Valid @NotNull RelationBulkRequests.Create body) {
        return bulk.link(caller.location(body.locationId()), Bulk.read(json, body.relations(), RelationBulkRequests.Link.class, "relations"));
    }

    @POST
    @Path("/bulk-delete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Remove up to 1000 links", description = "Each id is answered at its index: deleted, or 404 when it is not "
            + "a relation of this location.")
    @APIResponse(responseCode = "200", description = "One result per id", content = @Content(schema = @Schema(implementation = RelationBulkService.Result.class)))
    public RelationBulkService.Result delete(@Valid @NotNull RelationBulkRequests.Delete body) {
        return bulk.delete(caller.location(body.locationId()), Bulk.read(json, body.ids(), String.class, "ids"));
    }

    @POST
    @Path("/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Operation(summary = "Import links from CSV, as a job", description = "Columns: associationId or associationKey; firstRecordId or "
            + "firstContactEmail; secondRecordId or secondContactEmail. Each line is linked like an item of "
            + "POST /associations/relations/bulk; follow the job at GET /imports/{id}.")
    @APIResponse(responseCode = "202", description = "The job, queued", content = @Content(schema = @Schema(implementation = ImportJob.class)))
    @APIResponse(responseCode = "413", description = "Larger than LIAISON_IMPORTS_MAX_FILE_SIZE", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "The header lacks a column or names an unknown one", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response importCsv(@Parameter(description = "Needed only with the agency token") @QueryParam("locationId") @Size(max = 64) String locationId,
            InputStream body) {
        ImportJob job = imports.accept(caller.location(locationId), csv.type(), body);
        return Response.accepted(job).location(URI.create("/imports/" + job.id())).build();
    }

    @GET
    @Path("/export")
    @Produces("text/csv")
    @Operation(summary = "Export links as CSV", description = "Streams the links of the given labels (every label when none is given), "
            + "read in one transaction, in the columns POST /associations/relations/import takes.")
    @APIResponse(responseCode = "200", description = "RFC 4180 CSV", content = @Content(mediaType = "text/csv"))
    @APIResponse(responseCode = "404", description = "A label is not in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response export(@Parameter(description = "Needed only with the agency token") @QueryParam("locationId") @Size(max = 64) String locationId,
            @Parameter(description = "Only these labels: associationIds[]=a&associationIds[]=b, repeated, or comma-separated (at most 50)",
                    schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
            @QueryParam("associationIds") List<String> ignoredDeclaredForOpenApi,
            @Context UriInfo uri) {
        String location = caller.location(locationId);
        List<String> associationIds = ArrayQueryParam.values(uri, "associationIds");
        csv.requireLabels(location, associationIds);
        StreamingOutput body = out -> csv.export(location, associationIds, out);
        return Response.ok(body, "text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"relations.csv\"").build();
    }
}
