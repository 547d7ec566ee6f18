package io.liaison.object;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A field an object declares, as stored on its (:ObjectSchema) node. {@code key} is the short key
 * records use in {@code properties} (for example {@code name}); the API also shows it as HighLevel's
 * {@code fieldKey}, {@code custom_objects.<object>.<key>}.
 */
@Schema(name = "ObjectFieldDefinition")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectField(String id, String key, String name, String dataType, String description, List<Option> options,
        String dateAdded) {

    @Schema(name = "FieldOption")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Option(@Schema(example = "longboard") String key, @Schema(example = "Longboard") String label) {
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
}
