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
    public record LabelsBody(
            @Schema(example = "Surfboard") @Size(max = 100) String singular,
            @Schema(example = "Surfboards") @Size(max = 100) String plural) {
    }

    @Schema(name = "CustomObjectDisplayPropertyDetails")
    public record DisplayProperty(
            @Schema(example = "custom_objects.surfboards.name") @Size(max = 200) String key,
            @Schema(example = "Board name") @Size(max = 100) String name,
            @Schema(example = "TEXT", description = "TEXT or NUMERICAL") @Size(max = 30) String dataType) {
    }

    @Schema(name = "UpdateCustomObjectSchema")
    public record UpdateObject(
            @Valid LabelsBody labels,
            @Schema(description = "An empty string clears it") @Size(max = 1000) String description,
            @Size(max = 64) String locationId,
            @Schema(description = "Field keys, short or long form; null keeps the current ones", example = "[\"custom_objects.surfboards.name\"]")
            @Size(max = 200) List<@Size(max = 200) String> searchableProperties) {
    }

    @Schema(name = "CustomObjectFieldBody")
    public record FieldBody(
            @Schema(description = "Required by POST /objects/{key}/fields with the agency token") @Size(max = 64) String locationId,
            @Schema(example = "length_cm", description = "Short (length_cm) or long (custom_objects.surfboards.length_cm)") @Size(max = 200) String key,
            @Schema(example = "Length (cm)") @Size(max = 100) String name,
            @Schema(example = "NUMERICAL", description = "TEXT, LARGE_TEXT, NUMERICAL, DATE, CHECKBOX, SINGLE_OPTIONS, MULTIPLE_OPTIONS, PHONE, MONETORY, RADIO or TEXTBOX_LIST") @Size(max = 30) String dataType,
            @Size(max = 1000) String description,
            @Schema(description = "Required for SINGLE_OPTIONS, MULTIPLE_OPTIONS, RADIO and TEXTBOX_LIST (its text boxes); optional for CHECKBOX") @Size(max = 100) List<@Valid OptionBody> options) {
    }

    @Schema(name = "FieldOptionBody")
    public record OptionBody(@Size(max = 100) String key, @Size(max = 255) String label) {
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
    public record SearchRecords(
            @Schema(example = "ve9EPM428h8vShlRW1KT") @Size(max = 64) String locationId,
            @Schema(example = "1", description = "1-based page; use searchAfter past 10,000 results") Integer page,
            @Schema(example = "20", description = "Page size, 1 to 100 (default 20)") Integer pageLimit,
            @Schema(example = "name:Buddy", description = "Free text over the searchable properties, or field:value for one field")
            @Size(max = 200) String query,
            @Schema(description = "The searchAfter of the last record of the previous page", example = "[1738683828372, \"seD4PfOuKoVMLkEZqohJ\"]")
            @Size(max = 2) List<Object> searchAfter) {
    }
}
