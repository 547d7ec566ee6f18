package io.liaison.graph;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.Neo4jTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The graph queries on a small company built through the API:
 *
 * <pre>
 *   Ann ─manager→ Bob, Cat      Bob ─manager→ Dan, Eve     Cat ─manager→ Fay
 *   colleagues: Bob–Cat, Dan–Eve, Eve–Fay                   spouses: Fay–Gus      Hal: no links
 * </pre>
 *
 * From Ann, Bob and Cat are one link away; Dan, Eve and Fay two; Gus three.
 */
@QuarkusTest
class GraphResourceTest {

    /** Built once: the tests only read it. */
    private static Tenant tenant;
    private static final Map<String, String> id = new LinkedHashMap<>();
    private static final Map<String, String> name = new LinkedHashMap<>();
    private static String manager;
    private static String colleague;
    private static String spouse;

    @BeforeEach
    void company() {
        if (tenant != null) {
            return;
        }
        tenant = Api.newTenant("Graph company");
        for (String person : List.of("Ann", "Bob", "Cat", "Dan", "Eve", "Fay", "Gus", "Hal")) {
            id.put(person, tenant.createContact(person, "Tester"));
            name.put(id.get(person), person + " Tester");
        }
        manager = tenant.createAssociation("manager_employee", "contact", "Manager", "contact", "Employee", null);
        colleague = tenant.createAssociation("colleague", "contact", "Colleague", "contact", null, null);
        spouse = tenant.createAssociation("spouse", "contact", "Spouse", "contact", null, "ONE_TO_ONE");
        link(manager, "Ann", "Bob");
        link(manager, "Ann", "Cat");
        link(manager, "Bob", "Dan");
        link(manager, "Bob", "Eve");
        link(manager, "Cat", "Fay");
        link(colleague, "Bob", "Cat");
        link(colleague, "Dan", "Eve");
        link(colleague, "Eve", "Fay");
        link(spouse, "Fay", "Gus");
    }

    private static void link(String label, String first, String second) {
        tenant.linked(label, id.get(first), id.get(second));
    }

    private static List<String> ids(String... people) {
        List<String> ids = new ArrayList<>();
        for (String person : people) {
            ids.add(id.get(person));
        }
        return ids;
    }

    /** Edges as "Ann>Bob" (first record > second record), to compare with the picture above. */
    private static List<String> edges(ValidatableResponse response) {
        List<Map<String, String>> edges = response.extract().path("edges");
        return edges.stream().map(e -> person(e.get("source")) + ">" + person(e.get("target"))).toList();
    }

    private static String person(String recordId) {
        return id.entrySet().stream().filter(e -> e.getValue().equals(recordId)).map(Map.Entry::getKey).findFirst().orElse("?" + recordId);
    }

    private ValidatableResponse neighborhood(String person, Map<String, ?> query) {
        return tenant.request().queryParams(query).get("/graph/records/" + id.get(person) + "/neighborhood").then();
    }

    @Test
    void depthOneIsTheRecordAndItsDirectLinks() {
        var response = neighborhood("Ann", Map.of()).statusCode(200)
                .body("nodes.id", contains(ids("Ann", "Bob", "Cat").toArray()))
                .body("nodes[0].name", equalTo("Ann Tester"))
                .body("nodes[0].objectKey", equalTo("contact"))
                .body("truncated", equalTo(false));
        org.hamcrest.MatcherAssert.assertThat(edges(response), containsInAnyOrder("Ann>Bob", "Ann>Cat"));
        response.body("edges.find { it.target == '" + id.get("Bob") + "' }.sourceLabel", equalTo("Manager"))
                .body("edges.find { it.target == '" + id.get("Bob") + "' }.targetLabel", equalTo("Employee"))
                .body("edges.find { it.target == '" + id.get("Bob") + "' }.associationId", equalTo(manager));
    }

    @Test
    void depthTwoAddsTheNextRingAndTheLinksWalkedToIt() {
        var response = neighborhood("Ann", Map.of("depth", 2)).statusCode(200)
                .body("nodes.id", contains(ids("Ann", "Bob", "Cat", "Dan", "Eve", "Fay").toArray()));
        org.hamcrest.MatcherAssert.assertThat(edges(response),
                containsInAnyOrder("Ann>Bob", "Ann>Cat", "Bob>Cat", "Bob>Dan", "Bob>Eve", "Cat>Fay"));
    }

