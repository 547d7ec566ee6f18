package io.liaison.neo4j;

import io.liaison.config.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * A Neo4j Community DBMS running inside this process, reachable from outside only through Bolt on
 * loopback (cypher-shell, Neo4j Browser). The service itself runs its transactions on it directly
 * (see {@link InProcessNeo4j} and {@link GraphDatabase}), through the same repository code it uses
 * with a remote server.
 */
public final class EmbeddedNeo4j implements AutoCloseable {

    private static final Duration SHUTDOWN_WAIT = Duration.ofMillis(500);
    private static final Duration CHECKPOINT_EVERY = Duration.ofSeconds(10);
    private static final Duration PASSWORD_CHANGE_TIMEOUT = Duration.ofMinutes(5);
    /** How often a cached Cypher plan may be checked against the statistics and replanned (see start). */
    static final Duration REPLAN_INTERVAL = Duration.ofMinutes(1);
    /** How much of the transaction log is kept once a checkpoint no longer needs it (see start). */
    static final String TRANSACTION_LOG_RETENTION = "1G size";

    private final DatabaseManagementService dbms;
    private final int boltPort;

    private EmbeddedNeo4j(DatabaseManagementService dbms, int boltPort) {
        this.dbms = dbms;
        this.boltPort = boltPort;
    }

    public static EmbeddedNeo4j start(Path home, int boltPort, String pageCache) {
        return start(home, boltPort, pageCache, Optional.empty());
    }

    /**
     * With a password, Bolt requires it (user {@code neo4j}); the service always passes one unless the
     * operator opted into LIAISON_EMBEDDED_NO_AUTH. Without one, Bolt takes no credentials, so any
     * local process, and any web page the operator opens (browsers apply no same-origin rule to
     * WebSockets), can reach every location's data through the port.
     */
    public static EmbeddedNeo4j start(Path home, int boltPort, String pageCache, Optional<String> password) {
        try {
            // The store and its logs hold every location's data: the data folder is the service user's only.
            OwnerOnly.folders(home);
            OwnerOnly.folders(home.resolve("data"));
            OwnerOnly.folders(home.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + home.toAbsolutePath().normalize(), e);
        }
        DatabaseManagementService dbms = open(home.toAbsolutePath().normalize(), boltPort, pageCache, password);
        StartClock.stepDone("embedded Neo4j: stores, system and neo4j databases, Bolt");
        // No JVM shutdown hook of its own: it would stop the DBMS concurrently with Quarkus's orderly
        // shutdown (which still serves the last requests); EmbeddedNeo4jLifecycle closes it last.

        // In-process transactions bypass Bolt's authentication, so the password can be (re)set here
        // on every start: a new LIAISON_EMBEDDED_PASSWORD, or a deleted password file, takes effect
        // at the next start (until then, Bolt takes the previous one, never the default).
        password.ifPresent(p -> applyPassword(dbms, p));
        StartClock.stepDone("embedded Neo4j: Bolt password checked");
        registerSharedLocks(dbms);
        StartClock.stepDone("embedded Neo4j: APOC lock procedures and degree functions registered");
        InProcessNeo4j.host(boltPort, dbms);
        return new EmbeddedNeo4j(dbms, boltPort);
    }

    /**
     * The DBMS as it is when its Bolt port first listens, before anything else of the start. With a
     * password, user neo4j already has it then: it was handed to Neo4j as its initial password
     * ({@link EmbeddedInitialPassword}), so the default credentials never open the port.
     */
    static DatabaseManagementService open(Path home, int boltPort, String pageCache, Optional<String> password) {
        password.ifPresent(p -> EmbeddedInitialPassword.write(home, p));
        try {
            return builder(home, boltPort, pageCache, password).build();
        } finally {
            EmbeddedInitialPassword.delete(home);
        }
    }

