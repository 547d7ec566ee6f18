package io.liaison.contact;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.HighLevelSchema;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HighLevel's POST /contacts/bulk/tags/update/{type}: each contact judged alone, the answers in the order given. */
@QuarkusTest
class ContactBulkTagsTest {

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant("Bulk tags");
    }

    private Response update(String type, List<?> contacts, List<String> tags, Boolean removeAll) {
        Map<String, Object> body = new HashMap<>();
        body.put("locationId", tenant.locationId());
        body.put("contacts", contacts);
        body.put("tags", tags);
        if (removeAll != null) {
            body.put("removeAllTags", removeAll);
        }
        return tenant.request().body(body).post("/contacts/bulk/tags/update/" + type);
    }

    @Test
    void addsTagsToEachContactAndAnswersEachInHighLevelsShape() {
        String ann = tenant.createContact(Map.of("firstName", "Ann", "tags", List.of("vip")));
        String bob = tenant.createContact("Bob", "B");
        String full = tenant.createContact(Map.of("firstName", "Full",
                "tags", IntStream.range(0, ContactService.MAX_TAGS).mapToObj(i -> "t" + i).toList()));
        String foreign = Api.newTenant("Elsewhere").createContact("Other", "O");
        String answer = update("add", List.of(ann, "not an id!", bob, foreign, full), List.of("surfer", " vip "), null).then()
                .statusCode(201).body("succeded", equalTo(false)).body("errorCount", equalTo(3))
                .body("responses.contactId", contains(ann, "not an id!", bob, foreign, full))
                .body("responses.type", contains("success", "error", "success", "error", "error"))
                .body("responses[0].message", equalTo("Tags updated"))
                .body("responses[0].oldTags", contains("vip")).body("responses[0].tagsAdded", contains("surfer"))
                .body("responses[0].tagsRemoved", empty())
                .body("responses[1].code", equalTo("VALIDATION_FAILED")).body("responses[1].message", equalTo("contacts[1] is not a contact id"))
                .body("responses[1].oldTags", nullValue())
                .body("responses[2].oldTags", empty()).body("responses[2].tagsAdded", contains("surfer", "vip"))
                .body("responses[3].code", equalTo("NOT_FOUND"))
                .body("responses[4].code", equalTo("LIMIT_EXCEEDED"))
                .extract().asString();
        // HighLevel types the responses as strings; its own example shows these objects.
        HighLevelSchema.assertMatches("apps/contacts.json", "UpdateTagsResponseDTO", answer,
                IntStream.range(0, 5).mapToObj(i -> "$.responses[" + i + "]").toList());
        tenant.request().get("/contacts/" + ann).then().body("contact.tags", contains("vip", "surfer"));
        tenant.request().get("/contacts/" + bob).then().body("contact.tags", contains("surfer", "vip"));
        tenant.request().get("/contacts/" + full).then().body("contact.tags.size()", equalTo(ContactService.MAX_TAGS));
    }

    @Test
    void removesTagsOrAllOfThem() {
        String ann = tenant.createContact(Map.of("firstName", "Ann", "tags", List.of("a", "b", "c")));
        String bob = tenant.createContact(Map.of("firstName", "Bob", "tags", List.of("b")));
        update("remove", List.of(ann, bob, ann), List.of("b", "zz"), null).then().statusCode(201)
                .body("succeded", equalTo(true)).body("errorCount", equalTo(0))
                .body("responses.contactId", contains(ann, bob, ann))
                .body("responses[0].oldTags", contains("a", "b", "c")).body("responses[0].tagsRemoved", contains("b"))
                .body("responses[1].tagsRemoved", contains("b")).body("responses[2].tagsRemoved", contains("b"));
        tenant.request().get("/contacts/" + ann).then().body("contact.tags", contains("a", "c"));
        tenant.request().get("/contacts/" + bob).then().body("contact.tags", empty());

        update("remove", List.of(ann), List.of(), true).then().statusCode(201)
                .body("responses[0].tagsRemoved", contains("a", "c"));
        tenant.request().get("/contacts/" + ann).then().body("contact.tags", empty());
    }

    @Test
    void badRequestsAreRefusedNamingTheFieldAndNothingIsWritten() {
        String ann = tenant.createContact(Map.of("firstName", "Ann", "tags", List.of("a")));
        update("toggle", List.of(ann), List.of("x"), null).then().statusCode(422).body("param", equalTo("type"));
        update("add", List.of(ann), List.of("x"), true).then().statusCode(422).body("param", equalTo("removeAllTags"));
        update("add", List.of(ann), List.of(), null).then().statusCode(422).body("param", equalTo("tags"));
        update("remove", List.of(ann), null, null).then().statusCode(422).body("param", equalTo("tags"));
        update("add", List.of(), List.of("x"), null).then().statusCode(422).body("param", equalTo("contacts"));
        List<String> tooMany = new ArrayList<>();
        IntStream.range(0, 1001).forEach(i -> tooMany.add(ann));
        update("add", tooMany, List.of("x"), null).then().statusCode(422).body("param", equalTo("contacts"));
        update("add", List.of(ann), List.of("x".repeat(ContactService.MAX_TAG_LENGTH + 1)), null).then().statusCode(422);
        tenant.request().body(Map.of("contacts", List.of(ann), "tags", List.of("x"))).post("/contacts/bulk/tags/update/add").then()
                .statusCode(422).body("param", equalTo("locationId"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "contacts", List.of(ann), "tags", List.of("x"), "tag", "y"))
                .post("/contacts/bulk/tags/update/add").then().statusCode(422).body("code", equalTo("UNKNOWN_FIELD"))
                .body("param", equalTo("tag"));
        tenant.request().get("/contacts/" + ann).then().body("contact.tags", contains("a"));
    }
}