    @Test
    void depthThreeReachesEveryConnectedRecordButNoOther() {
        var response = neighborhood("Ann", Map.of("depth", 3)).statusCode(200)
                .body("nodes.id", contains(ids("Ann", "Bob", "Cat", "Dan", "Eve", "Fay", "Gus").toArray()))
                .body("truncated", equalTo(false));
        org.hamcrest.MatcherAssert.assertThat(edges(response), containsInAnyOrder("Ann>Bob", "Ann>Cat", "Bob>Cat", "Bob>Dan",
                "Bob>Eve", "Cat>Fay", "Dan>Eve", "Eve>Fay", "Fay>Gus"));
        response.body("edges.find { it.source == '" + id.get("Fay") + "' && it.target == '" + id.get("Gus") + "' }.sourceLabel",
                equalTo("Spouse"));
    }

    @Test
    void aRecordWithoutLinksIsItsOwnNeighbourhood() {
        neighborhood("Hal", Map.of("depth", 3)).statusCode(200)
                .body("nodes.id", contains(id.get("Hal"))).body("edges", empty()).body("truncated", equalTo(false));
    }

    @Test
    void labelFiltersKeepOnlyThoseLinksInEveryArrayForm() {
        var managers = neighborhood("Ann", Map.of("depth", 3, "associationIds", manager)).statusCode(200)
                .body("nodes.id", contains(ids("Ann", "Bob", "Cat", "Dan", "Eve", "Fay").toArray()));
        org.hamcrest.MatcherAssert.assertThat(edges(managers), containsInAnyOrder("Ann>Bob", "Ann>Cat", "Bob>Dan", "Bob>Eve", "Cat>Fay"));

        var colleagues = tenant.request().queryParam("depth", 3).queryParam("associationIds[]", colleague)
                .get("/graph/records/" + id.get("Dan") + "/neighborhood").then().statusCode(200)
                .body("nodes.id", contains(ids("Dan", "Eve", "Fay").toArray()));
        org.hamcrest.MatcherAssert.assertThat(edges(colleagues), containsInAnyOrder("Dan>Eve", "Eve>Fay"));

        tenant.request().queryParam("depth", 3).queryParam("associationIds", colleague + "," + spouse)
                .get("/graph/records/" + id.get("Gus") + "/neighborhood").then().statusCode(200)
                .body("nodes.id", contains(ids("Gus", "Fay", "Eve", "Dan").toArray()));
        tenant.request().queryParam("depth", 1).queryParam("associationIds", spouse).queryParam("associationIds", manager)
                .get("/graph/records/" + id.get("Fay") + "/neighborhood").then().statusCode(200)
                .body("nodes.id", containsInAnyOrder(ids("Fay", "Cat", "Gus").toArray()));
        tenant.request().queryParam("associationIds", "unknownLabel000000000").get("/graph/records/" + id.get("Ann") + "/neighborhood")
                .then().statusCode(200).body("nodes.id", contains(id.get("Ann"))).body("edges", empty());
    }

    @Test
    void aLimitCutsTheAnswerAndSaysSo() {
        neighborhood("Ann", Map.of("depth", 3, "limit", 4)).statusCode(200)
                .body("nodes", hasSize(4)).body("nodes[0].id", equalTo(id.get("Ann"))).body("truncated", equalTo(true));
        neighborhood("Ann", Map.of("depth", 3, "limit", 7)).statusCode(200)
                .body("nodes", hasSize(7)).body("truncated", equalTo(false));
    }

    @Test
    void theShortestPathIsFoundWithinMaxDepthAndNotBeyond() {
        var response = tenant.request().queryParam("from", id.get("Dan")).queryParam("to", id.get("Gus"))
                .get("/graph/paths").then().statusCode(200)
                .body("length", equalTo(3))
                .body("paths", hasSize(1))
                .body("paths[0].nodeIds", contains(ids("Dan", "Eve", "Fay", "Gus").toArray()))
                .body("paths[0].edgeIds", hasSize(3))
                .body("nodes.id", containsInAnyOrder(ids("Dan", "Eve", "Fay", "Gus").toArray()))
                .body("truncated", equalTo(false));
        org.hamcrest.MatcherAssert.assertThat(edges(response), containsInAnyOrder("Dan>Eve", "Eve>Fay", "Fay>Gus"));

        tenant.request().queryParam("from", id.get("Dan")).queryParam("to", id.get("Gus")).queryParam("maxDepth", 2)
                .get("/graph/paths").then().statusCode(404).body("code", equalTo("NO_PATH"))
                .body("message", containsString("at most 2 links")).body("param", equalTo("maxDepth"));
        tenant.request().queryParam("from", id.get("Ann")).queryParam("to", id.get("Hal")).queryParam("maxDepth", 6)
                .get("/graph/paths").then().statusCode(404).body("code", equalTo("NO_PATH"));
    }

