package io.liaison.contact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A contact as HighLevel answers it (GetContectByIdSchema). */
@Schema(name = "Contact")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Contact(
        @Schema(example = "seD4PfOuKoVMLkEZqohJ") String id,
        @Schema(example = "ve9EPM428h8vShlRW1KT") String locationId,
        @Schema(example = "rubika deo") String name,
        String firstName, String lastName,
        @Schema(example = "rubika") String firstNameLowerCase,
        @Schema(example = "deo") String lastNameLowerCase,
        @Schema(example = "rubika deo") String fullNameLowerCase,
        @Schema(example = "rubika@deos.com") String email,
        String emailLowerCase,
        String phone, String companyName, String address1, String city, String state, String postalCode,
        String country, String website, String timezone, String source,
        @Schema(example = "male") String gender,
        @Schema(example = "false") Boolean dnd,
        ContactRequest.DndSettings dndSettings,
        ContactRequest.InboundDndSettings inboundDndSettings,
        @Schema(example = "y0BeYjuRIlDwsDcOHOJo") String assignedTo,
        @Schema(example = "lead") String type,
        List<String> tags,
        @Schema(example = "1990-09-25") String dateOfBirth,
        @Schema(description = "[{id, value}]") List<CustomField> customFields,
        @Schema(example = "2021-07-02T05:18:26.704Z") String dateAdded,
        @Schema(example = "2021-07-02T05:18:26.704Z") String dateUpdated,
        @Schema(description = "Cursor of this contact for search paging: its sort values, then its id") List<Object> searchAfter,
        @Schema(example = "641c094001436dbc2081e642", description = "The business the contact is linked to under the label contact_business")
        String businessId) {

    @Schema(name = "CustomField")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CustomField(String id, String key, @Schema(implementation = Object.class) JsonNode value) {
    }

    Contact withoutCursor() {
        return withCursor(null);
    }

    Contact withCursor(List<Object> cursor) {
        return copy(cursor, businessId);
    }

    /** The contact with the business it is linked to (derived from the link, never stored on the contact). */
    Contact withBusinessId(String business) {
        return copy(searchAfter, business);
    }

    private Contact copy(List<Object> cursor, String business) {
        return new Contact(id, locationId, name, firstName, lastName, firstNameLowerCase, lastNameLowerCase, fullNameLowerCase,
                email, emailLowerCase, phone, companyName, address1, city, state, postalCode, country, website, timezone, source,
                gender, dnd, dndSettings, inboundDndSettings, assignedTo, type, tags, dateOfBirth, customFields, dateAdded,
                dateUpdated, cursor, business);
    }
}
