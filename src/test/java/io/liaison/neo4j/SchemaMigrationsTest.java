package io.liaison.neo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;

/**
 * The schema runner (neo4j-migrations) against a real Neo4j, and the adoption of the history that the
 * hand-written runner of earlier releases ({@link LegacySchemaMigrations}) left in a store. The graph
 * is emptied before each test; schema rules stay, so each test uses rule names of its own. Chains of a
 * test's own carry a non-idempotent write ({@code CREATE (:Ran ...)}), so a migration applied twice
 * shows as two nodes.
 */
class SchemaMigrationsTest {

    @TempDir
    static Path home;
    @TempDir
    Path files;

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
    void applyingTheReleasedChainTwiceRecordsEachVersionOnceWithItsChecksum() {
        new SchemaMigrations(db).migrate();
        new SchemaMigrations(db).migrate();

        List<String> expectedVersions = SchemaMigrations.MIGRATIONS.stream().map(f -> f.substring(1, f.indexOf("__"))).toList();
        List<Record> chain = chain();
        assertEquals(expectedVersions, chain.stream().map(r -> r.get("version").asString()).toList());
        assertEquals(SchemaMigrations.MIGRATIONS, chain.stream().map(r -> r.get("source").asString()).toList());
        assertTrue(chain.stream().allMatch(r -> !r.get("checksum").isNull()), "each version carries its checksum");
        assertEquals(expectedVersions.size() + 1, count("MATCH (m:__Neo4jMigration) RETURN count(m) AS n"), "BASELINE and one per file");
        assertEquals(0, count("MATCH (l:LiaisonMigrationLock) RETURN count(l) AS n"), "Liaison's lock is released");
        assertEquals(0, count("MATCH (l:__Neo4jMigrationsLock) RETURN count(l) AS n"), "neo4j-migrations' lock is released");
        assertTrue(constraintNames().containsAll(List.of("record_id", "location_id", "association_id")));
    }

    @Test
    void aMigrationEditedAfterItWasAppliedIsRefused() {
        String original = "CREATE CONSTRAINT edited_id IF NOT EXISTS FOR (t:Edited) REQUIRE t.id IS UNIQUE;";
        runner(write(Map.of("V0001__Things.cypher", original))).migrate();

        String edited = original + "\nCREATE INDEX edited_name IF NOT EXISTS FOR (t:Edited) ON (t.name);";
        var refusal = assertThrows(IllegalStateException.class,
                () -> runner(write(Map.of("V0001__Things.cypher", edited))).migrate());

        assertTrue(refusal.getMessage().contains("edited"), refusal.getMessage());
        assertFalse(indexNames().contains("edited_name"), "the edited statement must not run");
        assertEquals(2, count("MATCH (m:__Neo4jMigration) RETURN count(m) AS n"));
        assertEquals(0, count("MATCH (l:LiaisonMigrationLock) RETURN count(l) AS n"), "the lock is released after a refusal");
    }

    @Test
    void aNewMigrationIsAppendedToTheChain() {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("V0001__Things.cypher", "CREATE (:Ran {version: 1});");
        texts.put("V0002__Thing_names.cypher", "CREATE INDEX appended_name IF NOT EXISTS FOR (t:Appended) ON (t.name);");
        runner(write(Map.of("V0001__Things.cypher", texts.get("V0001__Things.cypher")))).migrate();
        runner(write(texts)).migrate();

        assertEquals(List.of("0001", "0002"), chain().stream().map(r -> r.get("version").asString()).toList());
        assertTrue(indexNames().contains("appended_name"));
        assertEquals(1, count("MATCH (r:Ran) RETURN count(r) AS n"), "V0001 ran once");
    }

    @Test
    void migratorsStartedTogetherAllSucceedAndApplyEachVersionOnce() throws Exception {
        int instances = 4;
        // Many statements widen the window in which the instances overlap.
        Map<String, String> texts = new LinkedHashMap<>();
        for (String label : List.of("Ones", "Twos", "Threes")) {
            StringBuilder text = new StringBuilder("CREATE (:Ran {label: '" + label + "'});\n");
            for (int i = 0; i < 5; i++) {
                text.append("CREATE CONSTRAINT ").append(label.toLowerCase()).append('_').append(i)
                        .append(" IF NOT EXISTS FOR (n:").append(label).append(") REQUIRE n.p").append(i).append(" IS UNIQUE;\n");
            }
            texts.put("V000" + (texts.size() + 1) + "__" + label + ".cypher", text.toString());
        }
        List<URL> chainFiles = write(texts);
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                runs.add(CompletableFuture.runAsync(() -> {
                    awaitQuietly(start);
                    runner(chainFiles).migrate();
                }, pool));
            }
            start.countDown();
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(3, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }

