package io.liaison.association;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RelationResourceTest {

    private Tenant tenant;
    private String jane;
    private String bob;
    private String managerEmployee;

    @BeforeEach
    void company() {
        tenant = Api.newTenant("Relations");
        jane = tenant.createContact("Jane", "Doe");
        bob = tenant.createContact("Bob", "Roe");
        managerEmployee = tenant.createAssociation("manager_employee", "contact", "Manager", "contact", "Employee", null);
    }

    @Test
    void aLinkShowsOnBothProfilesWithTheOtherSidesRole() {
        String relation = tenant.link(managerEmployee, jane, bob).then().statusCode(201)
                .body("associationId", equalTo(managerEmployee))
                .body("firstObjectKey", equalTo("contact")).body("firstRecordId", equalTo(jane))
                .body("secondObjectKey", equalTo("contact")).body("secondRecordId", equalTo(bob))
                .body("locationId", equalTo(tenant.locationId()))
                .body("createdAt", org.hamcrest.Matchers.notNullValue())
                .extract().path("id");
        // On Bob's profile Jane appears as his Manager; on Jane's, Bob as her Employee.
        tenant.request().queryParam("locationId", tenant.locationId()).get("/associations/relations/" + bob).then().statusCode(200)
                .body("total", equalTo(1))
                .body("relations[0].id", equalTo(relation))
                .body("relations[0].firstRecordId", equalTo(jane))
                .body("relations[0].relatedRecordId", equalTo(jane))
                .body("relations[0].relatedObjectKey", equalTo("contact"))
                .body("relations[0].relatedLabel", equalTo("Manager"))
                .body("relations[0].relatedRecordName", equalTo("Jane Doe"))
                .body("relations[0].recordLabel", equalTo("Employee"));
        tenant.request().get("/associations/relations/" + jane).then().statusCode(200)
                .body("relations[0].relatedRecordId", equalTo(bob))
                .body("relations[0].relatedLabel", equalTo("Employee"));
    }

    @Test
    void aRecordCannotLinkToItself() {
        tenant.link(managerEmployee, jane, jane).then().statusCode(422).body("message", hasItem(startsWith("secondRecordId")));
    }

    @Test
    void aDuplicateLinkIsAConflictCarryingTheExistingId() {
        String existing = tenant.linked(managerEmployee, jane, bob);
        tenant.link(managerEmployee, jane, bob).then().statusCode(409)
                .body("code", equalTo("DUPLICATE_RELATION")).body("details.existingRelationId", equalTo(existing));
        // A pair label has sides: Bob managing Jane is a different link.
        tenant.linked(managerEmployee, bob, jane);
    }

    @Test
    void aSymmetricLabelTreatsBothOrdersAsTheSameLink() {
        String colleague = tenant.createAssociation("colleague", "contact", "Colleague", "contact", null, null);
        String existing = tenant.linked(colleague, jane, bob);
        tenant.link(colleague, bob, jane).then().statusCode(409)
                .body("code", equalTo("DUPLICATE_RELATION")).body("details.existingRelationId", equalTo(existing));
        tenant.request().get("/associations/relations/" + bob).then().body("relations[0].relatedLabel", equalTo("Colleague"));
    }

    @Test
    void manyToOneLetsAFirstRecordLinkOnce() {
        // first = employee, second = manager: an employee has one manager, a manager many employees.
        String reportsTo = tenant.createAssociation("reports_to", "contact", "Employee", "contact", "Manager", "MANY_TO_ONE");
        String carl = tenant.createContact("Carl", "Coe");
        tenant.linked(reportsTo, bob, jane);
        tenant.linked(reportsTo, carl, jane);
        tenant.link(reportsTo, bob, carl).then().statusCode(409)
                .body("code", equalTo("LIMIT_EXCEEDED")).body("details.limit", equalTo("cardinality"))
                .body("details.maximum", equalTo(1)).body("details.current", equalTo(1)).body("details.recordId", equalTo(bob));
    }

    @Test
    void oneToManyLetsASecondRecordLinkOnce() {
        String ownedBy = tenant.createAssociation("parent_child", "contact", "Parent", "contact", "Child", "ONE_TO_MANY");
        String carl = tenant.createContact("Carl", "Coe");
        tenant.linked(ownedBy, jane, bob);
        tenant.linked(ownedBy, jane, carl);
        tenant.link(ownedBy, carl, bob).then().statusCode(409).body("code", equalTo("LIMIT_EXCEEDED"))
                .body("details.recordId", equalTo(bob));
    }

    @Test
    void oneToOneOnASymmetricLabelCountsBothEnds() {
        String spouse = tenant.createAssociation("spouse", "contact", "Spouse", "contact", null, "ONE_TO_ONE");
        String carl = tenant.createContact("Carl", "Coe");
        tenant.linked(spouse, jane, bob);
        tenant.link(spouse, carl, jane).then().statusCode(409).body("code", equalTo("LIMIT_EXCEEDED"));
        tenant.link(spouse, bob, carl).then().statusCode(409).body("code", equalTo("LIMIT_EXCEEDED"));
    }

    @Test
    void recordsMustExistInTheKeysLocation() {
        Tenant other = Api.newTenant("Other");
        String stranger = other.createContact("Stranger", "Danger");
        tenant.link(managerEmployee, jane, stranger).then().statusCode(404).body("code", equalTo("NOT_FOUND"))
                .body("param", equalTo("secondRecordId"));
        tenant.link(managerEmployee, "missingRecord123", bob).then().statusCode(404).body("param", equalTo("firstRecordId"));
        tenant.link("unknownLabel1234", jane, bob).then().statusCode(404);
        String theirLabel = other.createAssociation("theirs", "contact", "T", "contact", null, null);
        tenant.link(theirLabel, jane, bob).then().statusCode(404);
        tenant.request().get("/associations/relations/" + stranger).then().statusCode(404);
        tenant.request().get("/associations/relations/" + jane).then().body("total", equalTo(0));
    }

    /**
     * The same with the label's facts already in the process (its owner has just linked under it):
     * the cache is keyed by location, so another location naming the label's id still gets 404 and
     * no relation is written, in its location or the owner's.
     */
    @Test
    void aLabelWarmInTheCacheIsStillNotFoundForAnotherLocation() {
        Tenant owner = Api.newTenant("Owner of a warm label");
        String ownerFirst = owner.createContact("Olga", "Owner");
        String ownerSecond = owner.createContact("Oscar", "Owner");
        String theirLabel = owner.createAssociation("warm", "contact", "Warm", "contact", "Cold", null);
        owner.linked(theirLabel, ownerFirst, ownerSecond);

        tenant.link(theirLabel, jane, bob).then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        tenant.link(theirLabel, bob, jane).then().statusCode(404);
        // Even naming the owner's records, whose ids it may have learnt: the label is not its own.
        String ownerThird = owner.createContact("Otto", "Owner");
        tenant.link(theirLabel, ownerFirst, ownerThird).then().statusCode(404);
        tenant.link(theirLabel, ownerThird, ownerSecond).then().statusCode(404);

        tenant.request().get("/associations/relations/" + jane).then().statusCode(200).body("total", equalTo(0));
        tenant.request().get("/associations/relations/" + bob).then().statusCode(200).body("total", equalTo(0));
        owner.request().get("/associations/relations/" + ownerFirst).then().statusCode(200).body("total", equalTo(1));
        long written = io.liaison.support.Neo4jTestResource.neo4j().defaultDatabaseService().executeTransactionally(
                "MATCH ()-[r {associationId: $id}]->() RETURN count(r) AS n", Map.of("id", theirLabel),
                result -> (Long) result.next().get("n"));
        org.junit.jupiter.api.Assertions.assertEquals(1L, written, "only the owner's link exists under the label");
    }

    @Test
    void linkRequestsAreValidated() {
        tenant.request().body(Map.of("locationId", tenant.locationId(), "associationId", managerEmployee)).post("/associations/relations")
                .then().statusCode(422).body("message", hasItem(startsWith("firstRecordId"))).body("message", hasItem(startsWith("secondRecordId")));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "associationId", managerEmployee, "firstRecordId", "x".repeat(65),
                "secondRecordId", bob)).post("/associations/relations").then().statusCode(422);
        tenant.request().body(Map.of("associationId", managerEmployee, "firstRecordId", jane, "secondRecordId", bob))
                .post("/associations/relations").then().statusCode(422).body("message", hasItem(startsWith("locationId")));
    }

    @Test
    void anotherLocationIdIsForbiddenAndAKeyIsRequired() {
        Tenant other = Api.newTenant("Other");
        tenant.request().body(Map.of("locationId", other.locationId(), "associationId", managerEmployee, "firstRecordId", jane,
                "secondRecordId", bob)).post("/associations/relations").then().statusCode(403);
        tenant.request().queryParam("locationId", other.locationId()).get("/associations/relations/" + jane).then().statusCode(403);
        String relation = tenant.linked(managerEmployee, jane, bob);
        tenant.request().queryParam("locationId", other.locationId()).delete("/associations/relations/" + relation).then().statusCode(403);
        other.request().delete("/associations/relations/" + relation).then().statusCode(404);
        given().contentType(ContentType.JSON).body("{}").post("/associations/relations").then().statusCode(401);
        given().get("/associations/relations/" + jane).then().statusCode(401);
        given().delete("/associations/relations/" + relation).then().statusCode(401);
        tenant.request().get("/associations/relations/" + jane).then().body("total", equalTo(1));
    }

    @Test
    void aLinkIsRemovedFromBothProfiles() {
        String relation = tenant.linked(managerEmployee, jane, bob);
        tenant.request().queryParam("locationId", tenant.locationId()).delete("/associations/relations/" + relation).then().statusCode(200)
                .body("deleted", equalTo(true)).body("id", equalTo(relation));
        tenant.request().get("/associations/relations/" + jane).then().body("total", equalTo(0));
        tenant.request().get("/associations/relations/" + bob).then().body("total", equalTo(0));
        tenant.request().delete("/associations/relations/" + relation).then().statusCode(404);
        tenant.request().delete("/associations/relations/short").then().statusCode(404);
    }

    @Test
    void deletingAContactRemovesItsLinksAndNothingElse() {
        String carl = tenant.createContact("Carl", "Coe");
        tenant.linked(managerEmployee, jane, bob);
        tenant.linked(managerEmployee, jane, carl);
        tenant.request().delete("/contacts/" + bob).then().statusCode(200);
        tenant.request().get("/associations/relations/" + jane).then().body("total", equalTo(1))
                .body("relations[0].relatedRecordId", equalTo(carl));
        tenant.request().get("/contacts/" + carl).then().statusCode(200);
        tenant.request().get("/associations/" + managerEmployee).then().statusCode(200);
    }

    @Test
    void aRecordsLinksPageNewestFirstAndFilterByLabelInEveryArrayForm() {
        String colleague = tenant.createAssociation("colleague", "contact", "Colleague", "contact", null, null);
        String friend = tenant.createAssociation("friend", "contact", "Friend", "contact", null, null);
        String carl = tenant.createContact("Carl", "Coe");
        String first = tenant.linked(managerEmployee, jane, bob);
        String second = tenant.linked(colleague, jane, carl);
        String third = tenant.linked(friend, bob, jane);
        tenant.request().get("/associations/relations/" + jane).then().body("total", equalTo(3))
                .body("relations.id", contains(third, second, first));
        tenant.request().queryParam("skip", 1).queryParam("limit", 1).get("/associations/relations/" + jane).then()
                .body("relations.id", contains(second)).body("total", equalTo(3));
        tenant.request().urlEncodingEnabled(true).queryParam("associationIds[]", colleague).queryParam("associationIds[]", friend)
                .get("/associations/relations/" + jane).then().body("relations.id", containsInAnyOrder(second, third)).body("total", equalTo(2));
        tenant.request().queryParam("associationIds", colleague).queryParam("associationIds", managerEmployee)
                .get("/associations/relations/" + jane).then().body("relations.id", containsInAnyOrder(first, second));
        tenant.request().queryParam("associationIds", colleague + "," + friend)
                .get("/associations/relations/" + jane).then().body("relations", hasSize(2));
        tenant.request().queryParam("limit", 101).get("/associations/relations/" + jane).then().statusCode(422)
                .body("message", hasItem(startsWith("limit")));
        tenant.request().queryParam("associationIds", String.join(",", numbered(51))).get("/associations/relations/" + jane).then()
                .statusCode(422).body("message", hasItem(startsWith("associationIds")));
    }

    private static List<String> numbered(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> "id" + i).toList();
    }
}
