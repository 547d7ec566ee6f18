package io.liaison.neo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ac.simons.neo4j.migrations.core.JavaBasedMigration;
import ac.simons.neo4j.migrations.core.MigrationContext;
import ac.simons.neo4j.migrations.core.MigrationVersion;
import ac.simons.neo4j.migrations.core.MigrationsConfig;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;

/**
 * The start of an embedded store without Cypher ({@link SchemaChainInProcess}) against neo4j-migrations
 * itself: on a real embedded Neo4j, the release's chain applied the usual way (over Bolt) and applied to
 * a new store through the Java API must leave the same schema and the same recorded chain, and
 * neo4j-migrations must take the latter as its own.
 */
class SchemaChainInProcessTest {

    @Nested
    class ReadingTheFiles {

        @Test
        void theReleasedChainIsRecognisedWholeWithItsSchemaRules() {
            var plan = SchemaChainInProcess.plan(files(), List.of(new DataOnly()), CONFIG).orElseThrow();

            assertEquals(SchemaMigrations.MIGRATIONS.size() + 1, plan.steps().size());
            assertEquals("0010", plan.steps().get(plan.steps().size() - 1).version());
            var names = plan.rules().orElseThrow().stream().map(SchemaChainInProcess.SchemaRule::name).toList();
            assertTrue(names.containsAll(List.of("location_id", "contact_email_per_location", "new_event_location_id")), names.toString());
            assertFalse(names.contains("new_event_id"), "dropped by V0009");
            assertFalse(names.contains("webhook_delivery_due"), "dropped by V0009");
        }

        @Test
        void eachRecognisedFormBecomesItsRule() {
            Map<String, SchemaChainInProcess.SchemaRule> rules = new LinkedHashMap<>();
            assertTrue(SchemaChainInProcess.replay("// why\nCREATE CONSTRAINT a_id IF NOT EXISTS FOR (a:A) REQUIRE a.id IS UNIQUE", rules));
            assertTrue(SchemaChainInProcess.replay("CREATE CONSTRAINT a_pair IF NOT EXISTS\n  FOR (a:A) REQUIRE (a.x, a.y) IS UNIQUE;", rules));
            assertTrue(SchemaChainInProcess.replay("CREATE INDEX a_when IF NOT EXISTS FOR (a:A) ON (a.locationId, a.when)", rules));
            assertTrue(SchemaChainInProcess.replay("MATCH (a:A) WHERE a.x IS NULL SET a.x = 1", rules));

            assertEquals(List.of(
                    new SchemaChainInProcess.SchemaRule("a_id", true, "A", List.of("id")),
                    new SchemaChainInProcess.SchemaRule("a_pair", true, "A", List.of("x", "y")),
                    new SchemaChainInProcess.SchemaRule("a_when", false, "A", List.of("locationId", "when"))), List.copyOf(rules.values()));

            assertTrue(SchemaChainInProcess.replay("DROP INDEX a_when IF EXISTS", rules));
            assertFalse(rules.containsKey("a_when"));
            assertFalse(SchemaChainInProcess.replay("DROP INDEX a_id IF EXISTS", rules), "a constraint dropped as an index is not this class's to judge");
        }

        @Test
        void anyOtherFormLeavesTheStartToNeo4jMigrations() {
            for (String statement : List.of(
                    "CREATE CONSTRAINT k IF NOT EXISTS FOR (a:A) REQUIRE a.id IS NODE KEY",
                    "CREATE CONSTRAINT e IF NOT EXISTS FOR (a:A) REQUIRE a.id IS NOT NULL",
                    "CREATE CONSTRAINT u FOR (a:A) REQUIRE a.id IS UNIQUE",
                    "CREATE INDEX r IF NOT EXISTS FOR ()-[r:R]-() ON (r.at)",
                    "CREATE TEXT INDEX t IF NOT EXISTS FOR (a:A) ON (a.name)",
                    "CREATE FULLTEXT INDEX f IF NOT EXISTS FOR (a:A) ON EACH [a.name]",
                    "CREATE INDEX w IF NOT EXISTS FOR (a:A) ON (b.name)",
                    "MATCH (a:A) MERGE (b:B {id: a.id})",
                    "MATCH (a:A) CALL { CREATE (:B) }",
                    "OPTIONAL MATCH (a:A) SET a.x = 1",
                    "CREATE (:Seed {id: 1})",
                    "MATCH (n:X) WITH count(n) AS c INSERT (:Seed {id: 1})",
                    "MATCH (n:X) RETURN n UNION RETURN 1 AS n",
                    "// assume that RETURN false\nMATCH (a:A) SET a.x = 1",
                    "MATCH (a:A) SET a.x = 'one\n// not a comment' CREATE (:B)",
                    "UNWIND range(1, 3) AS i CREATE (:B {i: i})")) {
                assertFalse(SchemaChainInProcess.replay(statement, new HashMap<>()), statement);
            }
        }

