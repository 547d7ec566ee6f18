package io.liaison.object;

import static org.hamcrest.Matchers.equalTo;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.HighLevelSchema;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HighLevel's custom-field folder endpoints over Liaison's model: one folder per custom object, whose id
 * is the object's and which holds every field. It can be renamed; a second one, or deleting the one
 * there is, is refused with 409 ONE_FOLDER_PER_OBJECT naming the folder.
 */
@QuarkusTest
class CustomFieldFoldersTest {

    private Tenant tenant;
    private String objectId;

    @BeforeEach
    void surfboards() {
        tenant = Api.newTenant("Folders");
        Objects.createObject(tenant, "custom_objects.boards", "Board");
        objectId = tenant.request().get("/objects/custom_objects.boards").then().statusCode(200).extract().path("object.id");
    }

    @Test
    void theObjectsFolderIsRenamedAndListedUnderItsNewName() {
        tenant.request().get("/custom-fields/object-key/custom_objects.boards").then().statusCode(200)
                .body("folders[0].id", equalTo(objectId)).body("folders[0].name", equalTo("Boards"));
        String folder = tenant.request().body(Map.of("locationId", tenant.locationId(), "name", "Board details"))
                .put("/custom-fields/folder/" + objectId).then().statusCode(200)
                .body("id", equalTo(objectId)).body("name", equalTo("Board details")).body("objectKey", equalTo("custom_objects.boards"))
                .body("locationId", equalTo(tenant.locationId())).extract().asString();
        HighLevelSchema.assertMatches("apps/custom-fields.json", "ICustomFieldFolder", folder);
        tenant.request().get("/custom-fields/object-key/custom_objects.boards").then()
                .body("folders[0].name", equalTo("Board details"));
        // The object's own labels are not the folder's.
        tenant.request().get("/objects/custom_objects.boards").then().body("object.labels.plural", equalTo("Boards"));
    }

    @Test
    void aSecondFolderOrDeletingTheOneThereIsIsRefusedNamingIt() {
        tenant.request().body(Map.of("locationId", tenant.locationId(), "objectKey", "custom_objects.boards", "name", "More"))
                .post("/custom-fields/folder").then().statusCode(409).body("code", equalTo("ONE_FOLDER_PER_OBJECT"))
                .body("param", equalTo("objectKey")).body("details.folderId", equalTo(objectId));
        tenant.request().queryParam("locationId", tenant.locationId()).delete("/custom-fields/folder/" + objectId).then()
                .statusCode(409).body("code", equalTo("ONE_FOLDER_PER_OBJECT")).body("details.objectKey", equalTo("custom_objects.boards"));
        tenant.request().get("/custom-fields/object-key/custom_objects.boards").then().body("folders[0].id", equalTo(objectId));
    }

    @Test
    void badInputAndUnknownFoldersAre4xxNamingTheField() {
        tenant.request().body(Map.of("locationId", tenant.locationId(), "objectKey", "custom_objects.boards"))
                .post("/custom-fields/folder").then().statusCode(422).body("param", equalTo("name"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "name", "X")).post("/custom-fields/folder").then()
                .statusCode(422).body("param", equalTo("objectKey"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "objectKey", "custom_objects.nope", "name", "X"))
                .post("/custom-fields/folder").then().statusCode(404);
        tenant.request().body(Map.of("locationId", tenant.locationId(), "objectKey", "contact", "name", "X"))
                .post("/custom-fields/folder").then().statusCode(400).body("code", equalTo("STANDARD_OBJECT"));
        tenant.request().body(Map.of("name", "X", "colour", "red")).put("/custom-fields/folder/" + objectId).then()
                .statusCode(422).body("code", equalTo("UNKNOWN_FIELD")).body("param", equalTo("colour"));
        tenant.request().body(Map.of("name", " ")).put("/custom-fields/folder/" + objectId).then().statusCode(422)
                .body("param", equalTo("name"));
        tenant.request().body(Map.of("name", "x".repeat(101))).put("/custom-fields/folder/" + objectId).then().statusCode(422);
        tenant.request().body(Map.of("name", "X")).put("/custom-fields/folder/noSuchFolder000000001").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        tenant.request().delete("/custom-fields/folder/noSuchFolder000000001").then().statusCode(404);
        Tenant other = Api.newTenant("Other folders");
        other.request().body(Map.of("name", "Mine")).put("/custom-fields/folder/" + objectId).then().statusCode(404);
        tenant.request().get("/custom-fields/object-key/custom_objects.boards").then().body("folders[0].name", equalTo("Boards"));
    }
}
