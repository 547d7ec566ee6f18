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
        return toBuilder().searchAfter(cursor).businessId(business).build();
    }

    /** A contact built by field name (the repository's mapping): adding a field to the record breaks no caller. */
    static Builder builder() {
        return new Builder();
    }

    /** This contact as a builder, to change some of its fields. */
    Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.locationId = locationId;
        b.name = name;
        b.firstName = firstName;
        b.lastName = lastName;
        b.firstNameLowerCase = firstNameLowerCase;
        b.lastNameLowerCase = lastNameLowerCase;
        b.fullNameLowerCase = fullNameLowerCase;
        b.email = email;
        b.emailLowerCase = emailLowerCase;
        b.phone = phone;
        b.companyName = companyName;
        b.address1 = address1;
        b.city = city;
        b.state = state;
        b.postalCode = postalCode;
        b.country = country;
        b.website = website;
        b.timezone = timezone;
        b.source = source;
        b.gender = gender;
        b.dnd = dnd;
        b.dndSettings = dndSettings;
        b.inboundDndSettings = inboundDndSettings;
        b.assignedTo = assignedTo;
        b.type = type;
        b.tags = tags;
        b.dateOfBirth = dateOfBirth;
        b.customFields = customFields;
        b.dateAdded = dateAdded;
        b.dateUpdated = dateUpdated;
        b.searchAfter = searchAfter;
        b.businessId = businessId;
        return b;
    }

    /** Every field left out (null) unless set. */
    static final class Builder {
        private String id;
        private String locationId;
        private String name;
        private String firstName;
        private String lastName;
        private String firstNameLowerCase;
        private String lastNameLowerCase;
        private String fullNameLowerCase;
        private String email;
        private String emailLowerCase;
        private String phone;
        private String companyName;
        private String address1;
        private String city;
        private String state;
        private String postalCode;
        private String country;
        private String website;
        private String timezone;
        private String source;
        private String gender;
        private Boolean dnd;
        private ContactRequest.DndSettings dndSettings;
        private ContactRequest.InboundDndSettings inboundDndSettings;
        private String assignedTo;
        private String type;
        private List<String> tags;
        private String dateOfBirth;
        private List<CustomField> customFields;
        private String dateAdded;
        private String dateUpdated;
        private List<Object> searchAfter;
        private String businessId;

        private Builder() {
        }

        Builder id(String id) {
            this.id = id;
            return this;
        }

        Builder locationId(String locationId) {
            this.locationId = locationId;
            return this;
        }

        Builder name(String name) {
            this.name = name;
            return this;
        }

        Builder firstName(String firstName) {
            this.firstName = firstName;
            return this;
        }

        Builder lastName(String lastName) {
            this.lastName = lastName;
            return this;
        }

        Builder firstNameLowerCase(String firstNameLowerCase) {
            this.firstNameLowerCase = firstNameLowerCase;
            return this;
        }

        Builder lastNameLowerCase(String lastNameLowerCase) {
            this.lastNameLowerCase = lastNameLowerCase;
            return this;
        }

        Builder fullNameLowerCase(String fullNameLowerCase) {
            this.fullNameLowerCase = fullNameLowerCase;
            return this;
        }

        Builder email(String email) {
            this.email = email;
            return this;
        }

        Builder emailLowerCase(String emailLowerCase) {
            this.emailLowerCase = emailLowerCase;
            return this;
        }

        Builder phone(String phone) {
            this.phone = phone;
            return this;
        }

        Builder companyName(String companyName) {
            this.companyName = companyName;
            return this;
        }

        Builder address1(String address1) {
            this.address1 = address1;
            return this;
        }

        Builder city(String city) {
            this.city = city;
            return this;
        }

        Builder state(String state) {
            this.state = state;
            return this;
        }

        Builder postalCode(String postalCode) {
            this.postalCode = postalCode;
            return this;
        }

        Builder country(String country) {
            this.country = country;
            return this;
        }

        Builder website(String website) {
            this.website = website;
            return this;
        }

        Builder timezone(String timezone) {
            this.timezone = timezone;
            return this;
        }

        Builder source(String source) {
            this.source = source;
            return this;
        }

        Builder gender(String gender) {
            this.gender = gender;
            return this;
        }

        Builder dnd(Boolean dnd) {
            this.dnd = dnd;
            return this;
        }

        Builder dndSettings(ContactRequest.DndSettings dndSettings) {
            this.dndSettings = dndSettings;
            return this;
        }

        Builder inboundDndSettings(ContactRequest.InboundDndSettings inboundDndSettings) {
            this.inboundDndSettings = inboundDndSettings;
            return this;
        }

        Builder assignedTo(String assignedTo) {
            this.assignedTo = assignedTo;
            return this;
        }

        Builder type(String type) {
            this.type = type;
            return this;
        }

        Builder tags(List<String> tags) {
            this.tags = tags;
            return this;
        }

        Builder dateOfBirth(String dateOfBirth) {
            this.dateOfBirth = dateOfBirth;
            return this;
        }

        Builder customFields(List<CustomField> customFields) {
            this.customFields = customFields;
            return this;
        }

        Builder dateAdded(String dateAdded) {
            this.dateAdded = dateAdded;
            return this;
        }

        Builder dateUpdated(String dateUpdated) {
            this.dateUpdated = dateUpdated;
            return this;
        }

        Builder searchAfter(List<Object> searchAfter) {
            this.searchAfter = searchAfter;
            return this;
        }

        Builder businessId(String businessId) {
            this.businessId = businessId;
            return this;
        }

        Contact build() {
            return new Contact(id, locationId, name, firstName, lastName, firstNameLowerCase, lastNameLowerCase, fullNameLowerCase,
                    email, emailLowerCase, phone, companyName, address1, city, state, postalCode, country, website, timezone, source,
                    gender, dnd, dndSettings, inboundDndSettings, assignedTo, type, tags, dateOfBirth, customFields, dateAdded,
                    dateUpdated, searchAfter, businessId);
        }
    }
}
