package io.liaison.support;

import io.liaison.neo4j.GraphDatabase;
import org.neo4j.driver.Driver;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/** A real in-process Neo4j without APOC's procedures, reached over Bolt as an external server would be. */
public final class Neo4jWithoutApoc implements AutoCloseable {

    private final Neo4j neo4j;
    private final Driver driver;
    private final GraphDatabase db;

    public Neo4jWithoutApoc() {
        neo4j = Neo4jBuilders.newInProcessBuilder().withDisabledServer().build();
        driver = org.neo4j.driver.GraphDatabase.driver(neo4j.boltURI());
        db = new GraphDatabase(driver, "neo4j");
    }

    public GraphDatabase db() {
        return db;
    }

    public Neo4j server() {
        return neo4j;
    }

    @Override
    public void close() {
        driver.close();
        neo4j.close();
    }
}
