package io.liaison.contact;

import io.liaison.error.ErrorBody;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.liaison.error.Errors;
import io.liaison.error.KnownFieldsOnly;
import jakarta.validation.constraints.NotBlank;
import io.liaison.location.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/contacts")
@Tag(name = "Contacts", description = "HighLevel-compatible contacts (API v2)")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContactResource {

    private final ContactService service;
    private final ContactBulkService bulk;
    private final ContactBusinessService business;
    private final Caller caller;

    public ContactResource(ContactService service, ContactBulkService bulk, ContactBusinessService business, Caller caller) {
        this.service = service;
        this.bulk = bulk;
        this.business = business;
        this.caller = caller;
    }

    /** {@code contact} is null (and written) only where HighLevel answers "no such contact" that way. */
    public record ContactEnvelope(@JsonInclude(JsonInclude.Include.ALWAYS) Contact contact) {
    }

    public record UpdatedContact(boolean succeded, Contact contact) {
    }

    public record UpsertedContact(@Schema(name = "new") boolean isNew, Contact contact) {
        @com.fasterxml.jackson.annotation.JsonProperty("new")
        public boolean isNew() {
            return isNew;
        }
    }

    public record Deleted(@Schema(description = "HighLevel's spelling") boolean succeded) {
    }

    public record ContactList(List<Contact> contacts, long total, int count, Meta meta) {
    }

    public record Meta(long total, String startAfterId, Long startAfter, int currentCount) {
    }

    public record ContactSearchResult(List<Contact> contacts, long total) {
    }

    @POST
    @Path("/")
    @Operation(summary = "Create a contact")
    @APIResponse(responseCode = "201", description = "The contact", content = @Content(schema = @Schema(implementation = ContactEnvelope.class)))
    @APIResponse(responseCode = "409", description = "A contact with this email or phone exists (DUPLICATE_CONTACT)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response create(@Valid @NotNull ContactRequest body) {
        requireLocationId(body.locationId());
        String locationId = caller.location(body.locationId());
        return Response.status(201).entity(new ContactEnvelope(service.create(locationId, body))).build();
    }

    @GET
    @Path("/{contactId}")
    @Operation(summary = "Get a contact")
    @APIResponse(responseCode = "200", description = "The contact", content = @Content(schema = @Schema(implementation = ContactEnvelope.class)))
    @APIResponse(responseCode = "404", description = "No such contact in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public ContactEnvelope get(@PathParam("contactId") String contactId) {
        return new ContactEnvelope(service.get(caller.location(), contactId));
    }

    @PUT
    @Path("/{contactId}")
    @Operation(summary = "Update a contact", description = "Fields left out are kept; an empty string clears a field.")
    @APIResponse(responseCode = "200", description = "The updated contact", content = @Content(schema = @Schema(implementation = UpdatedContact.class)))
    @APIResponse(responseCode = "404", description = "No such contact in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "Another contact has this email or phone", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public UpdatedContact update(@PathParam("contactId") String contactId, @Valid @NotNull ContactRequest body) {
        return new UpdatedContact(true, service.update(caller.location(body.locationId()), contactId, body));
    }

    @DELETE
    @Path("/{contactId}")
    @Operation(summary = "Delete a contact and all its links", description = "The contact and every association link it has are removed in one transaction.")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(implementation = Deleted.class)))
    @APIResponse(responseCode = "404", description = "No such contact in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Deleted delete(@PathParam("contactId") String contactId) {
        return new Deleted(service.delete(caller.location(), contactId));
    }

    @POST
    @Path("/upsert")
    @Operation(summary = "Create or update a contact", description = "Matches an existing contact on email, then on phone.")
    @APIResponse(responseCode = "200", description = "The contact and whether it is new", content = @Content(schema = @Schema(implementation = UpsertedContact.class)))
    public UpsertedContact upsert(@Valid @NotNull ContactRequest body) {
        requireLocationId(body.locationId());
        ContactService.Upserted result = service.upsert(caller.location(body.locationId()), body);
        return new UpsertedContact(result.created(), result.contact());
    }

    @GET
    @Path("/")
    @Operation(summary = "List contacts", description = "Oldest first; continue with startAfterId (the last contact's id).")
    @APIResponse(responseCode = "200", description = "A page of contacts", content = @Content(schema = @Schema(implementation = ContactList.class)))
    public ContactList list(
            @Parameter(description = "The key's location") @QueryParam("locationId") @Size(max = 64) String locationId,
            @Parameter(description = "Free text: name, email, phone or company") @QueryParam("query") @Size(max = 200) String query,
            @Parameter(description = "Page size, 1 to 100", example = "20") @QueryParam("limit") Integer limit,
            @Parameter(description = "Continue after this contact") @QueryParam("startAfterId") @Size(max = 64) String startAfterId,
            @Parameter(description = "Continue after this dateAdded, in epoch milliseconds") @QueryParam("startAfter") Long startAfter) {
        var page = service.list(caller.location(locationId), query, startAfterId, startAfter, limit);
        List<Contact> contacts = page.contacts();
        Contact last = contacts.isEmpty() ? null : contacts.get(contacts.size() - 1);
        Long lastMillis = last == null ? null : java.time.Instant.parse(last.dateAdded()).toEpochMilli();
        return new ContactList(contacts, page.total(), contacts.size(),
                new Meta(page.total(), last == null ? null : last.id(), lastMillis, contacts.size()));
    }

    @POST
    @Path("/search")
    @Operation(summary = "Search contacts", description = "HighLevel's advanced search: filters {field, operator, value} with eq, not_eq, "
            + "contains, not_contains, exists, not_exists and range, AND/OR groups, sort, and page/pageLimit or searchAfter. "
            + "Newest first unless sorted. A filter, field or operator Liaison does not run is refused with 422 naming it.")
    @APIResponse(responseCode = "200", description = "Matching contacts and their total", content = @Content(schema = @Schema(implementation = ContactSearchResult.class)))
    public ContactSearchResult search(@Valid @NotNull ContactSearchRequest body) {
        var page = service.search(caller.location(body.locationId()), body);
        return new ContactSearchResult(page.contacts(), page.total());
    }

    @GET
    @Path("/search/duplicate")
    @Operation(summary = "Find the contact an email or phone number would duplicate",
            description = "The contact with this email, else the one with this phone number; {\"contact\": null} when none.")
    @APIResponse(responseCode = "200", description = "The duplicate, or null", content = @Content(schema = @Schema(implementation = ContactEnvelope.class)))
    public ContactEnvelope duplicate(
            @Parameter(description = "The key's location") @QueryParam("locationId") @Size(max = 64) String locationId,
            @Parameter(description = "Phone number, URL-encoded (+1423164516 as %2B1423164516)") @QueryParam("number") @Size(max = 40) String number,
            @Parameter(description = "Email, URL-encoded") @QueryParam("email") @Size(max = 254) String email) {
        return new ContactEnvelope(service.findDuplicate(caller.location(locationId), email, number).orElse(null));
    }

    @KnownFieldsOnly
    @Schema(name = "TagsBody")
    public record TagsBody(
            @Schema(required = true, example = "[\"vip\"]")
            @Size(max = ContactService.MAX_TAGS) List<@NotBlank @Size(max = ContactService.MAX_TAG_LENGTH) String> tags) {
    }

    public record Tags(List<String> tags) {
    }

    @POST
    @Path("/{contactId}/tags")
    @Operation(summary = "Add tags to a contact", description = "Tags it has already are kept once. A contact has at most "
            + ContactService.MAX_TAGS + " tags.")
    @APIResponse(responseCode = "201", description = "All of the contact's tags now", content = @Content(schema = @Schema(implementation = Tags.class)))
    @APIResponse(responseCode = "404", description = "No such contact in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "The contact would have more than " + ContactService.MAX_TAGS
            + " tags (LIMIT_EXCEEDED)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response addTags(@PathParam("contactId") String contactId, @Valid @NotNull TagsBody body) {
        return Response.status(201).entity(new Tags(service.addTags(caller.location(), contactId, body.tags()))).build();
    }

    @DELETE
    @Path("/{contactId}/tags")
    @Operation(summary = "Remove tags from a contact")
    @APIResponse(responseCode = "200", description = "The contact's remaining tags", content = @Content(schema = @Schema(implementation = Tags.class)))
    @APIResponse(responseCode = "404", description = "No such contact in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Tags removeTags(@PathParam("contactId") String contactId, @Valid @NotNull TagsBody body) {
        return new Tags(service.removeTags(caller.location(), contactId, body.tags()));
    }

    @POST
    @Path("/bulk/tags/update/{type}")
    @Operation(summary = "Add or remove tags of many contacts", description = "type is add or remove. Up to 1000 contacts, in one "
            + "transaction; each is judged as the single tag endpoints judge it and answered in the order given (a contact that is "
            + "not in the location, or would pass " + ContactService.MAX_TAGS + " tags, fails alone). removeAllTags (with remove) "
            + "clears every tag. Each contact changed records a ContactUpdate.")
    @APIResponse(responseCode = "201", description = "One answer per contact", content = @Content(schema = @Schema(implementation = ContactBulkService.TagsResult.class)))
    @APIResponse(responseCode = "422", description = "type, locationId, contacts or tags is wrong", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response updateTags(@Parameter(description = "add or remove") @PathParam("type") @Size(max = 10) String type,
            @Valid @NotNull ContactTagsBulkRequest body) {
        requireLocationId(body.locationId());
        return Response.status(201).entity(bulk.updateTags(caller.location(body.locationId()), type, body)).build();
    }

    @POST
    @Path("/bulk/business")
    @Operation(summary = "Link contacts to a business, or unlink them", description = "Each contact is linked to businessId under the "
            + "label contact_business, replacing the business it had; a null or empty businessId removes their business. Up to 1000 "
            + "ids, each judged alone: ids lists those changed, errors the others.")
    @APIResponse(responseCode = "200", description = "The contacts changed", content = @Content(schema = @Schema(implementation = ContactBusinessService.BulkResult.class)))
    @APIResponse(responseCode = "422", description = "ids or businessId is wrong", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public ContactBusinessService.BulkResult setBusiness(@Valid @NotNull ContactBusinessBulkRequest body) {
        requireLocationId(body.locationId());
        return business.setBusinessOfEach(caller.location(body.locationId()), body.ids(), body.businessId());
    }

    public record BusinessContacts(List<Contact> contacts, int count, long total) {
    }

    @GET
    @Path("/business/{businessId}")
    @Operation(summary = "The contacts of a business", description = "Those linked to it under the label contact_business, oldest "
            + "first; query matches name, email, phone or company.")
    @APIResponse(responseCode = "200", description = "A page of its contacts", content = @Content(schema = @Schema(implementation = BusinessContacts.class)))
    @APIResponse(responseCode = "404", description = "No such business in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public BusinessContacts ofBusiness(@PathParam("businessId") @Size(max = 64) String businessId,
            @Parameter(description = "The key's location") @QueryParam("locationId") @Size(max = 64) String locationId,
            @Parameter(description = "1 to 100, default 25") @QueryParam("limit") Integer limit,
            @Parameter(description = "0 to 10000") @QueryParam("skip") Integer skip,
            @Parameter(description = "Free text: name, email, phone or company") @QueryParam("query") @Size(max = 200) String query) {
        var page = business.contactsOf(caller.location(locationId), businessId, query, skip, limit);
        return new BusinessContacts(page.contacts(), page.contacts().size(), page.total());
    }

    private static void requireLocationId(String locationId) {
        if (locationId == null || locationId.isBlank()) {
            throw Errors.ValidationFailed.of("locationId", "should not be empty");
        }
    }
}