        @Test
        void aJavaMigrationThatIsNotDataOnlyLeavesANewStoreToNeo4jMigrationsButNotTheCheckOfAnUpToDateOne() {
            var plan = SchemaChainInProcess.plan(files(), List.of(new NotMarked()), CONFIG).orElseThrow();

            assertTrue(plan.rules().isEmpty(), "a new store: neo4j-migrations must run the migration");
            assertEquals(SchemaMigrations.MIGRATIONS.size() + 1, plan.steps().size(), "a store at the chain can still be checked");
        }

        @Test
        void aChainNeo4jMigrationsWouldNotTakeAsPlainIsLeftToIt(@TempDir Path folder) throws IOException {
            Path repeatable = Files.writeString(folder.resolve("R0001__Always.cypher"), "MATCH (a:A) SET a.x = 1;");
            assertTrue(SchemaChainInProcess.plan(List.of(repeatable.toUri().toURL()), List.of(), CONFIG).isEmpty(), "repeatable");

            List<URL> released = new ArrayList<>(files());
            Path clash = Files.writeString(folder.resolve("V0010__Clash.cypher"), "MATCH (a:A) SET a.x = 1;");
            released.add(clash.toUri().toURL());
            assertTrue(SchemaChainInProcess.plan(released, List.of(new DataOnly()), CONFIG).isEmpty(), "two migrations at 0010");
        }

