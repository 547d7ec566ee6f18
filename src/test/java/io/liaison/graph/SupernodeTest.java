package io.liaison.graph;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.Neo4jTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A record with 20,000 links, far beyond what the API lets one label hold (1,000), written straight
 * into the graph: every walk follows at most the fan-out from it and says that it was cut. (How
 * fast that is belongs in a benchmark, not in a timed test.)
 */
@QuarkusTest
class SupernodeTest {

    private static final int LINKS = 20_000;

    @Test
    void aRecordWithThousandsOfLinksIsCutAtTheFanOut() {
        Tenant tenant = Api.newTenant("Supernode");
        String label = tenant.createAssociation("follower", "contact", "Followed", "contact", "Follower", null);
        String hub = tenant.createContact("Famous", "Person");
        Neo4jTestResource.neo4j().defaultDatabaseService().executeTransactionally("""
                MATCH (hub:Record {id: $hub})
                UNWIND range(1, $links) AS i
                CREATE (f:Record:Contact {id: 'fan' + right('0000000' + toString(i), 7) + $suffix, locationId: hub.locationId,
                                          objectKey: 'contact', displayName: 'Fan ' + i})
                CREATE (hub)-[:FOLLOWER {id: hub.id + 'x' + toString(i), associationId: $label, locationId: hub.locationId}]->(f)""",
                Map.of("hub", hub, "links", LINKS, "label", label, "suffix", hub.substring(0, 10)));
        String aFan = "fan0000001" + hub.substring(0, 10);
        String anotherFan = "fan0000002" + hub.substring(0, 10);

        tenant.request().queryParam("depth", 3).queryParam("limit", 500).get("/graph/records/" + hub + "/neighborhood").then()
                .statusCode(200)
                .body("nodes", hasSize(101)).body("edges", hasSize(100)).body("truncated", equalTo(true));
        tenant.request().queryParam("depth", 3).get("/graph/records/" + aFan + "/neighborhood").then()
                .statusCode(200)
                .body("nodes", hasSize(100)).body("truncated", equalTo(true));
        tenant.request().queryParam("with", anotherFan).get("/graph/records/" + aFan + "/mutual").then()
                .statusCode(200)
                .body("records.id", contains(hub));
        tenant.request().get("/graph/records/" + aFan + "/suggestions").then()
                .statusCode(200)
                .body("suggestions", hasSize(20)).body("suggestions[0].sharedConnections", equalTo(1)).body("truncated", equalTo(true));
        tenant.request().queryParam("from", aFan).queryParam("to", anotherFan).get("/graph/paths").then()
                .statusCode(200)
                .body("length", equalTo(2)).body("paths[0].nodeIds", contains(aFan, hub, anotherFan));
        tenant.request().get("/associations/" + label + "/usage").then().statusCode(200)
                .body("links", equalTo(LINKS)).body("records", equalTo(LINKS + 1))
                .body("nearLimit[0].recordId", equalTo(hub)).body("nearLimit[0].links", equalTo(LINKS))
                .body("nearLimit[0].reason", equalTo("recordsPerLabel")).body("nearLimitTotal", equalTo(1));
    }
}
