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
        return toBuilder().position(at).build();
    }

    String updatedAt() {
        return dateUpdated == null ? dateAdded : dateUpdated;
    }

    /** A ObjectField built by name, so that adding a component breaks no caller far away. */
    static Builder builder() {
        return new Builder();
    }

    /** A builder holding this ObjectField's values, to change some of them. */
    Builder toBuilder() {
        return new Builder()
                    .id(id)
                    .key(key)
                    .name(name)
                    .dataType(dataType)
                    .description(description)
                    .options(options)
                    .dateAdded(dateAdded)
                    .placeholder(placeholder)
                    .showInForms(showInForms)
                    .allowCustomOption(allowCustomOption)
                    .position(position)
                    .dateUpdated(dateUpdated);
    }

    static final class Builder {
        private String id;
        private String key;
        private String name;
        private String dataType;
        private String description;
        private List<Option> options;
        private String dateAdded;
        private String placeholder;
        private Boolean showInForms;
        private Boolean allowCustomOption;
        private Integer position;
        private String dateUpdated;

        private Builder() {
        }

        Builder id(String id) {
            this.id = id;
            return this;
        }

        Builder key(String key) {
            this.key = key;
            return this;
        }

        Builder name(String name) {
            this.name = name;
            return this;
        }

        Builder dataType(String dataType) {
            this.dataType = dataType;
            return this;
        }

        Builder description(String description) {
            this.description = description;
            return this;
        }

        Builder options(List<Option> options) {
            this.options = options;
            return this;
        }

        Builder dateAdded(String dateAdded) {
            this.dateAdded = dateAdded;
            return this;
        }

        Builder placeholder(String placeholder) {
            this.placeholder = placeholder;
            return this;
        }

        Builder showInForms(Boolean showInForms) {
            this.showInForms = showInForms;
            return this;
        }

        Builder allowCustomOption(Boolean allowCustomOption) {
            this.allowCustomOption = allowCustomOption;
            return this;
        }

        Builder position(Integer position) {
            this.position = position;
            return this;
        }

        Builder dateUpdated(String dateUpdated) {
            this.dateUpdated = dateUpdated;
            return this;
        }

        Builder type(FieldType type) {
            this.dataType = type.name();
            return this;
        }

        ObjectField build() {
            return new ObjectField(id, key, name, dataType, description, options,
                    dateAdded, placeholder, showInForms, allowCustomOption, position, dateUpdated);
        }
    }
}
