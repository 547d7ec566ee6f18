package io.liaison.contact;

import io.liaison.location.Caller;
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
public class ContactTransferResource {

    private final ContactBulkService bulk;
    private final Caller caller;

    public ContactTransferResource(ContactBulkService bulk, Caller caller) {
        this.bulk = bulk;
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
        return bulk.upsert(caller.location(body.locationId()), body.contacts());
    }
}
