package io.liaison.object;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A field as HighLevel answers it (ICustomField). */
@Schema(name = "ObjectField")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldView(
        @Schema(example = "4mV1kG0Xw3wQ2n8aL6pT") String id,
        @Schema(description = "Liaison: the short key records use in properties", example = "name") String key,
        @Schema(example = "custom_objects.surfboards.name") String fieldKey,
        @Schema(example = "Board name") String name,
        @Schema(example = "TEXT") String dataType,
        String description,
        List<ObjectField.Option> options,
        @Schema(example = "custom_objects.surfboards") String objectKey,
        String locationId,
        boolean showInForms,
        String dateAdded,
        String dateUpdated) {

    static FieldView of(ObjectSchema schema, ObjectField f) {
        return new FieldView(f.id(), f.key(), schema.fieldKey(f.key()), f.name(), f.dataType(), f.description(), f.options(),
                schema.key(), schema.locationId(), true, f.dateAdded(), f.dateAdded());
    }

    static List<FieldView> businessFields(String locationId) {
        return List.of("name:Name", "phone:Phone", "email:Email", "website:Website", "address:Address", "city:City",
                "state:State", "postalCode:Postal Code", "country:Country", "description:Description").stream().map(s -> s.split(":"))
                .map(p -> new FieldView(null, p[0], "business." + p[0], p[1], "TEXT", null, null, ObjectType.BUSINESS_KEY,
                        locationId, true, null, null))
                .toList();
    }

    static List<FieldView> contactFields(String locationId) {
        return List.of("firstName:First Name", "lastName:Last Name", "name:Name", "email:Email", "phone:Phone",
                "companyName:Company Name").stream().map(s -> s.split(":"))
                .map(p -> new FieldView(null, p[0], "contact." + p[0], p[1], "TEXT", null, null, ObjectType.CONTACT_KEY,
                        locationId, true, null, null))
                .toList();
    }
}
