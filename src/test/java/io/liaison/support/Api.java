package io.liaison.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;

/** Test helpers that set data up through the public API, as an integrator would. */
public final class Api {

    public static final String AGENCY_TOKEN = "test-agency-token";

    private Api() {
    }

    public record Tenant(String locationId, String apiKey) {
        public RequestSpecification request() {
            return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + apiKey).header("Version", "2021-07-28");
        }

        public String createContact(Map<String, Object> fields) {
            var body = new java.util.HashMap<String, Object>(fields);
            body.put("locationId", locationId);
            return request().body(body).post("/contacts/").then().statusCode(201).extract().path("contact.id");
        }

        public String createContact(String firstName, String lastName) {
            return createContact(Map.of("firstName", firstName, "lastName", lastName));
        }

        /** An association label; secondLabel null makes a single label. */
        public String createAssociation(String key, String firstObject, String firstLabel, String secondObject, String secondLabel,
                String cardinality) {
            var body = new java.util.HashMap<String, Object>();
            body.put("locationId", locationId);
            body.put("key", key);
            body.put("firstObjectKey", firstObject);
            body.put("firstObjectLabel", firstLabel);
            body.put("secondObjectKey", secondObject);
            if (secondLabel != null) {
                body.put("secondObjectLabel", secondLabel);
            }
            if (cardinality != null) {
                body.put("cardinality", cardinality);
            }
            return request().body(body).post("/associations/").then().statusCode(201).extract().path("id");
        }

        public io.restassured.response.Response link(String associationId, String firstRecordId, String secondRecordId) {
            return request().body(Map.of("locationId", locationId, "associationId", associationId,
                    "firstRecordId", firstRecordId, "secondRecordId", secondRecordId)).post("/associations/relations");
        }

        public String linked(String associationId, String firstRecordId, String secondRecordId) {
            return link(associationId, firstRecordId, secondRecordId).then().statusCode(201).extract().path("id");
        }
    }

    public static RequestSpecification agency() {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + AGENCY_TOKEN);
    }

    /** A fresh location with its own key: each test works in a tenant of its own. */
    public static Tenant newTenant(String name) {
        String locationId = agency().body(Map.of("name", name)).post("/locations/").then().statusCode(201).extract().path("id");
        String key = agency().post("/locations/" + locationId + "/api-keys").then().statusCode(201).extract().path("apiKey");
        return new Tenant(locationId, key);
    }
}
