package io.liaison.object;

import io.liaison.support.Api.Tenant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Test helpers for custom objects, set up through the public API as an integrator would. */
final class Objects {
    private Objects() {
    }

    static Map<String, Object> objectBody(Tenant tenant, String key, String singular, String plural) {
        Map<String, Object> body = new HashMap<>();
        body.put("locationId", tenant.locationId());
        body.put("key", key);
        body.put("labels", Map.of("singular", singular, "plural", plural));
        body.put("description", plural + " of our customers");
        body.put("primaryDisplayPropertyDetails", Map.of("key", key + ".name", "name", "Name", "dataType", "TEXT"));
        return body;
    }

    /** Surfboards with a field of every type. */
    static String createSurfboards(Tenant tenant) {
        Map<String, Object> body = objectBody(tenant, "custom_objects.surfboards", "Surfboard", "Surfboards");
        body.put("fields", List.of(
                Map.of("key", "notes", "name", "Notes", "dataType", "LARGE_TEXT"),
                Map.of("key", "length_cm", "name", "Length (cm)", "dataType", "NUMERICAL"),
                Map.of("key", "bought_on", "name", "Bought on", "dataType", "DATE"),
                Map.of("key", "waxed", "name", "Waxed", "dataType", "CHECKBOX"),
                Map.of("key", "fins", "name", "Fins", "dataType", "CHECKBOX",
                        "options", List.of(Map.of("key", "left", "label", "Left"), Map.of("key", "right", "label", "Right"))),
                Map.of("key", "shape", "name", "Shape", "dataType", "SINGLE_OPTIONS",
                        "options", List.of(Map.of("key", "longboard", "label", "Longboard"), Map.of("key", "fish", "label", "Fish"))),
                Map.of("key", "colours", "name", "Colours", "dataType", "MULTIPLE_OPTIONS",
                        "options", List.of(Map.of("key", "blue"), Map.of("key", "red")))));
        return tenant.request().body(body).post("/objects/").then().statusCode(201).extract().path("object.key");
    }

    static String createObject(Tenant tenant, String key, String singular) {
        return tenant.request().body(objectBody(tenant, key, singular, singular + "s")).post("/objects/").then().statusCode(201)
                .extract().path("object.key");
    }

    static String createRecord(Tenant tenant, String objectKey, Map<String, Object> properties) {
        return tenant.request().body(Map.of("locationId", tenant.locationId(), "properties", properties))
                .post("/objects/" + objectKey + "/records").then().statusCode(201).extract().path("record.id");
    }

    static String createRecord(Tenant tenant, String objectKey, String name) {
        return createRecord(tenant, objectKey, Map.of("name", name));
    }
}
