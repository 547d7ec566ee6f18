package io.liaison.object;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.error.KnownFieldsOnly;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The bodies and answers of {@code /locations/{locationId}/customFields}, as in HighLevel's
 * CreateCustomFieldsDTO, UpdateCustomFieldsDTO and CustomFieldSchema (locations.json).
 */
final class ContactFieldRequests {
    private ContactFieldRequests() {
    }

    @Schema(name = "CreateLocationCustomField")
    @KnownFieldsOnly
    public record CreateField(
            @Schema(example = "Pin code", description = "Also makes the key: contact.pin_code") @Size(max = 100) String name,
            @Schema(example = "TEXT") @Size(max = 30) String dataType,
            @Size(max = 255) String placeholder,
            @Schema(description = "FILE_UPLOAD only, so refused", implementation = Object.class) JsonNode acceptedFormat,
            @Schema(description = "FILE_UPLOAD only, so refused", implementation = Object.class) JsonNode isMultipleFile,
            @Schema(description = "FILE_UPLOAD only, so refused", implementation = Object.class) JsonNode maxNumberOfFiles,
            @Schema(description = "TEXTBOX_LIST: its text boxes") @Size(max = 100) List<@Valid TextBoxOption> textBoxListOptions,
            @Schema(example = "0") @Min(0) @Max(100_000) Integer position,
            @Schema(example = "contact", description = "contact (the default); Liaison has no opportunities") @Size(max = 30) String model,
            @Schema(description = "Liaison: the choices of SINGLE_OPTIONS, MULTIPLE_OPTIONS, RADIO and CHECKBOX, as labels (not in the reference schema)")
            @Size(max = 100) List<@Size(max = 255) String> options) {
    }

    @Schema(name = "UpdateLocationCustomField")
    @KnownFieldsOnly
    public record UpdateField(
            @Size(max = 100) String name,
            @Schema(description = "An empty string clears it") @Size(max = 255) String placeholder,
            @Schema(implementation = Object.class) JsonNode acceptedFormat,
            @Schema(implementation = Object.class) JsonNode isMultipleFile,
            @Schema(implementation = Object.class) JsonNode maxNumberOfFiles,
            @Size(max = 100) List<@Valid TextBoxOption> textBoxListOptions,
            @Min(0) @Max(100_000) Integer position,
            @Size(max = 30) String model,
            @Schema(description = "The new list of labels: options may be relabelled (same place) and added, never removed")
            @Size(max = 100) List<@Size(max = 255) String> options) {
    }

    @Schema(name = "TextBoxListOption")
    @KnownFieldsOnly
    public record TextBoxOption(@Size(max = 255) String label, @Size(max = 1000) String prefillValue) {
    }

    /** HighLevel's CustomFieldSchema. */
    @Schema(name = "LocationCustomField")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CustomFieldView(
            @Schema(example = "3sv6UEo51C9Bmpo1cKTq") String id,
            @Schema(example = "Pin code") String name,
            @Schema(example = "contact.pin_code") String fieldKey,
            String placeholder,
            @Schema(example = "TEXT") String dataType,
            int position,
            @Schema(description = "The labels of its options") List<String> picklistOptions,
            List<String> picklistImageOptions,
            boolean isAllowedCustomOption,
            boolean isMultiFileAllowed,
            String locationId,
            @Schema(example = "contact") String model) {

        static CustomFieldView of(String locationId, ObjectField f) {
            List<String> labels = f.options() == null ? null : f.options().stream().map(ObjectField.Option::label).toList();
            return new CustomFieldView(f.id(), f.name(), ContactFieldService.fieldKey(f), f.placeholder(), f.dataType(),
                    f.position() == null ? 0 : f.position(), labels, labels == null ? null : List.of(),
                    Boolean.TRUE.equals(f.allowCustomOption()), false, locationId, ContactFieldService.MODEL);
        }
    }
}
