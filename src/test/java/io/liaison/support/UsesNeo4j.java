package io.liaison.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the in-process Neo4j for every @QuarkusTest of the run (not restricted to one class). */
@QuarkusTestResource(Neo4jTestResource.class)
public final class UsesNeo4j {
    private UsesNeo4j() {
    }
}
