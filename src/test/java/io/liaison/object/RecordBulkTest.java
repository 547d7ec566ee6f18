package io.liaison.object;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RecordBulkTest {

    private Tenant tenant;
    private String boards;

    @BeforeEach
    void surfboards() {
        tenant = Api.newTenant("Bulk records");
        boards = Objects.createSurfboards(tenant);
    }

    private Response bulk(List<?> records) {
        Map<String, Object> body = new HashMap<>();
        body.put("locationId", tenant.locationId());
        body.put("records", records);
        return tenant.request().body(body).post("/objects/" + boards + "/records/bulk");
    }

    private int total() {
        return tenant.request().body(Map.of("locationId", tenant.locationId())).post("/objects/" + boards + "/records/search")
                .then().statusCode(200).extract().path("total");
    }

    @Test
    void createsAndUpdatesEachItemByTheSingleEndpointsRules() {
        String existing = Objects.createRecord(tenant, boards, Map.of("name", "Old", "length_cm", 200));
        List<Object> items = new ArrayList<>();
        items.add(Map.of("properties", Map.of("name", "Blue", "shape", "Fish")));
        items.add(Map.of("properties", Map.of("length_cm", 170)));
        items.add(Map.of("id", existing, "properties", Map.of("length_cm", 210)));
        items.add(Map.of("id", "NoSuchRecord00000000", "properties", Map.of("length_cm", 1)));
        items.add(Map.of("properties", Map.of("name", "Odd", "colour", "red")));
        items.add(Map.of("id", existing, "properties", Map.of("name", "Renamed")));
        bulk(items).then().statusCode(200)
                .body("created", equalTo(1)).body("updated", equalTo(2)).body("failed", equalTo(3))
                .body("results[0].status", equalTo("created")).body("results[0].record.properties.shape", equalTo("fish"))
                .body("results[1].error.code", equalTo("VALIDATION_FAILED"))
                .body("results[1].error.message", hasItem(startsWith("properties.name should not be empty")))
                .body("results[2].status", equalTo("updated")).body("results[2].record.id", equalTo(existing))
                .body("results[3].status", equalTo("failed")).body("results[3].error.statusCode", equalTo(404))
                .body("results[4].error.message", hasItem(startsWith("properties.colour is not a field")))
                .body("results[5].record.properties.length_cm", equalTo(210))
                .body("results[5].record.properties.name", equalTo("Renamed"))
                .body("results[5].error", nullValue());
        org.junit.jupiter.api.Assertions.assertEquals(2, total());
    }

    /**
     * An item is read as the single endpoints read their body: an unknown member ({@code owners}, which the
     * single create refuses) or a wrong type fails that item at its index instead of being dropped; the
     * single body's {@code owner} and {@code followers} are taken.
     */
    @Test
    void anItemThatDoesNotFitTheBodyFailsAloneAtItsIndex() {
        List<Object> items = new ArrayList<>();
        items.add(Map.of("properties", Map.of("name", "Owned"), "owners", List.of("user1")));
        items.add(Map.of("properties", Map.of("name", "Fine"), "owner", List.of("user1"), "followers", List.of("user2")));
        items.add(Map.of("properties", "name"));
        items.add(List.of("not", "an", "object"));
        bulk(items).then().statusCode(200)
                .body("created", equalTo(1)).body("failed", equalTo(3))
                .body("results[0].status", equalTo("failed")).body("results[0].error.statusCode", equalTo(422))
                .body("results[0].error.code", equalTo("UNKNOWN_FIELD")).body("results[0].error.param", equalTo("owners"))
                .body("results[1].status", equalTo("created")).body("results[1].record.owner", equalTo(List.of("user1")))
                .body("results[1].record.followers", equalTo(List.of("user2")))
                .body("results[2].error.code", equalTo("VALIDATION_FAILED")).body("results[2].error.param", equalTo("properties"))
                .body("results[3].error.param", equalTo("records[3]"));
        assertEquals(1, total());
        tenant.request().body(Map.of("locationId", tenant.locationId(), "properties", Map.of("name", "Owned"), "owners", List.of("user1")))
                .post("/objects/" + boards + "/records").then().statusCode(422).body("code", equalTo("UNKNOWN_FIELD"));
    }

    @Test
    void anUnknownFieldOfTheBodyIsRefused() {
        tenant.request().body(Map.of("locationId", tenant.locationId(), "records", List.of(Map.of("properties", Map.of("name", "X"))),
                "owners", List.of("user1"))).post("/objects/" + boards + "/records/bulk")
                .then().statusCode(422).body("code", equalTo("UNKNOWN_FIELD")).body("param", equalTo("owners"));
        assertEquals(0, total());
    }

    @Test
    void anotherLocationsRecordIsMissingAndAnUnknownObjectIs404() {
        Tenant other = Api.newTenant("Bulk records other");
        String theirs = Objects.createRecord(other, Objects.createSurfboards(other), "Theirs");
        bulk(List.of(Map.of("id", theirs, "properties", Map.of("name", "Mine now")))).then().statusCode(200)
                .body("failed", equalTo(1)).body("results[0].error.code", equalTo("NOT_FOUND"));
        other.request().get("/objects/" + boards + "/records/" + theirs).then().statusCode(200)
                .body("record.properties.name", equalTo("Theirs"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "records", List.of(Map.of("properties", Map.of("name", "x")))))
                .post("/objects/custom_objects.nothing/records/bulk").then().statusCode(404);
    }
}