    @Test
    void everyShortestPathIsReturned() {
        // Bob reaches Fay through Cat (colleague, then manager) and through Eve (manager, then colleague).
        tenant.request().queryParam("from", id.get("Bob")).queryParam("to", id.get("Fay")).get("/graph/paths").then().statusCode(200)
                .body("length", equalTo(2))
                .body("paths.nodeIds", containsInAnyOrder(ids("Bob", "Cat", "Fay"), ids("Bob", "Eve", "Fay")))
                .body("nodes", hasSize(4)).body("edges", hasSize(4));
    }

    @Test
    void mutualConnectionsAreTheRecordsLinkedToBoth() {
        tenant.request().queryParam("with", id.get("Cat")).get("/graph/records/" + id.get("Eve") + "/mutual").then().statusCode(200)
                .body("records.id", contains(ids("Bob", "Fay").toArray()))
                .body("records[0].name", equalTo("Bob Tester"))
                .body("total", equalTo(2)).body("truncated", equalTo(false));
        tenant.request().queryParam("with", id.get("Cat")).get("/graph/records/" + id.get("Bob") + "/mutual").then().statusCode(200)
                .body("records.id", contains(id.get("Ann")));
        tenant.request().queryParam("with", id.get("Gus")).get("/graph/records/" + id.get("Ann") + "/mutual").then().statusCode(200)
                .body("records", empty()).body("total", equalTo(0));
        tenant.request().queryParam("with", id.get("Cat")).queryParam("associationIds", colleague)
                .get("/graph/records/" + id.get("Eve") + "/mutual").then().statusCode(200).body("records", empty());
    }

    @Test
    void suggestionsAreRankedBySharedConnectionsThenName() {
        // Cat's links: Ann, Bob, Fay. Eve is linked to Bob and Fay; Dan to Bob; Gus to Fay.
        tenant.request().get("/graph/records/" + id.get("Cat") + "/suggestions").then().statusCode(200)
                .body("suggestions.id", contains(ids("Eve", "Dan", "Gus").toArray()))
                .body("suggestions.sharedConnections", contains(2, 1, 1))
                .body("suggestions[0].name", equalTo("Eve Tester"))
                .body("suggestions[0].objectKey", equalTo("contact"))
                .body("truncated", equalTo(false));
        tenant.request().queryParam("limit", 1).get("/graph/records/" + id.get("Cat") + "/suggestions").then().statusCode(200)
                .body("suggestions.id", contains(id.get("Eve")));
    }

    @Test
    void suggestionsNeverNameTheRecordOrARecordAlreadyLinked() {
        tenant.request().get("/graph/records/" + id.get("Dan") + "/suggestions").then().statusCode(200)
                .body("suggestions.id", contains(ids("Ann", "Cat", "Fay").toArray()))
                .body("suggestions.id", not(hasItem(id.get("Dan")))).body("suggestions.id", not(hasItem(id.get("Bob"))));
        // Through colleagues only, Dan reaches Fay through Eve; Bob is linked to Dan, but not as a colleague, and still is not suggested.
        tenant.request().queryParam("associationIds", colleague).get("/graph/records/" + id.get("Dan") + "/suggestions").then()
                .statusCode(200).body("suggestions.id", contains(id.get("Fay")));
        tenant.request().queryParam("associationIds", manager).get("/graph/records/" + id.get("Cat") + "/suggestions").then()
                .statusCode(200).body("suggestions", empty());
        tenant.request().get("/graph/records/" + id.get("Hal") + "/suggestions").then().statusCode(200).body("suggestions", empty());
    }

