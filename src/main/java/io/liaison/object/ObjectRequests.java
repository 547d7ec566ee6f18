package io.liaison.object;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.error.KnownFieldsOnly;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The bodies the objects API takes, as in HighLevel's CreateCustomObjectSchemaDTO,
 * UpdateCustomObjectSchemaDTO, CreateCustomObjectRecordDto and SearchRecordsBody. Sizes are bounded
 * here; the rules that need data (limits, declared fields) are the services'.
 */
public final class ObjectRequests {
    private ObjectRequests() {
    }

    /** HighLevel user ids: Liaison has no users, so it keeps them as given, checked for shape only. */
    static final String USER_ID = "^[A-Za-z0-9_-]+$";
    static final String USER_ID_PROBLEM = "must be a user id (letters, digits, _ and -)";

    @Schema(name = "CreateCustomObjectSchema")
    @KnownFieldsOnly
    public record CreateObject(
            @Valid LabelsBody labels,
            @Schema(example = "custom_objects.surfboards", description = "'custom_objects.' is added when left out; then lowercase letters, digits and underscores")
            @Size(max = 100) String key,
            @Schema(example = "Boards our customers own") @Size(max = 1000) String description,
            @Schema(example = "ve9EPM428h8vShlRW1KT") @Size(max = 64) String locationId,
            @Valid DisplayProperty primaryDisplayPropertyDetails,
            @Schema(description = "Liaison: more fields to declare with the object (the primary display property is declared for you)")
            @Size(max = 200) List<@Valid FieldBody> fields) {
    }

    @Schema(name = "CustomObjectLabelsBody")
    @KnownFieldsOnly
    public record LabelsBody(
            @Schema(example = "Surfboard") @Size(max = 100) String singular,
            @Schema(example = "Surfboards") @Size(max = 100) String plural) {
    }

    @Schema(name = "CustomObjectDisplayPropertyDetails")
    @KnownFieldsOnly
    public record DisplayProperty(
            @Schema(example = "custom_objects.surfboards.name") @Size(max = 200) String key,
            @Schema(example = "Board name") @Size(max = 100) String name,
            @Schema(example = "TEXT", description = "TEXT or NUMERICAL") @Size(max = 30) String dataType) {
    }

    @Schema(name = "UpdateCustomObjectSchema")
    @KnownFieldsOnly
    public record UpdateObject(
            @Valid LabelsBody labels,
            @Schema(description = "An empty string clears it") @Size(max = 1000) String description,
            @Size(max = 64) String locationId,
            @Schema(description = "Field keys, short or long form; null keeps the current ones", example = "[\"custom_objects.surfboards.name\"]")
            @Size(max = 200) List<@Size(max = 200) String> searchableProperties) {
    }

