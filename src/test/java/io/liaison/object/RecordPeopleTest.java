package io.liaison.object;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.HighLevelSchema;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A record's owner and followers (HighLevel's IRecordSchema) are kept, bounded and answered; unknown fields are refused. */
@QuarkusTest
class RecordPeopleTest {

    private Tenant tenant;
    private String boards;

    @BeforeEach
    void surfboards() {
        tenant = Api.newTenant("Record people");
        boards = Objects.createObject(tenant, "custom_objects.boards", "Board");
    }

    @Test
    void ownerAndFollowersAreKeptReplacedAndCleared() {
        String id = tenant.request().body(Map.of("locationId", tenant.locationId(), "properties", Map.of("name", "Blue"),
                        "owner", List.of("sx6wyHhbFdRXh302Lunr"), "followers", List.of("f1", "f2", "f1")))
                .post("/objects/" + boards + "/records").then().statusCode(201)
                .body("record.owner", contains("sx6wyHhbFdRXh302Lunr"))
                .body("record.followers", contains("f1", "f2"))
                .body("record.properties", not(hasKey("ownerIds")))
                .extract().path("record.id");
        String read = tenant.request().get("/objects/" + boards + "/records/" + id).then().statusCode(200)
                .body("record.owner", contains("sx6wyHhbFdRXh302Lunr")).body("record.followers", contains("f1", "f2"))
                .extract().asString();
        // HighLevel's schemas type "properties" as a string; their own example, and real traffic, have an object.
        HighLevelSchema.assertMatches("apps/objects.json", "RecordByIdResponseDTO", read, List.of("$.record.properties"));
        String found = tenant.request().body(Map.of("locationId", tenant.locationId(), "page", 1, "pageLimit", 10, "query", "blue"))
                .post("/objects/" + boards + "/records/search").then().statusCode(200).body("total", equalTo(1))
                .body("records[0].createdBy.source", equalTo("PUBLIC_API"))
                .body("records[0].lastUpdatedBy.sourceId", equalTo(tenant.locationId()))
                .extract().asString();
        // searchAfter's items are typed as numbers, yet its own example is [1738683828372, "67a235b49b289431bcf657f8"].
        HighLevelSchema.assertMatches("apps/objects.json", "SearchRecordResponseDTO", found,
                List.of("$.records[0].properties", "$.records[0].searchAfter[1]"));

        tenant.request().body(Map.of("properties", Map.of("name", "Blue 2"))).put("/objects/" + boards + "/records/" + id).then()
                .statusCode(200).body("record.owner", contains("sx6wyHhbFdRXh302Lunr")).body("record.followers", contains("f1", "f2"));
        tenant.request().body(Map.of("owner", List.of(), "followers", List.of("f3"))).put("/objects/" + boards + "/records/" + id)
                .then().statusCode(200).body("record.owner", empty()).body("record.followers", contains("f3"));
        tenant.request().get("/objects/" + boards + "/records/" + id).then().body("record.owner", empty())
                .body("record.followers", contains("f3"));
    }

    @Test
    void ownerAndFollowersAreBoundedAndUnknownFieldsRefused() {
        String path = "/objects/" + boards + "/records";
        tenant.request().body(Map.of("locationId", tenant.locationId(), "properties", Map.of("name", "A"), "owner", List.of("a", "b")))
                .post(path).then().statusCode(422).body("message", hasItem(startsWith("owner")));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "properties", Map.of("name", "A"),
                "followers", java.util.Collections.nCopies(11, "f"))).post(path).then().statusCode(422)
                .body("message", hasItem(startsWith("followers")));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "properties", Map.of("name", "A"), "owner", List.of("not an id!")))
                .post(path).then().statusCode(422).body("message", hasItem(startsWith("owner")));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "properties", Map.of("name", "A"), "createdBy", "me"))
                .post(path).then().statusCode(422).body("code", equalTo("UNKNOWN_FIELD")).body("param", equalTo("createdBy"));
        tenant.request().body(Map.of("locationId", tenant.locationId())).post(path + "/search")
                .then().statusCode(200).body("total", equalTo(0));
    }
}
