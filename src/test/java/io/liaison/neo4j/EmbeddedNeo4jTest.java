package io.liaison.neo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.Values;
import org.neo4j.io.ByteUnit;

/** The embedded DBMS the service starts by default, driven through Bolt as the service drives it. */
class EmbeddedNeo4jTest {

    @TempDir
    Path home;

    @Test
    void aRestartOnTheSameDirectoryFindsEveryRecordAgain() throws IOException {
        int port = freePort();
        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(home, port, "32m");
                Driver driver = driver(neo4j)) {
            var db = new GraphDatabase(driver, "neo4j");
            db.write(tx -> tx.run("UNWIND range(1, 100) AS i CREATE (:Contact {id: 'c' + i, locationId: $location})",
                    Values.parameters("location", "restart")).consume());
        }

        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(home, port, "32m");
                Driver driver = driver(neo4j)) {
            var db = new GraphDatabase(driver, "neo4j");
            long count = db.read(tx -> tx.run("MATCH (c:Contact {locationId: $location}) RETURN count(c) AS n",
                    Values.parameters("location", "restart")).single().get("n").asLong());
            String last = db.read(tx -> tx.run("MATCH (c:Contact {id: 'c100'}) RETURN c.locationId AS location")
                    .single().get("location").asString());
            assertEquals(100, count);
            assertEquals("restart", last);
        }
    }

    /** Plans are checked against the statistics a minute apart, not every 10 s (see EmbeddedNeo4j.start). */
    @Test
    void cachedPlansAreCheckedForReplanningAMinuteApart() throws IOException {
        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(home, freePort(), "32m");
                Driver driver = driver(neo4j)) {
            String interval = new GraphDatabase(driver, "neo4j").read(tx -> tx.run(
                    "SHOW SETTINGS YIELD name, value WHERE name = 'dbms.cypher.min_replan_interval' RETURN value").single()
                    .get("value").asString());
            assertEquals("1m", interval);
        }
    }

    /** Old transaction logs are bounded, not kept for two days (see EmbeddedNeo4j.start). */
    @Test
    void oldTransactionLogsAreKeptUpToAGigabyte() throws IOException {
        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(home, freePort(), "32m");
                Driver driver = driver(neo4j)) {
            String retention = new GraphDatabase(driver, "neo4j").read(tx -> tx.run(
                    "SHOW SETTINGS YIELD name, value WHERE name = 'db.tx_log.rotation.retention_policy' RETURN value").single()
                    .get("value").asString());
            assertEquals(EmbeddedNeo4j.TRANSACTION_LOG_RETENTION, retention);
        }
    }

    @Test
    void theDataFolderItCreatesIsTheServiceUsersOnly() throws IOException {
        Path fresh = home.resolve("fresh-data");
        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(fresh, freePort(), "32m")) {
            for (Path folder : List.of(fresh, fresh.resolve("data"), fresh.resolve("logs"))) {
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)), folder.toString());
            }
        }
    }

    @Test
    void boltListensOnLoopbackOnly() throws IOException {
        int port = freePort();
        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(home, port, "32m")) {
            assertEquals("bolt://127.0.0.1:" + port, neo4j.boltUri());
            connect(InetAddress.getLoopbackAddress(), port);

            Optional<InetAddress> external = nonLoopbackAddress();
            assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to try");
            assertThrows(IOException.class, () -> connect(external.get(), port),
                    "Bolt must not be reachable on " + external.get());
        }
    }

    @Test
    void withAPasswordBoltRefusesAnyoneWithoutIt() throws IOException {
        int port = freePort();
        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(home, port, "32m", Optional.of("s3cret-pass"))) {
            try (Driver anonymous = driver(neo4j)) {
                assertThrows(org.neo4j.driver.exceptions.AuthenticationException.class, anonymous::verifyConnectivity);
            }
            try (Driver wrong = org.neo4j.driver.GraphDatabase.driver(neo4j.boltUri(), AuthTokens.basic("neo4j", "guess"))) {
                assertThrows(org.neo4j.driver.exceptions.AuthenticationException.class, wrong::verifyConnectivity);
            }
            try (Driver right = org.neo4j.driver.GraphDatabase.driver(neo4j.boltUri(), AuthTokens.basic("neo4j", "s3cret-pass"))) {
                var db = new GraphDatabase(right, "neo4j");
                long one = db.read(tx -> tx.run("RETURN 1 AS one").single().get("one").asLong());
                assertEquals(1L, one);
            }
        }
    }

    /** The generated password is applied at every start; Neo4j refuses to set the same one again. */
    @Test
    void aRestartWithTheSamePasswordStartsAndKeepsRequiringIt() throws IOException {
        int port = freePort();
        try (EmbeddedNeo4j first = EmbeddedNeo4j.start(home, port, "32m", Optional.of("kept-pass-1234"))) {
            assertEquals(1L, answerOne(first, "kept-pass-1234"));
        }
        try (EmbeddedNeo4j again = EmbeddedNeo4j.start(home, port, "32m", Optional.of("kept-pass-1234"))) {
            assertEquals(1L, answerOne(again, "kept-pass-1234"));
            try (Driver anonymous = driver(again)) {
                assertThrows(org.neo4j.driver.exceptions.AuthenticationException.class, anonymous::verifyConnectivity);
            }
        }
        try (EmbeddedNeo4j changed = EmbeddedNeo4j.start(home, port, "32m", Optional.of("new-pass-5678"))) {
            assertEquals(1L, answerOne(changed, "new-pass-5678"));
            try (Driver old = org.neo4j.driver.GraphDatabase.driver(changed.boltUri(), AuthTokens.basic("neo4j", "kept-pass-1234"))) {
                assertThrows(org.neo4j.driver.exceptions.AuthenticationException.class, old::verifyConnectivity);
            }
        }
    }

    /**
     * Issue 22: on a fresh store, the moment the DBMS is up (Bolt listens before Liaison runs anything)
     * user neo4j already has the configured password. With Neo4j's default one, neo4j/neo4j logs in to
     * change it, and the first to change it owns the port.
     */
    @Test
    void onAFreshStoreTheDefaultCredentialsNeverOpenBolt() throws IOException {
        int port = freePort();
        DatabaseManagementService dbms = EmbeddedNeo4j.open(home, port, "32m", Optional.of("initial-pass-1234"));
        try {
            assertTakeOverWithDefaultCredentialsRefused(port);
            assertEquals(1L, answerOne("bolt://127.0.0.1:" + port, "initial-pass-1234"));
            // What the start checks, without a statement, before deciding whether to set the password.
            assertEquals(Optional.of(true), EmbeddedInitialPassword.matches(dbms, "initial-pass-1234"));
            assertEquals(Optional.of(false), EmbeddedInitialPassword.matches(dbms, "another-pass-1234"));
        } finally {
            dbms.shutdown();
        }
        assertFalse(Files.exists(EmbeddedInitialPassword.file(home)), "the initial password's hash is not left on disk");
    }

    /** A store whose user neo4j still has the default password (a start that stopped before setting it). */
    @Test
    void aStoreLeftWithTheDefaultPasswordHasTheConfiguredOneWhenBoltListens() throws IOException {
        new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(BoltConnector.enabled, false)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse("32m"))
                .build().shutdown();
        int port = freePort();
        DatabaseManagementService dbms = EmbeddedNeo4j.open(home, port, "32m", Optional.of("initial-pass-1234"));
        try {
            assertTakeOverWithDefaultCredentialsRefused(port);
            assertEquals(1L, answerOne("bolt://127.0.0.1:" + port, "initial-pass-1234"));
        } finally {
            dbms.shutdown();
        }
    }

    /** The same through the whole start, with a client trying the default credentials all along. */
    @Test
    void noTakeOverWithTheDefaultCredentialsSucceedsWhileTheServiceStarts() throws Exception {
        int port = freePort();
        AtomicBoolean started = new AtomicBoolean();
        AtomicInteger takenOver = new AtomicInteger();
        Thread intruder = new Thread(() -> {
            while (!started.get()) {
                try (Driver driver = defaultCredentials(port)) {
                    takeOver(driver);
                    takenOver.incrementAndGet();
                } catch (RuntimeException refusedOrNotListening) {
                    // Not listening yet, or refused: what is expected.
                }
                LockSupport.parkNanos(20_000_000);
            }
        }, "intruder");
        intruder.start();
        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(home, port, "32m", Optional.of("service-pass-1234"))) {
            started.set(true);
            intruder.join();
            assertEquals(0, takenOver.get(), "the default credentials changed the password during the start");
            assertTakeOverWithDefaultCredentialsRefused(port);
            assertEquals(1L, answerOne(neo4j, "service-pass-1234"));
        } finally {
            started.set(true);
            intruder.join();
        }
    }

    private static void assertTakeOverWithDefaultCredentialsRefused(int port) {
        try (Driver driver = defaultCredentials(port)) {
            assertThrows(org.neo4j.driver.exceptions.AuthenticationException.class, () -> takeOver(driver));
        }
    }

    private static Driver defaultCredentials(int port) {
        return org.neo4j.driver.GraphDatabase.driver("bolt://127.0.0.1:" + port, AuthTokens.basic("neo4j", "neo4j"));
    }

    /** What a client with the default password may do, and all it needs to lock everyone else out. */
    private static void takeOver(Driver driver) {
        try (var session = driver.session(SessionConfig.forDatabase("system"))) {
            session.run("ALTER CURRENT USER SET PASSWORD FROM 'neo4j' TO 'taken-over-1234'").consume();
        }
    }

    private static long answerOne(EmbeddedNeo4j neo4j, String password) {
        return answerOne(neo4j.boltUri(), password);
    }

    private static long answerOne(String boltUri, String password) {
        try (Driver driver = org.neo4j.driver.GraphDatabase.driver(boltUri, AuthTokens.basic("neo4j", password))) {
            return new GraphDatabase(driver, "neo4j").read(tx -> tx.run("RETURN 1 AS one").single().get("one").asLong());
        }
    }

    private static Driver driver(EmbeddedNeo4j neo4j) {
        return org.neo4j.driver.GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none());
    }

    private static void connect(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