    @Test
    void badParametersAre422NamingTheField() {
        String ann = "/graph/records/" + id.get("Ann");
        for (Object depth : List.of(0, 4, -1, "abc", "1.5")) {
            tenant.request().queryParam("depth", depth).get(ann + "/neighborhood").then().statusCode(422)
                    .body("code", equalTo("VALIDATION_FAILED")).body("param", equalTo("depth")).body("message", hasItem(startsWith("depth")));
        }
        for (Object limit : List.of(0, 501, "many")) {
            tenant.request().queryParam("limit", limit).get(ann + "/neighborhood").then().statusCode(422).body("param", equalTo("limit"));
        }
        tenant.request().queryParam("limit", 101).get(ann + "/suggestions").then().statusCode(422).body("param", equalTo("limit"));
        tenant.request().queryParam("limit", 0).queryParam("with", id.get("Bob")).get(ann + "/mutual").then().statusCode(422)
                .body("param", equalTo("limit"));
        for (Object maxDepth : List.of(0, 7, "six")) {
            tenant.request().queryParam("from", id.get("Ann")).queryParam("to", id.get("Bob")).queryParam("maxDepth", maxDepth)
                    .get("/graph/paths").then().statusCode(422).body("param", equalTo("maxDepth"));
        }
        tenant.request().queryParam("to", id.get("Bob")).get("/graph/paths").then().statusCode(422).body("param", equalTo("from"));
        tenant.request().queryParam("from", id.get("Bob")).get("/graph/paths").then().statusCode(422).body("param", equalTo("to"));
        tenant.request().queryParam("from", id.get("Bob")).queryParam("to", id.get("Bob")).get("/graph/paths").then().statusCode(422)
                .body("param", equalTo("to"));
        tenant.request().get(ann + "/mutual").then().statusCode(422).body("param", equalTo("with"));
        tenant.request().queryParam("with", id.get("Ann")).get(ann + "/mutual").then().statusCode(422).body("param", equalTo("with"));
        tenant.request().queryParam("associationIds", String.join(",", java.util.Collections.nCopies(51, "x").stream()
                .map(x -> x + Math.random()).toList())).get(ann + "/neighborhood").then().statusCode(422)
                .body("param", equalTo("associationIds"));
        tenant.request().queryParam("depth", "9".repeat(40)).get(ann + "/neighborhood").then().statusCode(422);
    }

    @Test
    void unknownRecordsAreNotFound() {
        tenant.request().get("/graph/records/unknownRecord00000000/neighborhood").then().statusCode(404).body("code", equalTo("NOT_FOUND"));
        tenant.request().get("/graph/records/x`) DETACH DELETE n/neighborhood").then().statusCode(404);
        tenant.request().queryParam("from", "nope0000000000000000").queryParam("to", id.get("Ann")).get("/graph/paths").then()
                .statusCode(404).body("param", equalTo("from"));
        tenant.request().queryParam("from", id.get("Ann")).queryParam("to", "nope0000000000000000").get("/graph/paths").then()
                .statusCode(404).body("param", equalTo("to"));
        tenant.request().queryParam("with", "nope0000000000000000").get("/graph/records/" + id.get("Ann") + "/mutual").then()
                .statusCode(404).body("param", equalTo("with"));
        tenant.request().get("/graph/records/nope0000000000000000/suggestions").then().statusCode(404);
        tenant.request().get("/associations/nope0000000000000000/usage").then().statusCode(404);
    }