    private static DatabaseManagementServiceBuilder builder(Path home, int boltPort, String pageCache, Optional<String> password) {
        return new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("localhost", boltPort))
                // Loopback only; anyone who needs remote access runs a real server and points
                // QUARKUS_NEO4J_URI at it.
                .setConfig(GraphDatabaseSettings.auth_enabled, password.isPresent())
                // Neo4j's own HTTP server needs JAX-RS classes that clash with Quarkus; Bolt is enough.
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache))
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(60))
                // An embedded store reports nothing to Neo4j's usage-data service: no outbound connection
                // from the service, and no such work at start.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Cypher replans a cached statement once its statistics changed enough, checked every
                // min_replan_interval (10 s by default). Liaison runs a few dozen fixed statements whose
                // plans are pinned by index hints, while its counts swing fast: :NewEvent goes from
                // hundreds to none at every numbering round, and a young store quadruples in minutes. At
                // 10 s the benchmark's app spent about a seventh of its sampled CPU compiling statements,
                // first compiles and replans of the same ones (JFR, docs/design/performance.md); the link
                // statement's compile alone takes a second or more of CPU on two busy cores. A minute
                // between checks still lets plans follow the data (the divergence threshold decays
                // toward 10% as before).
                .setConfig(GraphDatabaseSettings.cypher_min_replan_interval, REPLAN_INTERVAL)
                // The stop's checkpoint flushes what changed since the last one: with Neo4j's 15 minutes, after an
                // import that was most of a 3 s stop budget on 2 cores. A checkpoint with nothing to flush costs nothing.
                .setConfig(GraphDatabaseSettings.check_point_interval_time, CHECKPOINT_EVERY)
                // Neo4j keeps two days of transaction logs by default, for the incremental backups of its
                // Enterprise edition; Community has none, and Liaison's backup is a full export
                // (StoreBackup). Loading 5 million links left 11.9 GB of logs beside a 7.4 GB store
                // (bench/results/scale.md). Recovery only needs the logs since the last checkpoint, which
                // Neo4j keeps whatever this says; 1 GB of older history is kept for diagnosis.
                .setConfig(GraphDatabaseSettings.keep_logical_logs, TRANSACTION_LOG_RETENTION)
                // A clean stop within a container's grace period: by the time the DBMS stops, the
                // HTTP server has stopped taking requests, so nothing is worth waiting for. Bolt's
                // defaults would wait twice 5 s for connections and threads that are idle anyway.
                .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, SHUTDOWN_WAIT)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, SHUTDOWN_WAIT)
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, SHUTDOWN_WAIT)
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, SHUTDOWN_WAIT);
    }

    /**
     * Sets the password of user neo4j when it has another one (the setting changed, or the password
     * file was deleted); usually it already has this one, which is checked without a statement. Neo4j
     * refuses to set the password it already has: that refusal means there is nothing to do. On a
     * starved machine the password hashing can take long, hence a generous timeout of its own.
     */
    private static void applyPassword(DatabaseManagementService dbms, String password) {
        if (EmbeddedInitialPassword.matches(dbms, password).orElse(false)) {
            return;
        }
        try {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password),
                    result -> result.resultAsString(), PASSWORD_CHANGE_TIMEOUT);
        } catch (RuntimeException e) {
            if (!isSamePassword(e)) {
                dbms.shutdown();
                throw e;
            }
        }
    }

    private static boolean isSamePassword(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (String.valueOf(cause.getMessage()).contains("Old password and new password cannot be the same")) {
                return true;
            }
        }
        return false;
    }

    /**
     * APOC core's lock procedures (apoc.lock.read.nodes and friends), and nothing else of APOC:
     * links take a shared lock on their label through it (see {@link Locks}); and Liaison's degree
     * functions ({@link Degrees}), with which the link rules count a record's links in O(1).
     */
    public static void registerSharedLocks(DatabaseManagementService dbms) {
        var api = (org.neo4j.kernel.internal.GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        var procedures = api.getDependencyResolver().resolveDependency(org.neo4j.kernel.api.procedure.GlobalProcedures.class);
        try {
            procedures.registerProcedure(apoc.lock.Lock.class);
        } catch (org.neo4j.internal.kernel.api.exceptions.ProcedureException e) {
            throw new IllegalStateException("Could not register APOC's lock procedures", e);
        }
        Degrees.register(dbms);
    }

    public String boltUri() {
        return "bolt://127.0.0.1:" + boltPort;
    }

    public int boltPort() {
        return boltPort;
    }

    /** Flushes and closes the store; a later start on the same directory finds every record. */
    @Override
    public void close() {
        InProcessNeo4j.leave(boltPort, dbms);
        dbms.shutdown();
    }
}
