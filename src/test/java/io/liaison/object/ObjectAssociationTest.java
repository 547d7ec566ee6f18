package io.liaison.object;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.Race;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every association rule between contacts and custom objects, and between two custom objects. */
@QuarkusTest
class ObjectAssociationTest {

    private Tenant tenant;
    private String boards;
    private String wetsuits;
    private String kai;
    private String blue;

    @BeforeEach
    void surfShop() {
        tenant = Api.newTenant("Surf shop");
        boards = Objects.createSurfboards(tenant);
        wetsuits = Objects.createObject(tenant, "wetsuits", "Wetsuit");
        kai = tenant.createContact("Kai", "Lenny");
        blue = Objects.createRecord(tenant, boards, "Blue Lightning");
    }

    private long linksOf(String recordId) {
        return ((Number) tenant.request().queryParam("limit", 100).get("/associations/relations/" + recordId).then()
                .statusCode(200).extract().path("total")).longValue();
    }

    @Test
    void aContactToBoardLinkShowsOnBothProfilesWithTheOtherSidesRole() {
        String ownerBoard = tenant.createAssociation("owner_board", "contact", "Owner", boards, "Board", null);
        tenant.request().get("/associations/" + ownerBoard).then().statusCode(200)
                .body("secondObjectKey", equalTo(boards)).body("labelType", equalTo("PAIR"));
        String relation = tenant.link(ownerBoard, kai, blue).then().statusCode(201)
                .body("firstObjectKey", equalTo("contact")).body("secondObjectKey", equalTo(boards))
                .body("secondRecordId", equalTo(blue)).extract().path("id");
        tenant.request().get("/associations/relations/" + blue).then().statusCode(200)
                .body("total", equalTo(1))
                .body("relations[0].id", equalTo(relation))
                .body("relations[0].relatedRecordId", equalTo(kai))
                .body("relations[0].relatedObjectKey", equalTo("contact"))
                .body("relations[0].relatedLabel", equalTo("Owner"))
                .body("relations[0].relatedRecordName", equalTo("Kai Lenny"))
                .body("relations[0].recordLabel", equalTo("Board"));
        tenant.request().get("/associations/relations/" + kai).then().statusCode(200)
                .body("relations[0].relatedRecordId", equalTo(blue))
                .body("relations[0].relatedObjectKey", equalTo(boards))
                .body("relations[0].relatedLabel", equalTo("Board"))
                .body("relations[0].relatedRecordName", equalTo("Blue Lightning"));
        tenant.request().get("/associations/objectKey/" + boards).then().statusCode(200)
                .body("associations.id", hasItem(ownerBoard));
        // Renaming the label shows at once on the board's profile.
        tenant.request().body(Map.of("firstObjectLabel", "Rider", "secondObjectLabel", "Ride")).put("/associations/" + ownerBoard)
                .then().statusCode(200);
        tenant.request().get("/associations/relations/" + blue).then().body("relations[0].relatedLabel", equalTo("Rider"));
    }

