package io.liaison.support;

import java.io.IOException;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * A Neo4j server in a process of its own, for tests that must freeze the database without freezing
 * the service (kill -STOP on this process): started from the test class path by {@link SeparateNeo4j},
 * with Bolt on a free loopback port, the procedures the embedded database registers, and no auth.
 * It prints its Bolt URI on one line, then runs until its standard input closes (its parent ended).
 */
public final class StandaloneNeo4j {

    public static final String READY = "BOLT ";

    private StandaloneNeo4j() {
    }

    public static void main(String[] args) throws IOException {
        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder().withDisabledServer().withProcedure(apoc.lock.Lock.class).build();
        io.liaison.neo4j.Degrees.register(neo4j.databaseManagementService());
        System.out.println(READY + neo4j.boltURI());
        System.out.flush();
        while (System.in.read() >= 0) {
            // Runs until the parent closes the pipe (or dies).
        }
        neo4j.close();
        System.exit(0);
    }
}
