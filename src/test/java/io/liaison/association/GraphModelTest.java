package io.liaison.association;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.support.Api;
import io.liaison.support.Neo4jTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Values;

/** What an analyst sees in Neo4j Browser: labels as nodes, links as typed relationships first → second. */
@QuarkusTest
class GraphModelTest {

    @Test
    void aLinkIsOneRelationshipTypedByItsLabelFromTheFirstRecordToTheSecond() {
        var tenant = Api.newTenant("Model");
        String jane = tenant.createContact("Jane", "Doe");
        String bob = tenant.createContact("Bob", "Roe");
        String label = tenant.createAssociation("manager_employee", "contact", "Manager", "contact", "Employee", null);
        String relation = tenant.linked(label, jane, bob);
        try (var driver = GraphDatabase.driver(Neo4jTestResource.neo4j().boltURI()); var session = driver.session()) {
            var row = session.run("""
                    MATCH (a:Record:Contact {id: $jane})-[r]->(b:Record:Contact {id: $bob})
                    RETURN type(r) AS type, properties(r) AS props, a.displayName AS from, b.displayName AS to,
                           COUNT { (a)--(b) } AS links""", Values.parameters("jane", jane, "bob", bob)).single();
            assertEquals("MANAGER_EMPLOYEE", row.get("type").asString());
            Map<String, Object> props = row.get("props").asMap();
            assertEquals(relation, props.get("id"));
            assertEquals(label, props.get("associationId"));
            assertEquals(tenant.locationId(), props.get("locationId"));
            assertTrue(props.containsKey("createdAt"));
            assertEquals("Jane Doe", row.get("from").asString());
            assertEquals("Bob Roe", row.get("to").asString());
            assertEquals(1, row.get("links").asLong());
            var labelNode = session.run("MATCH (a:Association {id: $id}) RETURN a.firstObjectLabel AS first, a.key AS key",
                    Values.parameters("id", label)).single();
            assertEquals("Manager", labelNode.get("first").asString());
            assertEquals("manager_employee", labelNode.get("key").asString());
        }
    }
}
