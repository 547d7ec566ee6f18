package io.liaison.contact;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.bulk.Bulk;
import io.liaison.error.ErrorBody;
import io.liaison.location.Caller;
import io.liaison.transfer.ImportJob;
import io.liaison.transfer.ImportService;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.net.URI;
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

/** Liaison's many-contacts endpoints: bulk upsert, CSV import and export. HighLevel has none of them. */
@Path("/contacts")
@Tag(name = "Contacts", description = "HighLevel-compatible contacts (API v2)")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
class ContactTransferResource {

    private final ContactBulkService bulk;
    private final ObjectMapper json;
    private final ContactCsv csv;
    private final ImportService imports;
    private final Caller caller;

    public ContactTransferResource(ContactBulkService bulk, ContactCsv csv, ImportService imports, Caller caller, ObjectMapper json) {
        this.bulk = bulk;
        this.json = json;
        this.csv = csv;
        this.imports = imports;
        this.caller = caller;
    }

    @POST
    @Path("/bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upsert up to 1000 contacts", description = "Each item is judged like POST /contacts/upsert (matched on email, "
            + "then phone) and answered at its index; the valid ones are written in one transaction. Two items with one email or "
            + "phone become one contact.")
    @APIResponse(responseCode = "200", description = "One result per item", content = @Content(schema = @Schema(implementation = ContactBulkService.Result.class)))
    public ContactBulkService.Result upsert(@Valid @NotNull ContactBulkRequest body) {
        return bulk.upsert(caller.location(body.locationId()), Bulk.read(json, body.contacts(), ContactRequest.class, "contacts"));
    }

    @POST
    @Path("/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Operation(summary = "Import contacts from CSV, as a job", description = "The first line names the columns (HighLevel's contact "
            + "field names; tags separated by commas). The file is stored and imported in the background; each line is upserted like "
            + "an item of POST /contacts/bulk. Follow the job at GET /imports/{id}.")
    @APIResponse(responseCode = "202", description = "The job, queued", content = @Content(schema = @Schema(implementation = ImportJob.class)))
    @APIResponse(responseCode = "413", description = "Larger than LIAISON_IMPORTS_MAX_FILE_SIZE", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "422", description = "The header names an unknown column", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response importCsv(@Parameter(description = "Needed only with the agency token") @QueryParam("locationId") @Size(max = 64) String locationId,
            InputStream body) {
        ImportJob job = imports.accept(caller.location(locationId), csv.type(), body);
        return Response.accepted(job).location(URI.create("/imports/" + job.id())).build();
    }

    @GET
    @Path("/export")
    @Produces("text/csv")
    @Operation(summary = "Export the location's contacts as CSV", description = "Streams every contact, oldest first, in the columns "
            + "POST /contacts/import takes plus id, dateAdded and dateUpdated. Cells a spreadsheet would run as a formula get a leading "
            + "apostrophe.")
    @APIResponse(responseCode = "200", description = "RFC 4180 CSV", content = @Content(mediaType = "text/csv"))
    public Response export(@Parameter(description = "Needed only with the agency token") @QueryParam("locationId") @Size(max = 64) String locationId) {
        String location = caller.location(locationId);
        StreamingOutput body = out -> csv.export(location, out);
        return Response.ok(body, "text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"contacts.csv\"").build();
    }
}