        assertEquals(List.of("0001", "0002", "0003"), chain().stream().map(r -> r.get("version").asString()).toList());
        assertEquals(4, count("MATCH (m:__Neo4jMigration) RETURN count(m) AS n"), "each version is recorded exactly once");
        assertEquals(3, count("MATCH ()-[n:MIGRATED_TO]->() RETURN count(n) AS n"), "one chain, no branches");
        assertEquals(3, count("MATCH (r:Ran) RETURN count(r) AS n"), "each version ran once");
        assertEquals(0, count("MATCH (l:LiaisonMigrationLock) RETURN count(l) AS n"));
        assertTrue(constraintNames().containsAll(List.of("ones_0", "twos_4", "threes_2")));
    }

    @Test
    void aStoreMadeByTheEarlierRunnerStartsWithNothingAppliedAgainAndItsHistoryKept() {
        // The earlier release's store: its runner, its chain (the files it shipped, V0001 to V0008).
        new LegacySchemaMigrations(db).migrate();
        List<Record> before = db.read(tx -> tx.run("""
                MATCH (m:LiaisonMigration) RETURN m.version AS version, m.appliedAt AS appliedAt ORDER BY m.version""").list());
        assertEquals(LegacySchemaMigrations.MIGRATIONS.size(), before.size());

        new SchemaMigrations(db).migrate();
        new SchemaMigrations(db).migrate();

        List<Record> chain = chain();
        List<Record> adopted = chain.subList(0, before.size());
        assertEquals(before.stream().map(r -> r.get("version").asString().substring(1)).toList(),
                adopted.stream().map(r -> r.get("version").asString()).toList());
        assertEquals(before.stream().map(r -> r.get("appliedAt").asZonedDateTime()).toList(),
                adopted.stream().map(r -> r.get("at").asZonedDateTime()).toList(), "each migration keeps the time it was applied");
        assertTrue(adopted.stream().allMatch(r -> r.get("connectedAs").asString().equals("adopted from LiaisonMigration")),
                "no migration was applied again: every step the earlier runner made is an adopted one");
        assertEquals(SchemaMigrations.MIGRATIONS.stream().skip(before.size()).map(file -> file.substring(1, 5)).toList(),
                chain.subList(before.size(), chain.size()).stream().map(r -> r.get("version").asString()).toList(),
                "only the release's newer migrations are applied, once");
        assertEquals(0, count("MATCH (m:LiaisonMigration) RETURN count(m) AS n"), "the old history is replaced, not kept beside");
        assertFalse(constraintNames().contains("liaison_migration_version"));
        assertTrue(constraintNames().containsAll(List.of("record_id", "location_id", "association_id")));
    }

    @Test
    void anOldStoreBehindTheReleaseGetsOnlyTheNewMigrations() {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("V0001__Things.cypher", "CREATE (:Ran {version: 1});\nCREATE CONSTRAINT behind_id IF NOT EXISTS FOR (t:Behind) REQUIRE t.id IS UNIQUE;");
        texts.put("V0002__More_things.cypher", "CREATE (:Ran {version: 2});");
        texts.put("V0003__Even_more.cypher", "CREATE (:Ran {version: 3});");
        new LegacySchemaMigrations(db, List.of("V0001__Things.cypher", "V0002__More_things.cypher"), texts::get).migrate();
        ZonedDateTime adoptedFrom = ZonedDateTime.now();

        runner(write(texts)).migrate();

        List<Record> chain = chain();
        assertEquals(List.of("0001", "0002", "0003"), chain.stream().map(r -> r.get("version").asString()).toList());
        assertEquals(List.of("adopted from LiaisonMigration", "adopted from LiaisonMigration"),
                chain.subList(0, 2).stream().map(r -> r.get("connectedAs").asString()).toList());
        assertTrue(chain.get(2).get("at").asZonedDateTime().isAfter(adoptedFrom.minusSeconds(1)), "V0003 applied now");
        assertEquals(List.of(1L, 2L, 3L), db.read(tx -> tx.run("MATCH (r:Ran) RETURN r.version AS v ORDER BY v").list(r -> r.get("v").asLong())),
                "each migration ran exactly once");
    }

    @Test
    void anOldStoreWhoseAppliedFileWasEditedIsRefusedAndLeftAsItWas() {
        String original = "CREATE (:Ran {version: 1});";
        new LegacySchemaMigrations(db, List.of("V0001__Things.cypher"), file -> original).migrate();

        var refusal = assertThrows(IllegalStateException.class,
                () -> runner(write(Map.of("V0001__Things.cypher", original + "\nCREATE (:Ran {version: 11});"))).migrate());

        assertTrue(refusal.getMessage().contains("V0001__Things.cypher"), refusal.getMessage());
        assertEquals(1, count("MATCH (m:LiaisonMigration) RETURN count(m) AS n"), "the old history stays");
        assertEquals(0, count("MATCH (m:__Neo4jMigration) RETURN count(m) AS n"));
        assertEquals(1, count("MATCH (r:Ran) RETURN count(r) AS n"));
    }

    @Test
    void aLockLeftByARunThatDiedDoesNotStopTheNextStart() {
        db.write(tx -> tx.run("CREATE (:__Neo4jMigrationsLock {id: 'dead', name: 'John Doe'})").consume());

        runner(write(Map.of("V0001__Things.cypher", "CREATE (:Ran {version: 1});"))).migrate();

        assertEquals(List.of("0001"), chain().stream().map(r -> r.get("version").asString()).toList());
        assertEquals(0, count("MATCH (l:__Neo4jMigrationsLock) RETURN count(l) AS n"));
    }

    /** The applied versions, following MIGRATED_TO from BASELINE. */
    private List<Record> chain() {
        return db.read(tx -> tx.run("""
                MATCH path = (:__Neo4jMigration {version: 'BASELINE'})-[steps:MIGRATED_TO*]->(m:__Neo4jMigration)
                WITH m, last(steps) AS step, length(path) AS position
                RETURN m.version AS version, m.source AS source, m.checksum AS checksum, step.at AS at,
                       step.connectedAs AS connectedAs
                ORDER BY position""").list());
    }

    private static SchemaMigrations runner(List<URL> files) {
        return new SchemaMigrations(db, files, List.of());
    }

    private List<URL> write(Map<String, String> texts) {
        List<URL> result = new ArrayList<>();
        try {
            Path folder = Files.createTempDirectory(files, "chain");
            for (var file : texts.entrySet()) {
                result.add(Files.writeString(folder.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8).toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
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

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
