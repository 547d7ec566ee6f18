package io.liaison.neo4j;

import io.liaison.config.LiaisonConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.exceptions.TransientException;

/**
 * The one door to Neo4j. Reads run in read transactions and writes in write transactions, always
 * against a named database, so the same code is routed correctly by a cluster. Managed transactions
 * retry transient failures (deadlocks, leader switches), so callbacks must be idempotent.
 *
 * <p>Two budgets: the driver retries a lost server only briefly
 * (quarkus.neo4j.max-transaction-retry-time, 0.5 s), so an outage is a 503 within about a second and
 * a half; a transaction that lost a lock conflict (a deadlock between concurrent writers) is retried
 * here, after a short random pause, for up to {@link #CONFLICT_RETRY_TIME}, because it will succeed.
 */
@ApplicationScoped
public class GraphDatabase {

    /** How long a transaction that lost a lock conflict is tried again. */
    static final Duration CONFLICT_RETRY_TIME = Duration.ofSeconds(30);

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
        return retryingConflicts(() -> {
            try (var session = driver.session(sessionConfig)) {
                return session.executeRead(work);
            }
        });
    }

    /** A read that the server abandons after {@code timeout}: the bound on queries whose cost depends on the graph. */
    public <T> T read(TransactionCallback<T> work, java.time.Duration timeout) {
        try (var session = driver.session(sessionConfig)) {
            return session.executeRead(work, org.neo4j.driver.TransactionConfig.builder().withTimeout(timeout).build());
        }
    }

    public <T> T write(TransactionCallback<T> work) {
        return retryingConflicts(() -> {
            try (var session = driver.session(sessionConfig)) {
                return session.executeWrite(work);
            }
        });
    }

    private static <T> T retryingConflicts(Supplier<T> transaction) {
        long giveUpAt = System.nanoTime() + CONFLICT_RETRY_TIME.toNanos();
        while (true) {
            try {
                return transaction.get();
            } catch (TransientException e) {
                if (!Neo4jErrors.isTransactionConflict(e) || System.nanoTime() - giveUpAt > 0) {
                    throw e;
                }
                pauseBeforeRetry();
            }
        }
    }

    private static void pauseBeforeRetry() {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 100));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying a transaction", interrupted);
        }
    }

    public Driver driver() {
        return driver;
    }

    public SessionConfig sessionConfig() {
        return sessionConfig;
    }
}