    @Test
    void customToCustomSingleAndPairLabelsWork() {
        String red = Objects.createRecord(tenant, boards, "Red Dawn");
        String suit = Objects.createRecord(tenant, wetsuits, "Winter 5/4");
        String quiver = tenant.createAssociation("quiver_mate", boards, "Quiver mate", boards, null, null);
        tenant.request().get("/associations/" + quiver).then().body("labelType", equalTo("SINGLE"));
        String existing = tenant.linked(quiver, blue, red);
        // A single label between records of one object has no sides: B-A duplicates A-B.
        tenant.link(quiver, red, blue).then().statusCode(409).body("code", equalTo("DUPLICATE_RELATION"))
                .body("details.existingRelationId", equalTo(existing));
        tenant.request().get("/associations/relations/" + red).then().body("relations[0].relatedLabel", equalTo("Quiver mate"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "key", "quiver_boss", "firstObjectKey", boards,
                "firstObjectLabel", "Boss", "secondObjectKey", boards, "cardinality", "MANY_TO_ONE"))
                .post("/associations/").then().statusCode(422).body("param", equalTo("cardinality"));

        String boardSuit = tenant.createAssociation("board_suit", boards, "Board", wetsuits, "Suit", "ONE_TO_ONE");
        tenant.linked(boardSuit, blue, suit);
        tenant.link(boardSuit, blue, suit).then().statusCode(409).body("code", equalTo("DUPLICATE_RELATION"));
        String otherSuit = Objects.createRecord(tenant, wetsuits, "Summer 3/2");
        tenant.link(boardSuit, blue, otherSuit).then().statusCode(409).body("code", equalTo("LIMIT_EXCEEDED"))
                .body("details.limit", equalTo("cardinality"));
        tenant.link(boardSuit, red, suit).then().statusCode(409).body("code", equalTo("LIMIT_EXCEEDED"));
        tenant.linked(boardSuit, red, otherSuit);
        tenant.request().get("/associations/relations/" + suit).then().body("relations[0].relatedLabel", equalTo("Board"))
                .body("relations[0].relatedObjectKey", equalTo(boards));
    }

    @Test
    void aRecordOfTheWrongObjectIsRefusedNamingBothObjects() {
        String ownerBoard = tenant.createAssociation("owner_board", "contact", "Owner", boards, "Board", null);
        String suit = Objects.createRecord(tenant, wetsuits, "Winter 5/4");
        tenant.link(ownerBoard, kai, suit).then().statusCode(422).body("code", equalTo("WRONG_OBJECT"))
                .body("param", equalTo("secondRecordId"))
                .body("message[0]", containsString(wetsuits)).body("message[0]", containsString(boards));
        tenant.link(ownerBoard, blue, kai).then().statusCode(422).body("code", equalTo("WRONG_OBJECT"))
                .body("message[0]", containsString(boards)).body("message[0]", containsString("'contact'"));
        assertEquals(0, linksOf(kai));
    }

    @Test
    void cardinalityHoldsBetweenContactsAndBoards() {
        // Each board has one owner; an owner has many boards.
        String boardOwner = tenant.createAssociation("board_owner", boards, "Board", "contact", "Owner", "MANY_TO_ONE");
        String red = Objects.createRecord(tenant, boards, "Red Dawn");
        String ann = tenant.createContact("Ann", "Ho");
        tenant.linked(boardOwner, blue, kai);
        tenant.linked(boardOwner, red, kai);
        tenant.link(boardOwner, blue, ann).then().statusCode(409).body("code", equalTo("LIMIT_EXCEEDED"))
                .body("details.recordId", equalTo(blue));
        assertEquals(2, linksOf(kai));
    }

    @Test
    void tenLabelsPerObjectPairCountBothDirectionsAndOnlyThatPair() {
        for (int i = 0; i < 10; i++) {
            if (i % 2 == 0) {
                tenant.createAssociation("label_" + i, "contact", "A" + i, boards, "B" + i, null);
            } else {
                tenant.createAssociation("label_" + i, boards, "B" + i, "contact", "A" + i, null);
            }
        }
        tenant.request().body(Map.of("locationId", tenant.locationId(), "key", "label_10", "firstObjectKey", "contact",
                "firstObjectLabel", "X", "secondObjectKey", boards, "secondObjectLabel", "Y"))
                .post("/associations/").then().statusCode(409).body("code", equalTo("LIMIT_EXCEEDED"))
                .body("details.limit", equalTo("labelsPerObjectPair")).body("details.current", equalTo(10));
        tenant.createAssociation("suit_owner", "contact", "Owner", wetsuits, "Suit", null);
        tenant.request().get("/associations/objectKey/" + boards).then().body("associations", hasSize(10));
    }