        @Test
        void descriptionsAreReadAsNeo4jMigrationsReadsThem() {
            assertEquals("Contact search fields", SchemaChainInProcess.description("V0004__Contact_search_fields.cypher"));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OnAnEmbeddedStore {

        private Path home;

        private EmbeddedNeo4j neo4j;
        private Driver driver;
        /** The usual way: every statement through the driver, neo4j-migrations applying the chain. */
        private GraphDatabase overBolt;
        /** The service's way on an embedded store: Neo4j's Java API available. */
        private GraphDatabase inProcess;

        @BeforeAll
        void startNeo4j() throws IOException {
            home = Files.createTempDirectory("liaison-schema-chain");
            neo4j = EmbeddedNeo4j.start(home, EmbeddedNeo4jTest.freePort(), "32m");
            driver = org.neo4j.driver.GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none());
            overBolt = new GraphDatabase(driver, "neo4j");
            inProcess = GraphDatabase.inProcess(driver, "neo4j", neo4j.boltPort());
        }

        @AfterAll
        void stopNeo4j() {
            driver.close();
            neo4j.close();
            deleteQuietly(home);
        }

        /** A new store: no node, no constraint, no index but Neo4j's token lookups. */
        @BeforeEach
        void emptyTheStore() {
            overBolt.write(tx -> tx.run("MATCH (n) DETACH DELETE n").consume());
            for (String constraint : overBolt.read(tx -> tx.run("SHOW CONSTRAINTS YIELD name").list(r -> r.get("name").asString()))) {
                overBolt.write(tx -> tx.run("DROP CONSTRAINT `" + constraint + "`").consume());
            }
            for (String index : overBolt.read(tx -> tx.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name")
                    .list(r -> r.get("name").asString()))) {
                overBolt.write(tx -> tx.run("DROP INDEX `" + index + "`").consume());
            }
        }

        @Test
        void aNewStoreGetsTheSameSchemaAndChainAsNeo4jMigrationsWouldGiveIt() {
            DataOnly usual = new DataOnly();
            new SchemaMigrations(overBolt, files(), List.of(usual)).migrate();
            Map<String, List<Map<String, Object>>> expected = snapshot();
            assertEquals(1, usual.applied.get(), "neo4j-migrations ran the Java migration");

            emptyTheStore();
            DataOnly recorded = new DataOnly();
            new SchemaMigrations(inProcess, files(), List.of(recorded)).migrate();

            assertEquals(0, recorded.applied.get(), "on an empty store a data-only migration is recorded, not run");
            assertFalse(neo4jMigrationsRan(), "no Cypher: neo4j-migrations did not run");
            Map<String, List<Map<String, Object>>> actual = snapshot();
            assertEquals(expected.get("constraints"), actual.get("constraints"));
            assertEquals(expected.get("indexes"), actual.get("indexes"));
            assertEquals(expected.get("chain"), actual.get("chain"));
        }

        @Test
        void neo4jMigrationsTakesTheChainAsItsOwnAndContinuesIt() throws IOException {
            new SchemaMigrations(inProcess, files(), List.of()).migrate();

            var usual = new SchemaMigrations(overBolt, files(), List.of());
            usual.migrate();
            assertEquals(SchemaMigrations.MIGRATIONS.size(), chainLength(), "nothing applied again");

            List<URL> next = new ArrayList<>(files());
            next.add(file("V0011__Next_release.cypher", "CREATE (:Ran {version: 11});"));
            new SchemaMigrations(overBolt, next, List.of()).migrate();
            assertEquals(SchemaMigrations.MIGRATIONS.size() + 1, chainLength());
            assertEquals(1L, count("MATCH (r:Ran) RETURN count(r) AS n"), "only the new migration ran");
        }

        @Test
        void aStoreAtTheChainStartsWithoutRunningNeo4jMigrations() {
            new SchemaMigrations(overBolt, files(), List.of()).migrate();
            overBolt.write(tx -> tx.run("DROP CONSTRAINT liaison_migration_lock").consume());

            new SchemaMigrations(inProcess, files(), List.of()).migrate();

            assertFalse(constraintNames().contains("liaison_migration_lock"), "the usual run would have made Liaison's lock constraint again");
            assertEquals(SchemaMigrations.MIGRATIONS.size(), chainLength());
        }

        @Test
        void aStoreBehindTheChainGetsTheRestFromNeo4jMigrations() throws IOException {
            List<URL> released = files();
            new SchemaMigrations(inProcess, released.subList(0, 3), List.of()).migrate();

            new SchemaMigrations(inProcess, released, List.of()).migrate();

            assertEquals(released.size(), chainLength());
            assertTrue(neo4jMigrationsRan());
            assertTrue(indexNames().contains("new_event_location_id"));
        }

        @Test
        void aStoreWithDataIsLeftToNeo4jMigrations() {
            overBolt.write(tx -> tx.run("CREATE (:Something)").consume());

            new SchemaMigrations(inProcess, files(), List.of()).migrate();

            assertTrue(neo4jMigrationsRan());
            assertEquals(SchemaMigrations.MIGRATIONS.size(), chainLength());
        }

        @Test
        void aFileEditedAfterItWasAppliedIsStillRefused() throws IOException {
            URL original = file("V0001__Things.cypher", "CREATE CONSTRAINT edited_id IF NOT EXISTS FOR (t:Edited) REQUIRE t.id IS UNIQUE;");
            new SchemaMigrations(inProcess, List.of(original), List.of()).migrate();

            URL edited = file("V0001__Things.cypher", "CREATE CONSTRAINT edited_id IF NOT EXISTS FOR (t:Edited) REQUIRE t.id IS UNIQUE;\n"
                    + "CREATE INDEX edited_name IF NOT EXISTS FOR (t:Edited) ON (t.name);");
            var refusal = assertThrows(IllegalStateException.class, () -> new SchemaMigrations(inProcess, List.of(edited), List.of()).migrate());

            assertTrue(refusal.getMessage().contains("edited"), refusal.getMessage());
            assertFalse(indexNames().contains("edited_name"));
        }

        private Map<String, List<Map<String, Object>>> snapshot() {
            Map<String, List<Map<String, Object>>> snapshot = new LinkedHashMap<>();
            // neo4j-migrations' and Liaison's lock rules serve a run of the migrators, which makes them when it runs.
            snapshot.put("constraints", overBolt.read(tx -> tx.run("""
                    SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties, ownedIndex
                    WHERE NOT any(l IN labelsOrTypes WHERE l STARTS WITH '__Neo4jMigration' OR l = 'LiaisonMigrationLock')
                    RETURN * ORDER BY name""").list(r -> r.asMap())));
            snapshot.put("indexes", overBolt.read(tx -> tx.run("""
                    SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, indexProvider, owningConstraint, state
                    WHERE NOT any(l IN coalesce(labelsOrTypes, []) WHERE l STARTS WITH '__Neo4jMigration' OR l = 'LiaisonMigrationLock')
                      AND NOT name ENDS WITH '__Neo4jMigration'
                    RETURN * ORDER BY name""").list(r -> r.asMap())));
            snapshot.put("chain", overBolt.read(tx -> tx.run("""
                    MATCH path = (:__Neo4jMigration {version: 'BASELINE'})-[steps:MIGRATED_TO*0..]->(m:__Neo4jMigration)
                    WITH m, last(steps) AS step, length(path) AS position
                    RETURN properties(m) AS migration, CASE WHEN step IS NULL THEN [] ELSE keys(step) END AS recorded,
                           step.by AS by, valueType(step.at) AS at, valueType(step.in) AS took
                    ORDER BY position""").list(r -> {
                        Map<String, Object> row = new LinkedHashMap<>(r.asMap());
                        row.put("recorded", r.get("recorded").asList(v -> v.asString()).stream().sorted().toList());
                        return row;
                    })));
            return snapshot;
        }

        private boolean neo4jMigrationsRan() {
            return constraintNames().stream().anyMatch(name -> name.contains("__Neo4jMigration"));
        }

        private long chainLength() {
            return count("MATCH (m:__Neo4jMigration) WHERE m.version <> 'BASELINE' RETURN count(m) AS n");
        }

        private long count(String query) {
            return overBolt.read(tx -> tx.run(query).single().get("n").asLong());
        }

        private List<String> constraintNames() {
            return overBolt.read(tx -> tx.run("SHOW CONSTRAINTS YIELD name").list(r -> r.get("name").asString()));
        }

        private List<String> indexNames() {
            return overBolt.read(tx -> tx.run("SHOW INDEXES YIELD name").list(r -> r.get("name").asString()));
        }

        private URL file(String name, String text) throws IOException {
            Path dir = Files.createTempDirectory(home, "chain");
            return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8).toUri().toURL();
        }
    }

    private static void deleteQuietly(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary folder: left for the system to clean.
        }
    }

    private static final MigrationsConfig CONFIG = MigrationsConfig.builder().build();

    private static List<URL> files() {
        List<URL> result = new ArrayList<>();
        for (String name : SchemaMigrations.MIGRATIONS) {
            result.add(SchemaChainInProcessTest.class.getClassLoader().getResource("cypher/schema/" + name));
        }
        return result;
    }

    /** A data-only Java migration at the release's version 0010, counting its runs. */
    static final class DataOnly implements DataOnlyMigration {
        final AtomicInteger applied = new AtomicInteger();

        @Override
        public MigrationVersion getVersion() {
            return MigrationVersion.withValue("0010");
        }

        @Override
        public Optional<String> getOptionalDescription() {
            return Optional.of("Data only");
        }

        @Override
        public void apply(MigrationContext context) {
            applied.incrementAndGet();
        }
    }

    /** A Java migration without the data-only mark: it may make schema, so it must run. */
    static final class NotMarked implements JavaBasedMigration {
        @Override
        public MigrationVersion getVersion() {
            return MigrationVersion.withValue("0010");
        }

        @Override
        public void apply(MigrationContext context) {
        }
    }
}
