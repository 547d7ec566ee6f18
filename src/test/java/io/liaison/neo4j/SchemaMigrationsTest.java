package io.liaison.neo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;

/**
 * The schema runner against a real Neo4j. Its history lives in the graph, which is emptied before each
 * test; schema rules stay, so each test uses rule names of its own.
 */
class SchemaMigrationsTest {

    private static final Path SCHEMA_DIR = Path.of("cypher", "schema");

    @TempDir
    static Path home;

    private static EmbeddedNeo4j neo4j;
    private static Driver driver;
    private static GraphDatabase db;

    @BeforeAll
    static void startNeo4j() throws IOException {
        neo4j = EmbeddedNeo4j.start(home, EmbeddedNeo4jTest.freePort(), "32m");
        driver = org.neo4j.driver.GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none());
        db = new GraphDatabase(driver, "neo4j");
    }

    @AfterAll
    static void stopNeo4j() {
        driver.close();
        neo4j.close();
    }

    @BeforeEach
    void forgetTheHistory() {
        db.write(tx -> tx.run("MATCH (n) DETACH DELETE n").consume());
    }

    @Test
    void applyingTwiceRecordsEachVersionOnceInAChainWithItsChecksum() {
        new SchemaMigrations(db).migrate();
        new SchemaMigrations(db).migrate();

        List<String> expectedVersions = SchemaMigrations.MIGRATIONS.stream().map(f -> f.substring(0, f.indexOf("__"))).toList();
        List<String> expectedChecksums = SchemaMigrations.MIGRATIONS.stream().map(f -> SchemaMigrations.sha256(fromDisk(f))).toList();
        List<Record> chain = chain();
        assertEquals(expectedVersions, chain.stream().map(r -> r.get("version").asString()).toList());
        assertEquals(expectedChecksums, chain.stream().map(r -> r.get("checksum").asString()).toList());
        assertEquals(expectedVersions.size(), count("MATCH (m:LiaisonMigration) RETURN count(m) AS n"));
        assertEquals(0, count("MATCH (l:LiaisonMigrationLock) RETURN count(l) AS n"), "the lock is released");
        assertTrue(constraintNames().containsAll(List.of("record_id", "location_id", "association_id")));
    }

    @Test
    void aMigrationEditedAfterItWasAppliedIsRefused() {
        List<String> files = List.of("V0001__Things.cypher");
        String original = "CREATE CONSTRAINT edited_id IF NOT EXISTS FOR (t:Edited) REQUIRE t.id IS UNIQUE;";
        new SchemaMigrations(db, files, file -> original).migrate();

        String edited = original + "\nCREATE INDEX edited_name IF NOT EXISTS FOR (t:Edited) ON (t.name);";
        var refusal = assertThrows(IllegalStateException.class, () -> new SchemaMigrations(db, files, file -> edited).migrate());

        assertTrue(refusal.getMessage().contains("V0001__Things.cypher"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("edited"), refusal.getMessage());
        assertFalse(indexNames().contains("edited_name"), "the edited statement must not run");
        assertEquals(1, count("MATCH (m:LiaisonMigration) RETURN count(m) AS n"));
        assertEquals(0, count("MATCH (l:LiaisonMigrationLock) RETURN count(l) AS n"), "the lock is released after a refusal");
    }

    @Test
    void aNewMigrationIsAppendedToTheChain() {
        Map<String, String> texts = Map.of(
                "V0001__Things.cypher", "CREATE CONSTRAINT appended_id IF NOT EXISTS FOR (t:Appended) REQUIRE t.id IS UNIQUE;",
                "V0002__Thing_names.cypher", "CREATE INDEX appended_name IF NOT EXISTS FOR (t:Appended) ON (t.name);");
        new SchemaMigrations(db, List.of("V0001__Things.cypher"), texts::get).migrate();
        new SchemaMigrations(db, List.of("V0001__Things.cypher", "V0002__Thing_names.cypher"), texts::get).migrate();

        assertEquals(List.of("V0001", "V0002"), chain().stream().map(r -> r.get("version").asString()).toList());
        assertTrue(indexNames().contains("appended_name"));
    }

    @Test
    void migratorsStartedTogetherAllSucceedAndApplyEachVersionOnce() throws Exception {
        int instances = 4;
        // Many statements widen the window in which the instances overlap.
        List<String> files = List.of("V0001__Ones.cypher", "V0002__Twos.cypher", "V0003__Threes.cypher");
        Function<String, String> loader = file -> {
            String label = file.substring(file.indexOf("__") + 2, file.indexOf('.'));
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 5; i++) {
                text.append("CREATE CONSTRAINT ").append(label.toLowerCase()).append('_').append(i)
                        .append(" IF NOT EXISTS FOR (n:").append(label).append(") REQUIRE n.p").append(i).append(" IS UNIQUE;\n");
            }
            return text.toString();
        };
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                runs.add(CompletableFuture.runAsync(() -> {
                    awaitQuietly(start);
                    new SchemaMigrations(db, files, loader).migrate();
                }, pool));
            }
            start.countDown();
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(3, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }

        assertEquals(List.of("V0001", "V0002", "V0003"), chain().stream().map(r -> r.get("version").asString()).toList());
        assertEquals(3, count("MATCH (m:LiaisonMigration) RETURN count(m) AS n"), "each version is recorded exactly once");
        assertEquals(2, count("MATCH ()-[n:NEXT]->() RETURN count(n) AS n"), "one chain, no branches");
        assertEquals(0, count("MATCH (l:LiaisonMigrationLock) RETURN count(l) AS n"));
        assertTrue(constraintNames().containsAll(List.of("ones_0", "twos_4", "threes_2")));
    }

    /** The applied versions, following NEXT from the first one. */
    private List<Record> chain() {
        return db.read(tx -> tx.run("""
                MATCH (first:LiaisonMigration) WHERE NOT ()-[:NEXT]->(first)
                MATCH path = (first)-[:NEXT*0..]->(m:LiaisonMigration)
                RETURN m.version AS version, m.checksum AS checksum ORDER BY length(path)""").list());
    }

    private long count(String query) {
        return db.read(tx -> tx.run(query).single().get("n").asLong());
    }

    private List<String> constraintNames() {
        return db.read(tx -> tx.run("SHOW CONSTRAINTS YIELD name RETURN name").list(r -> r.get("name").asString()));
    }

    private List<String> indexNames() {
        return db.read(tx -> tx.run("SHOW INDEXES YIELD name RETURN name").list(r -> r.get("name").asString()));
    }

    private static String fromDisk(String file) {
        try {
            return Files.readString(SCHEMA_DIR.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