    @Test
    void anotherLocationsRecordsBehaveLikeMissingOnesEvenWithGuessedIds() {
        Tenant other = Api.newTenant("Other company");
        String zed = other.createContact("Zed", "Other");
        String yan = other.createContact("Yan", "Other");
        String theirLabel = other.createAssociation("colleague", "contact", "Colleague", "contact", null, null);
        other.linked(theirLabel, zed, yan);
        // Links that are not ours in the graph itself: one to a record of the other location, one without a label.
        Neo4jTestResource.neo4j().defaultDatabaseService().executeTransactionally("""
                MATCH (a:Record {id: $ann}), (z:Record {id: $zed}), (b:Record {id: $bob})
                CREATE (a)-[:COLLEAGUE {id: 'foreign0000000000000000000000000', associationId: $theirLabel, locationId: z.locationId}]->(z)
                CREATE (a)-[:KNOWS {id: 'plain00000000000000000000000000'}]->(b)""",
                Map.of("ann", id.get("Ann"), "zed", zed, "bob", id.get("Bob"), "theirLabel", theirLabel));

        neighborhood("Ann", Map.of("depth", 3)).statusCode(200)
                .body("nodes.id", not(hasItem(zed))).body("nodes.id", not(hasItem(yan))).body("nodes", hasSize(7))
                .body("edges", hasSize(9));
        tenant.request().get("/graph/records/" + zed + "/neighborhood").then().statusCode(404);
        tenant.request().get("/graph/records/" + zed + "/suggestions").then().statusCode(404);
        tenant.request().queryParam("with", id.get("Ann")).get("/graph/records/" + zed + "/mutual").then().statusCode(404);
        tenant.request().queryParam("with", zed).get("/graph/records/" + id.get("Ann") + "/mutual").then().statusCode(404);
        tenant.request().queryParam("from", id.get("Ann")).queryParam("to", zed).get("/graph/paths").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND")).body("param", equalTo("to"));
        tenant.request().queryParam("from", zed).queryParam("to", yan).get("/graph/paths").then().statusCode(404);
        tenant.request().get("/associations/" + theirLabel + "/usage").then().statusCode(404);
        tenant.request().get("/graph/records/" + id.get("Ann") + "/suggestions").then().statusCode(200)
                .body("suggestions.id", not(hasItem(zed))).body("suggestions.id", not(hasItem(yan)));
        other.request().get("/graph/records/" + zed + "/neighborhood").then().statusCode(200)
                .body("nodes.id", containsInAnyOrder(zed, yan));
    }

    @Test
    void aKeyIsRequiredAndAnotherLocationIdIsForbidden() {
        String ann = "/graph/records/" + id.get("Ann");
        given().get(ann + "/neighborhood").then().statusCode(401);
        given().get(ann + "/mutual?with=" + id.get("Bob")).then().statusCode(401);
        given().get(ann + "/suggestions").then().statusCode(401);
        given().get("/graph/paths?from=" + id.get("Ann") + "&to=" + id.get("Bob")).then().statusCode(401);
        given().get("/associations/" + manager + "/usage").then().statusCode(401);
        given().header("Authorization", "Bearer not-a-key").get(ann + "/neighborhood").then().statusCode(401);
        tenant.request().queryParam("locationId", "someOtherLocation000").get(ann + "/neighborhood").then().statusCode(403);
        tenant.request().queryParam("locationId", tenant.locationId()).get(ann + "/neighborhood").then().statusCode(200);
        tenant.request().queryParam("locationId", "someOtherLocation000").get("/associations/" + manager + "/usage").then()
                .statusCode(403);
    }

    @Test
    void usageCountsLinksAndRecordsOfALabel() {
        tenant.request().get("/associations/" + manager + "/usage").then().statusCode(200)
                .body("associationId", equalTo(manager))
                .body("links", equalTo(5)).body("records", equalTo(6)).body("cap", equalTo(1000))
                .body("nearLimit", empty()).body("nearLimitTotal", equalTo(0));
        tenant.request().get("/associations/" + colleague + "/usage").then().statusCode(200)
                .body("links", equalTo(3)).body("records", equalTo(5));
        // One-to-one: both spouses already use the one link they may have.
        tenant.request().get("/associations/" + spouse + "/usage").then().statusCode(200)
                .body("links", equalTo(1)).body("records", equalTo(2))
                .body("nearLimit.recordId", containsInAnyOrder(ids("Fay", "Gus").toArray()))
                .body("nearLimit.reason", contains("cardinality", "cardinality"))
                .body("nearLimit.links", contains(1, 1)).body("nearLimit.limit", contains(1, 1))
                .body("nearLimitTotal", equalTo(2));
    }

    @Test
    void theOpenApiDocumentDescribesEveryGraphEndpointWithAnExample() {
        var openApi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200);
        for (String path : List.of("/graph/records/{recordId}/neighborhood", "/graph/paths", "/graph/records/{recordId}/mutual",
                "/graph/records/{recordId}/suggestions", "/associations/{associationId}/usage")) {
            openApi.body("paths.'" + path + "'.get.responses.'200'.content.'application/json'.examples.size()", org.hamcrest.Matchers.greaterThan(0))
                    .body("paths.'" + path + "'.get.security.size()", org.hamcrest.Matchers.greaterThan(0));
        }
        openApi.body("paths.'/graph/records/{recordId}/neighborhood'.get.parameters.name",
                org.hamcrest.Matchers.hasItems("recordId", "depth", "limit", "associationIds", "locationId"));
    }
}
