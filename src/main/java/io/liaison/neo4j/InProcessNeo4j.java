package io.liaison.neo4j;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.neo4j.dbms.api.DatabaseManagementService;

/**
 * The Neo4j DBMSs that live in this very JVM, by the loopback Bolt port they listen on. When the
 * driver's URI names one of them, {@link GraphDatabase} runs its transactions on it directly instead
 * of through Bolt: the same Cypher, the same transaction, without encoding every statement and row
 * into Bolt messages, sending them over loopback, and decoding them again on both sides (profiled on
 * 2 cores, that round trip cost the app more CPU than the queries themselves). Bolt stays open for
 * Neo4j Browser, cypher-shell and external tools.
 *
 * <p>Keyed by port rather than by object so that whoever hosts a DBMS (the embedded lifecycle, or a
 * test's harness) registers it without the service having to know them; a DBMS that stops leaves the
 * registry, and the service falls back to Bolt, which then reports the outage as usual.
 */
public final class InProcessNeo4j {

    private static final Map<Integer, DatabaseManagementService> HOSTED = new ConcurrentHashMap<>();
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    private InProcessNeo4j() {
    }

    /** This DBMS runs in this JVM and takes Bolt on this loopback port. */
    public static void host(int boltPort, DatabaseManagementService dbms) {
        HOSTED.put(boltPort, dbms);
    }

    /** The DBMS is stopping: from now on transactions for its port go through Bolt. */
    public static void leave(int boltPort, DatabaseManagementService dbms) {
        HOSTED.remove(boltPort, dbms);
    }

    /**
     * The Neo4j transaction under a callback's {@code tx} when it runs in-process, for a hot path that
     * does its work through Neo4j's Java core API (index lookups, degrees, relationships created
     * directly) instead of Cypher, in the same transaction; empty over Bolt, where only Cypher reaches
     * the database. Such a path keeps the Cypher one beside it for Bolt and must give the same graph.
     */
    public static Optional<org.neo4j.graphdb.Transaction> coreApi(org.neo4j.driver.TransactionContext tx) {
        return tx instanceof InProcessTransaction inProcess ? Optional.of(inProcess.coreTransaction()) : Optional.empty();
    }

    /** A node read through the core API, as the driver would have decoded it (for code that takes the driver's types). */
    public static org.neo4j.driver.types.Node driverNode(org.neo4j.graphdb.Node node) {
        return InProcessTransaction.driverValue(node).asNode();
    }

    /** The loopback port of a bolt:// or neo4j:// URI, or -1 when it names another machine. */
    static int loopbackPort(String uri) {
        try {
            URI parsed = URI.create(uri);
            String host = parsed.getHost();
            if (host == null || !LOOPBACK.contains(host.toLowerCase(java.util.Locale.ROOT))) {
                return -1;
            }
            return parsed.getPort() > 0 ? parsed.getPort() : 7687;
        } catch (IllegalArgumentException notAUri) {
            return -1;
        }
    }

    static Optional<DatabaseManagementService> at(int boltPort) {
        return boltPort < 0 ? Optional.empty() : Optional.ofNullable(HOSTED.get(boltPort));
    }
}
