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
        awaitReady();
        String locationId = agency().body(Map.of("name", name)).post("/locations/").then().statusCode(201).extract().path("id");
        String key = agency().post("/locations/" + locationId + "/api-keys").then().statusCode(201).extract().path("apiKey");
        return new Tenant(locationId, key);
    }

    /**
     * Waits (at most 2 minutes) until the service says it is ready. A test profile restarts the
     * service, and on a starved machine its first connection to the test database can miss the 2 s
     * acquisition timeout; the service then answers 503 until its retry brings it into service, which
     * is right for a client but not what a test that sets data up means to test.
     */
    public static void awaitReady() {
        long giveUpAt = System.nanoTime() + java.time.Duration.ofMinutes(2).toNanos();
        while (given().get("/q/health/ready").statusCode() != 200) {
            if (System.nanoTime() - giveUpAt > 0) {
                throw new IllegalStateException("The service did not become ready within 2 minutes");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
