package io.liaison.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * A real Neo4j 5.26, in-process through neo4j-harness, shared by every test of the run. Tests keep
 * out of each other's way by working in locations of their own.
 */
public class Neo4jTestResource implements QuarkusTestResourceLifecycleManager {

    private static Neo4j neo4j;

    @Override
    public synchronized Map<String, String> start() {
        if (neo4j == null) {
            // The same procedures the embedded database registers: APOC's locks, for shared label locks, and
            // Liaison's degree functions, for the link rules' counts.
            neo4j = Neo4jBuilders.newInProcessBuilder().withDisabledServer().withProcedure(apoc.lock.Lock.class).build();
            io.liaison.neo4j.Degrees.register(neo4j.databaseManagementService());
            // The harness lives in this JVM, as the embedded default does: the service runs its
            // transactions on it directly (see io.liaison.neo4j.InProcessNeo4j); BoltTransportTest
            // covers the Bolt way used with a server.
            io.liaison.neo4j.InProcessNeo4j.host(neo4j.boltURI().getPort(), neo4j.databaseManagementService());
        }
        return Map.of(
                "quarkus.neo4j.uri", neo4j.boltURI().toString(),
                "quarkus.neo4j.authentication.disabled", "true",
                "liaison.embedded.enabled", "false");
    }

    @Override
    public void stop() {
        // The harness lives for the whole JVM so that test profiles restarting Quarkus reuse it.
    }

    public static Neo4j neo4j() {
        return neo4j;
    }
}
