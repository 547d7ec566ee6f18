package io.liaison.neo4j;

import io.liaison.config.LiaisonConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionCallback;

/**
 * The one door to Neo4j. Reads run in read transactions and writes in write transactions, always
 * against a named database, so the same code is routed correctly by a cluster. Managed transactions
 * retry transient failures (deadlocks, leader switches), so callbacks must be idempotent.
 */
@ApplicationScoped
public class GraphDatabase {

    private final Driver driver;
    private final SessionConfig sessionConfig;

    @Inject
    public GraphDatabase(Driver driver, LiaisonConfig config) {
        this(driver, config.database());
    }

    /** Outside CDI (tests, tools): the same door over any driver. */
    public GraphDatabase(Driver driver, String database) {
        this.driver = driver;
        this.sessionConfig = SessionConfig.forDatabase(database);
    }

    public <T> T read(TransactionCallback<T> work) {
        try (var session = driver.session(sessionConfig)) {
            return session.executeRead(work);
        }
    }

    /** A read that the server abandons after {@code timeout}: the bound on queries whose cost depends on the graph. */
    public <T> T read(TransactionCallback<T> work, java.time.Duration timeout) {
        try (var session = driver.session(sessionConfig)) {
            return session.executeRead(work, org.neo4j.driver.TransactionConfig.builder().withTimeout(timeout).build());
        }
    }

    public <T> T write(TransactionCallback<T> work) {
        try (var session = driver.session(sessionConfig)) {
            return session.executeWrite(work);
        }
    }

    public Driver driver() {
        return driver;
    }

    public SessionConfig sessionConfig() {
        return sessionConfig;
    }
}