    @Test
    void racingOwnersOfOneBoardLeaveExactlyOneUnderManyToOne() throws Exception {
        String boardOwner = tenant.createAssociation("board_owner", boards, "Board", "contact", "Owner", "MANY_TO_ONE");
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String owner = tenant.createContact("Owner" + i, "O");
            calls.add(() -> tenant.link(boardOwner, blue, owner).then().extract().statusCode());
        }
        List<Integer> statuses = Race.run(calls);
        assertEquals(1, Race.count(statuses, 201), statuses.toString());
        assertEquals(15, Race.count(statuses, 409), statuses.toString());
        assertEquals(1, linksOf(blue));
    }

    @Test
    void racingIdenticalCustomToCustomLinksCreateOne() throws Exception {
        String suit = Objects.createRecord(tenant, wetsuits, "Winter 5/4");
        String boardSuit = tenant.createAssociation("board_suit", boards, "Board", wetsuits, "Suit", null);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(() -> tenant.link(boardSuit, blue, suit).then().extract().statusCode());
        }
        List<Integer> statuses = Race.run(calls);
        assertEquals(1, Race.count(statuses, 201), statuses.toString());
        assertEquals(15, Race.count(statuses, 409), statuses.toString());
        assertEquals(1, linksOf(suit));
    }

    @Test
    void deletingARecordRemovesItsLinksFromTheOtherProfile() {
        String ownerBoard = tenant.createAssociation("owner_board", "contact", "Owner", boards, "Board", null);
        String red = Objects.createRecord(tenant, boards, "Red Dawn");
        tenant.linked(ownerBoard, kai, blue);
        tenant.linked(ownerBoard, kai, red);
        tenant.request().delete("/objects/" + boards + "/records/" + blue).then().statusCode(200);
        assertEquals(1, linksOf(kai));
        tenant.request().delete("/contacts/" + kai).then().statusCode(200);
        assertEquals(0, linksOf(red));
    }

    @Test
    void anObjectWithLabelsIsKeptUntilForcedAndForceTakesItsLabelsAndLinks() {
        String ownerBoard = tenant.createAssociation("owner_board", "contact", "Owner", boards, "Board", null);
        String suitOwner = tenant.createAssociation("suit_owner", "contact", "Owner", wetsuits, "Suit", null);
        tenant.request().delete("/objects/" + wetsuits).then().statusCode(409).body("code", equalTo("OBJECT_IN_USE"))
                .body("details.records", equalTo(0)).body("details.associations", equalTo(1));
        tenant.linked(ownerBoard, kai, blue);
        tenant.request().queryParam("force", true).delete("/objects/" + boards).then().statusCode(200)
                .body("recordsDeleted", equalTo(1)).body("associationsDeleted", equalTo(1));
        tenant.request().get("/associations/" + ownerBoard).then().statusCode(404);
        tenant.request().get("/associations/" + suitOwner).then().statusCode(200);
        assertEquals(0, linksOf(kai));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "key", "late", "firstObjectKey", "contact",
                "firstObjectLabel", "X", "secondObjectKey", boards, "secondObjectLabel", "Y"))
                .post("/associations/").then().statusCode(422).body("param", equalTo("secondObjectKey"));
    }

    @Test
    void labelsCreatedWhileTheirObjectIsDeletedNeverOutliveIt() throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String key = "race_" + i;
            calls.add(() -> tenant.request().body(Map.of("locationId", tenant.locationId(), "key", key, "firstObjectKey", "contact",
                    "firstObjectLabel", "X", "secondObjectKey", wetsuits, "secondObjectLabel", "Y"))
                    .post("/associations/").then().extract().statusCode());
        }
        calls.add(() -> tenant.request().queryParam("force", true).delete("/objects/" + wetsuits).then().extract().statusCode());
        List<Integer> statuses = Race.run(calls);
        assertEquals(200, statuses.get(statuses.size() - 1), statuses.toString());
        tenant.request().get("/objects/" + wetsuits).then().statusCode(404);
        List<String> left = tenant.request().queryParam("limit", 100).get("/associations/").then().statusCode(200)
                .extract().path("associations.secondObjectKey");
        assertEquals(List.of(), left.stream().filter(wetsuits::equals).toList(), "labels naming the deleted object: " + statuses);
    }
}
