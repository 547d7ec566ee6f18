package io.liaison.contact;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.error.KnownFieldsOnly;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The contact fields a client writes, as in HighLevel's CreateContactDto / UpdateContactDto /
 * UpsertContactDto. On update, a field left out (or null) is kept; an empty string clears it.
 * Every field HighLevel defines there is kept; any other field is refused (422 UNKNOWN_FIELD).
 */
@Schema(name = "ContactRequest")
@KnownFieldsOnly
public record ContactRequest(
        @Schema(example = "ve9EPM428h8vShlRW1KT", description = "Required on create and upsert") @Size(max = 64) String locationId,
        @Schema(example = "Rosan") @Size(max = 255) String firstName,
        @Schema(example = "Deo") @Size(max = 255) String lastName,
        @Schema(example = "Rosan Deo") @Size(max = 255) String name,
        @Schema(example = "rosan@deos.com") @Email @Size(max = 254) String email,
        @Schema(example = "+1 888-888-8888", description = "Stored in E.164 (+18888888888); without its +country code it is read in the default region (liaison.phone.default-region)") @Size(max = 40) String phone,
        @Schema(example = "DGS VolMAX") @Size(max = 255) String companyName,
        @Schema(example = "3535 1st St N") @Size(max = 255) String address1,
        @Schema(example = "Dolomite") @Size(max = 100) String city,
        @Schema(example = "AL") @Size(max = 100) String state,
        @Schema(example = "35061") @Size(max = 20) String postalCode,
        @Schema(example = "US") @Size(max = 64) String country,
        @Schema(example = "https://www.tesla.com") @Size(max = 2048) String website,
        @Schema(example = "America/Chihuahua") @Size(max = 64) String timezone,
        @Schema(example = "public api") @Size(max = 255) String source,
        @Schema(example = "[\"vip\"]") @Size(max = ContactService.MAX_TAGS) List<@NotBlank @Size(max = ContactService.MAX_TAG_LENGTH) String> tags,
        @Schema(example = "1990-09-25", description = "YYYY-MM-DD, YYYY/MM/DD, MM/DD/YYYY, MM-DD-YYYY, YYYY.MM.DD, MM.DD.YYYY, YYYY_MM_DD or MM_DD_YYYY")
        @Size(max = 32) String dateOfBirth,
        @Size(max = 100) List<@Valid CustomFieldValue> customFields,
        @Schema(example = "male", description = "male, female or other (any case)") @Size(max = 16) String gender,
        @Schema(example = "true", description = "Do not disturb on every channel") Boolean dnd,
        @Valid DndSettings dndSettings,
        @Valid InboundDndSettings inboundDndSettings,
        @Schema(example = "y0BeYjuRIlDwsDcOHOJo", description = "The id of the user the contact is assigned to")
        @Size(max = 64) @Pattern(regexp = "^$|^[A-Za-z0-9_-]+$", message = "must be a user id (letters, digits, _ and -)") String assignedTo,
        @Schema(example = "lead", description = "lead or customer") @Size(max = 16) String type,
        @Schema(description = "Upsert only. Liaison never allows duplicate contacts, so, as HighLevel documents for such a location, "
                + "the normal upsert applies whatever its value") Boolean createNewIfDuplicateAllowed,
        @Schema(example = "641c094001436dbc2081e642", description = "The contact's business: it is linked to it under the label "
                + "contact_business (replacing the business it had); an empty string unlinks it")
        @Size(max = 64) String businessId) {

    /** A request built by field name (DemoLoader, tests): adding a field to the record breaks no caller. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every field left out (null) unless set. */
    public static final class Builder {
        private String locationId;
        private String firstName;
        private String lastName;
        private String name;
        private String email;
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
        private List<String> tags;
        private String dateOfBirth;
        private List<CustomFieldValue> customFields;
        private String gender;
        private Boolean dnd;
        private DndSettings dndSettings;
        private InboundDndSettings inboundDndSettings;
        private String assignedTo;
        private String type;
        private Boolean createNewIfDuplicateAllowed;
        private String businessId;

        private Builder() {
        }

        public Builder locationId(String locationId) {
            this.locationId = locationId;
            return this;
        }

        public Builder firstName(String firstName) {
            this.firstName = firstName;
            return this;
        }

        public Builder lastName(String lastName) {
            this.lastName = lastName;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder email(String email) {
            this.email = email;
            return this;
        }

        public Builder phone(String phone) {
            this.phone = phone;
            return this;
        }

        public Builder companyName(String companyName) {
            this.companyName = companyName;
            return this;
        }

        public Builder address1(String address1) {
            this.address1 = address1;
            return this;
        }

        public Builder city(String city) {
            this.city = city;
            return this;
        }

        public Builder state(String state) {
            this.state = state;
            return this;
        }

        public Builder postalCode(String postalCode) {
            this.postalCode = postalCode;
            return this;
        }

        public Builder country(String country) {
            this.country = country;
            return this;
        }

        public Builder website(String website) {
            this.website = website;
            return this;
        }

        public Builder timezone(String timezone) {
            this.timezone = timezone;
            return this;
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder tags(List<String> tags) {
            this.tags = tags;
            return this;
        }

        public Builder dateOfBirth(String dateOfBirth) {
            this.dateOfBirth = dateOfBirth;
            return this;
        }

        public Builder customFields(List<CustomFieldValue> customFields) {
            this.customFields = customFields;
            return this;
        }

        public Builder gender(String gender) {
            this.gender = gender;
            return this;
        }

        public Builder dnd(Boolean dnd) {
            this.dnd = dnd;
            return this;
        }

        public Builder dndSettings(DndSettings dndSettings) {
            this.dndSettings = dndSettings;
            return this;
        }

        public Builder inboundDndSettings(InboundDndSettings inboundDndSettings) {
            this.inboundDndSettings = inboundDndSettings;
            return this;
        }

        public Builder assignedTo(String assignedTo) {
            this.assignedTo = assignedTo;
            return this;
        }

        public Builder type(String type) {
            this.type = type;
            return this;
        }

        public Builder createNewIfDuplicateAllowed(Boolean createNewIfDuplicateAllowed) {
            this.createNewIfDuplicateAllowed = createNewIfDuplicateAllowed;
            return this;
        }

        public Builder businessId(String businessId) {
            this.businessId = businessId;
            return this;
        }

        public ContactRequest build() {
            return new ContactRequest(locationId, firstName, lastName, name, email, phone, companyName, address1, city, state,
                    postalCode, country, website, timezone, source, tags, dateOfBirth, customFields, gender, dnd, dndSettings,
                    inboundDndSettings, assignedTo, type, createNewIfDuplicateAllowed, businessId);
        }
    }

    /** HighLevel sends {id, key?, field_value} on write and answers {id, value}; both are accepted. */
    @Schema(name = "CustomFieldValue")
    @KnownFieldsOnly
    public record CustomFieldValue(
            @Size(max = 64) String id,
            @Size(max = 100) String key,
            @Schema(name = "field_value", implementation = Object.class) JsonNode field_value,
            @Schema(implementation = Object.class) JsonNode value) {

        JsonNode effectiveValue() {
            return field_value != null ? field_value : value;
        }
    }

    /** HighLevel's DndSettingsSchema: a setting per channel. */
    @Schema(name = "DndSettings")
    @KnownFieldsOnly
    public record DndSettings(
            @JsonProperty("Call") @Valid DndSetting call,
            @JsonProperty("Email") @Valid DndSetting email,
            @JsonProperty("SMS") @Valid DndSetting sms,
            @JsonProperty("WhatsApp") @Valid DndSetting whatsApp,
            @JsonProperty("GMB") @Valid DndSetting gmb,
            @JsonProperty("FB") @Valid DndSetting fb) {
    }

    @Schema(name = "DndSetting")
    @KnownFieldsOnly
    public record DndSetting(
            @Schema(required = true, enumeration = {"active", "inactive", "permanent"}) @NotNull
            @Pattern(regexp = "active|inactive|permanent", message = "must be active, inactive or permanent") String status,
            @Size(max = 500) String message,
            @Size(max = 100) String code) {
    }

    /** HighLevel's InboundDndSettingsSchema: one setting for all inbound channels. */
    @Schema(name = "InboundDndSettings")
    @KnownFieldsOnly
    public record InboundDndSettings(@Valid InboundDndSetting all) {
    }

    @Schema(name = "InboundDndSetting")
    @KnownFieldsOnly
    public record InboundDndSetting(
            @Schema(required = true, enumeration = {"active", "inactive"}) @NotNull
            @Pattern(regexp = "active|inactive", message = "must be active or inactive") String status,
            @Size(max = 500) String message) {
    }
}
