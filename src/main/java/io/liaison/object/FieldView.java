package io.liaison.object;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A field as HighLevel answers it (ICustomField). */
@Schema(name = "ObjectField")
@JsonInclude(JsonInclude.Include.NON_NULL)
record FieldView(
        @Schema(example = "4mV1kG0Xw3wQ2n8aL6pT") String id,
        @Schema(description = "Liaison: the short key records use in properties", example = "name") String key,
        @Schema(example = "custom_objects.surfboards.name") String fieldKey,
        @Schema(example = "Board name") String name,
        @Schema(example = "TEXT") String dataType,
        String description,
        String placeholder,
        List<ObjectField.Option> options,
        @Schema(description = "RADIO only: records may hold a value that is not an option") Boolean allowCustomOption,
        @Schema(example = "custom_objects.surfboards") String objectKey,
        String locationId,
        @Schema(description = "The field's folder: Liaison keeps one per object, whose id is the object's") String parentId,
        boolean showInForms,
        String dateAdded,
        String dateUpdated) {

    static FieldView of(ObjectSchema schema, ObjectField f) {
        return new FieldView(f.id(), f.key(), schema.fieldKey(f.key()), f.name(), f.dataType(), f.description(), f.placeholder(),
                f.options(), f.allowCustomOption(), schema.key(), schema.locationId(), schema.id(), f.shownInForms(), f.dateAdded(),
                f.updatedAt());
    }

    static List<FieldView> businessFields(String locationId) {
        return standardFields(ObjectType.BUSINESS_KEY, locationId, "name:Name", "phone:Phone", "email:Email", "website:Website",
                "address:Address", "city:City", "state:State", "postalCode:Postal Code", "country:Country", "description:Description");
    }

    static List<FieldView> contactFields(String locationId) {
        return standardFields(ObjectType.CONTACT_KEY, locationId, "firstName:First Name", "lastName:Last Name", "name:Name",
                "email:Email", "phone:Phone", "companyName:Company Name");
    }

    private static List<FieldView> standardFields(String objectKey, String locationId, String... keyAndName) {
        return java.util.Arrays.stream(keyAndName).map(s -> s.split(":"))
                .map(p -> new FieldView(null, p[0], objectKey + "." + p[0], p[1], "TEXT", null, null, null, null, objectKey,
                        locationId, null, true, null, null))
                .toList();
    }
}
