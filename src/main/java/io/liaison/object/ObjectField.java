package io.liaison.object;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A field an object declares, as stored on its (:ObjectSchema) node (or, for the standard contact
 * object, on its (:FieldSet) node). {@code key} is the short key records use in {@code properties}
 * (for example {@code name}); the API also shows it as HighLevel's {@code fieldKey},
 * {@code custom_objects.<object>.<key>}. {@code placeholder}, {@code showInForms},
 * {@code allowCustomOption} and {@code position} are HighLevel's form settings, kept as given.
 */
@Schema(name = "ObjectFieldDefinition")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectField(String id, String key, String name, String dataType, String description, List<Option> options,
        String dateAdded, String placeholder, Boolean showInForms, Boolean allowCustomOption, Integer position, String dateUpdated) {

    @Schema(name = "FieldOption")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Option(@Schema(example = "longboard") String key, @Schema(example = "Longboard") String label,
            @Schema(description = "An image for the option (RADIO only, as in HighLevel)") String url) {
    }

    FieldType type() {
        return FieldType.valueOf(dataType);
    }

    boolean hasOption(String optionKey) {
        return options != null && options.stream().anyMatch(o -> o.key().equals(optionKey));
    }

    List<String> optionKeys() {
        return options == null ? List.of() : options.stream().map(Option::key).toList();
    }

    /** HighLevel's default: a field is shown in forms unless told otherwise. */
    boolean shownInForms() {
        return showInForms == null || showInForms;
    }

    ObjectField withPosition(Integer at) {
        return new ObjectField(id, key, name, dataType, description, options, dateAdded, placeholder, showInForms, allowCustomOption, at,
                dateUpdated);
    }

    String updatedAt() {
        return dateUpdated == null ? dateAdded : dateUpdated;
    }
}