    /**
     * A field declaration: HighLevel's Custom Fields V2 body (POST /custom-fields/), also taken by
     * POST /objects/{key}/fields and an object's {@code fields}. Every field HighLevel defines is either
     * kept or refused with a 422 naming it (acceptedFormats and maxFileLimit belong to FILE_UPLOAD,
     * which Liaison does not store; parentId names a folder, and Liaison has one per object).
     */
    @Schema(name = "CustomObjectFieldBody")
    @KnownFieldsOnly
    public record FieldBody(
            @Schema(description = "Required by POST /objects/{key}/fields with the agency token") @Size(max = 64) String locationId,
            @Schema(example = "length_cm", description = "Short (length_cm) or long (custom_objects.surfboards.length_cm)") @Size(max = 200) String key,
            @Schema(example = "custom_objects.surfboards.length_cm", description = "HighLevel's name for key; either may be given (the same one if both)")
            @Size(max = 200) String fieldKey,
            @Schema(example = "custom_objects.surfboards", description = "The object; required by POST /custom-fields/, elsewhere it must be the object of the path") @Size(max = 100) String objectKey,
            @Schema(example = "Length (cm)") @Size(max = 100) String name,
            @Schema(example = "NUMERICAL", description = "TEXT, LARGE_TEXT, NUMERICAL, DATE, CHECKBOX, SINGLE_OPTIONS, MULTIPLE_OPTIONS, PHONE, MONETORY, RADIO or TEXTBOX_LIST") @Size(max = 30) String dataType,
            @Size(max = 1000) String description,
            @Schema(example = "Length in centimetres") @Size(max = 255) String placeholder,
            @Schema(description = "Whether forms show the field (default true)") Boolean showInForms,
            @Schema(description = "Required for SINGLE_OPTIONS, MULTIPLE_OPTIONS, RADIO and TEXTBOX_LIST (its text boxes); optional for CHECKBOX") @Size(max = 100) List<@Valid OptionBody> options,
            @Schema(description = "RADIO only: records may hold a value that is not one of the options") Boolean allowCustomOption,
            @Schema(description = "FILE_UPLOAD only, so refused: Liaison stores no files", implementation = Object.class) JsonNode acceptedFormats,
            @Schema(description = "FILE_UPLOAD only, so refused: Liaison stores no files", implementation = Object.class) JsonNode maxFileLimit,
            @Schema(description = "The folder: Liaison has one per object, whose id is the object's id; other values are refused") @Size(max = 64) String parentId) {

        /** A declaration with only the four basic parts (the primary display property). */
        public static FieldBody basic(String key, String name, String dataType) {
            return builder().key(key).name(name).dataType(dataType).build();
        }

        /** A FieldBody built by name, so that adding a member breaks no caller far away; members left out are null (not sent). */
        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String locationId;
            private String key;
            private String fieldKey;
            private String objectKey;
            private String name;
            private String dataType;
            private String description;
            private String placeholder;
            private Boolean showInForms;
            private List<OptionBody> options;
            private Boolean allowCustomOption;
            private JsonNode acceptedFormats;
            private JsonNode maxFileLimit;
            private String parentId;

            private Builder() {
            }

            public Builder locationId(String locationId) {
                this.locationId = locationId;
                return this;
            }

            public Builder key(String key) {
                this.key = key;
                return this;
            }

            public Builder fieldKey(String fieldKey) {
                this.fieldKey = fieldKey;
                return this;
            }

            public Builder objectKey(String objectKey) {
                this.objectKey = objectKey;
                return this;
            }

            public Builder name(String name) {
                this.name = name;
                return this;
            }

            public Builder dataType(String dataType) {
                this.dataType = dataType;
                return this;
            }

            public Builder description(String description) {
                this.description = description;
                return this;
            }

            public Builder placeholder(String placeholder) {
                this.placeholder = placeholder;
                return this;
            }

            public Builder showInForms(Boolean showInForms) {
                this.showInForms = showInForms;
                return this;
            }

            public Builder options(List<OptionBody> options) {
                this.options = options;
                return this;
            }

            public Builder allowCustomOption(Boolean allowCustomOption) {
                this.allowCustomOption = allowCustomOption;
                return this;
            }

            public Builder acceptedFormats(JsonNode acceptedFormats) {
                this.acceptedFormats = acceptedFormats;
                return this;
            }

            public Builder maxFileLimit(JsonNode maxFileLimit) {
                this.maxFileLimit = maxFileLimit;
                return this;
            }

            public Builder parentId(String parentId) {
                this.parentId = parentId;
                return this;
            }

            public FieldBody build() {
                return new FieldBody(locationId, key, fieldKey, objectKey, name, dataType, description, placeholder, showInForms, options, allowCustomOption, acceptedFormats, maxFileLimit, parentId);
            }
        }
    }

    @Schema(name = "FieldOptionBody")
    @KnownFieldsOnly
    public record OptionBody(
            @Schema(description = "Required on create; on update an option without it keeps the key of the option with its label, or gets a new one")
            @Size(max = 100) String key,
            @Size(max = 255) String label,
            @Schema(description = "RADIO only: an image for the option") @Size(max = 2048) String url) {
    }

    /** HighLevel's UpdateCustomFieldsDTO (PUT /custom-fields/{id}); the key, object and type never change. */
    @Schema(name = "UpdateCustomFieldBody")
    @KnownFieldsOnly
    public record FieldUpdate(
            @Size(max = 64) String locationId,
            @Size(max = 100) String name,
            @Schema(description = "An empty string clears it") @Size(max = 1000) String description,
            @Schema(description = "An empty string clears it") @Size(max = 255) String placeholder,
            Boolean showInForms,
            @Schema(description = "The new list: it may relabel and add options, and must keep every option key (records may hold it)")
            @Size(max = 100) List<@Valid OptionBody> options,
            Boolean allowCustomOption,
            @Schema(implementation = Object.class) JsonNode acceptedFormats,
            @Schema(implementation = Object.class) JsonNode maxFileLimit) {
    }

    @Schema(name = "CustomObjectRecordBody")
    @KnownFieldsOnly
    public record RecordBody(
            @Schema(example = "ve9EPM428h8vShlRW1KT") @Size(max = 64) String locationId,
            @Schema(description = "Values by field key (short form), validated against the object's fields; null clears on update",
                    example = "{\"name\": \"Blue Lightning\", \"length_cm\": 275}")
            @Size(max = 200) Map<@Size(max = 200) String, JsonNode> properties,
            @Schema(description = "The owner's user id (at most one, as in HighLevel); on update, replaces it ([] clears)", example = "[\"sx6wyHhbFdRXh302Lunr\"]")
            @Size(max = RecordService.MAX_OWNERS) List<@NotBlank @Size(max = 64) @Pattern(regexp = USER_ID, message = USER_ID_PROBLEM) String> owner,
            @Schema(description = "Followers' user ids (at most 10, as in HighLevel); on update, replaces them ([] clears)")
            @Size(max = RecordService.MAX_FOLLOWERS) List<@NotBlank @Size(max = 64) @Pattern(regexp = USER_ID, message = USER_ID_PROBLEM) String> followers) {
    }

    @Schema(name = "SearchRecordsBody")
    @KnownFieldsOnly
    public record SearchRecords(
            @Schema(example = "ve9EPM428h8vShlRW1KT") @Size(max = 64) String locationId,
            @Schema(example = "1", description = "1-based page; use searchAfter past 10,000 results") Integer page,
            @Schema(example = "20", description = "Page size, 1 to 100 (default 20)") Integer pageLimit,
            @Schema(example = "name:Buddy", description = "Free text over the searchable properties, or field:value for one field")
            @Size(max = 200) String query,
            @Schema(description = "The searchAfter of the last record of the previous page", example = "[1738683828372, \"seD4PfOuKoVMLkEZqohJ\"]")
            @Size(max = 2) List<Object> searchAfter) {
    }

    /** HighLevel's CreateFolder (POST /custom-fields/folder). */
    @Schema(name = "CreateFolder")
    @KnownFieldsOnly
    public record CreateFolder(
            @Schema(example = "custom_objects.surfboards") @Size(max = 100) String objectKey,
            @Schema(example = "Board details") @Size(max = 100) String name,
            @Schema(description = "Required with the agency token") @Size(max = 64) String locationId) {
    }

    /** HighLevel's UpdateFolder (PUT /custom-fields/folder/{id}). */
    @Schema(name = "UpdateFolder")
    @KnownFieldsOnly
    public record UpdateFolder(
            @Schema(example = "Board details") @Size(max = 100) String name,
            @Schema(description = "Required with the agency token") @Size(max = 64) String locationId) {
    }
}
