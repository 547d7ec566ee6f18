package io.liaison.neo4j;

import ac.simons.neo4j.migrations.core.JavaBasedMigration;
import ac.simons.neo4j.migrations.core.MigrationChain;
import ac.simons.neo4j.migrations.core.Migrations;
import ac.simons.neo4j.migrations.core.MigrationsConfig;
import ac.simons.neo4j.migrations.core.MigrationsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.neo4j.driver.Values;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Applies the versioned Cypher files of {@code cypher/schema/} in order, once each, with
 * neo4j-migrations: it records each applied file in the graph ({@code __Neo4jMigration} nodes in a
 * MIGRATED_TO chain from BASELINE, with its checksum) and refuses a file edited after it was applied.
 *
 * <p>On an embedded store that is new and empty, or already at this release's chain, neither
 * neo4j-migrations nor any other Cypher runs: {@link SchemaChainInProcess} applies or checks the chain
 * through Neo4j's Java API and writes the history neo4j-migrations reads as its own, because the first Cypher of a
 * JVM costs seconds of a start's CPU (docs/operations/reliability.md, start time).
 *
 * <p>Two things stay Liaison's own, each for a reason neo4j-migrations 2.17 leaves open:
 * <ul>
 * <li>The lock. neo4j-migrations' lock node fails a second instance at once and carries no time, so a
 * run killed half-way leaves a lock that stops every later start until someone deletes it. Instances
 * starting together (a rolling deploy, a scaled service) therefore first take Liaison's lock, which
 * waits up to {@link #LOCK_WAIT} and is broken after {@link #STALE_LOCK}; whoever holds it is the only
 * migrator, so a neo4j-migrations lock found then is a crashed run's residue and is removed.</li>
 * <li>The history of releases before neo4j-migrations ({@code LiaisonMigration} nodes in a NEXT chain,
 * SHA-256 checksums): adopted once, in one transaction, as neo4j-migrations' own chain with the
 * original times, after checking that every applied file is unchanged; nothing is applied again.</li>
 * </ul>
 */
@ApplicationScoped
public class SchemaMigrations {

    /**
     * The chain, in order. A test checks that this list and the files in cypher/schema agree, because a
     * packaged application cannot list a classpath folder reliably: neo4j-migrations is handed these
     * files instead of scanning for them.
     */
    public static final List<String> MIGRATIONS = List.of(
            "V0001__Core_constraints.cypher",
            "V0002__Associations_and_objects.cypher",
            "V0003__Custom_object_records.cypher",
            "V0004__Contact_search_fields.cypher",
            "V0005__Events.cypher",
            "V0006__Idempotency_keys_and_import_jobs.cypher",
            "V0007__New_event_order.cypher",
            "V0008__Idempotency_answer_bounds.cypher",
            "V0009__Fair_event_queues.cypher");

    /** Who applied a migration, as recorded on its MIGRATED_TO relationship. */
    static final String INSTALLED_BY = "liaison";

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class);
    private static final Duration STALE_LOCK = Duration.ofMinutes(5);
    private static final Duration LOCK_WAIT = Duration.ofMinutes(2);

    private static final String CREATE_LOCK_CONSTRAINT = """
            CREATE CONSTRAINT liaison_migration_lock IF NOT EXISTS
            FOR (l:LiaisonMigrationLock) REQUIRE l.name IS UNIQUE""";
    private static final String TAKE_LOCK = """
            CREATE (:LiaisonMigrationLock {name: 'schema', owner: $owner, lockedAt: datetime()})""";
    private static final String BREAK_STALE_LOCK = """
            MATCH (l:LiaisonMigrationLock {name: 'schema'})
            WHERE l.lockedAt < datetime() - duration($staleAfter)
            DELETE l""";
    private static final String RELEASE_LOCK = """
            MATCH (l:LiaisonMigrationLock {name: 'schema', owner: $owner}) DELETE l""";
    private static final String REMOVE_RESIDUE_LOCKS = """
            MATCH (l:__Neo4jMigrationsLock) DELETE l RETURN count(l) AS removed""";

    private static final String LEGACY_HISTORY = """
            MATCH (m:LiaisonMigration)
            RETURN m.version AS version, m.checksum AS checksum, m.appliedAt AS appliedAt
            ORDER BY m.version""";
    private static final String HISTORY_EXISTS = """
            RETURN EXISTS { MATCH (:__Neo4jMigration) } AS exists""";
    /** The chain as neo4j-migrations writes it: BASELINE, then one node per version, MIGRATED_TO in order. */
    private static final String CREATE_BASELINE = "CREATE (:__Neo4jMigration {version: 'BASELINE'})";
    private static final String ADOPT_ONE = """
            MATCH (previous:__Neo4jMigration {version: $previous})
            CREATE (previous)-[:MIGRATED_TO {at: $appliedAt, in: duration({milliseconds: 0}), by: $installedBy,
                    connectedAs: 'adopted from LiaisonMigration'}]->
                   (:__Neo4jMigration {version: $version, description: $description, type: $type, source: $source,
                    checksum: $checksum})""";
    private static final String REMOVE_LEGACY_HISTORY = "MATCH (old:LiaisonMigration) DETACH DELETE old";
    private static final String DROP_LEGACY_CONSTRAINT = "DROP CONSTRAINT liaison_migration_version IF EXISTS";

    private final GraphDatabase db;
    /** The files, in order, by name; the name is what neo4j-migrations reads version and description from. */
    private final List<URL> files;
    /**
     * Migrations that need a feature's code (contact phones in E.164 need libphonenumber): beans of the
     * features, which this package may not name, placed in the chain by their version.
     */
    private final List<JavaBasedMigration> javaMigrations;

    @Inject
    public SchemaMigrations(GraphDatabase db, Instance<JavaBasedMigration> javaMigrations) {
        this(db, fromClasspath(MIGRATIONS), javaMigrations.stream().toList());
    }

    /** The Cypher files alone, for tools that make a store of their own (the benchmark). */
    public SchemaMigrations(GraphDatabase db) {
        this(db, List.of());
    }

    /** The Cypher files and these migrations, outside CDI (tests of a feature's migration). */
    public SchemaMigrations(GraphDatabase db, List<JavaBasedMigration> javaMigrations) {
        this(db, fromClasspath(MIGRATIONS), javaMigrations);
    }

    /** A chain of one's own; tests pass theirs. */
    SchemaMigrations(GraphDatabase db, List<URL> files, List<JavaBasedMigration> javaMigrations) {
        this.db = db;
        this.files = List.copyOf(files);
        this.javaMigrations = List.copyOf(javaMigrations);
    }

    /** Applies what is missing; {@link DatabaseReadiness} calls it at start-up, in either mode. */
    public void migrate() {
        if (migratedWithoutCypher()) {
            return;
        }
        runSchemaStatement(CREATE_LOCK_CONSTRAINT);
        String owner = Ids.newId();
        acquireLock(owner);
        try {
            Migrations migrations = new Migrations(config(), db.driver());
            adoptLegacyHistory(migrations);
            removeResidueLocks();
            try {
                migrations.apply().ifPresent(version -> LOG.infof("The schema is at version %s", version.getValue()));
            } catch (MigrationsException e) {
                // Keep the old runner's wording for the case an operator can act on: a file edited after it was applied.
                if (String.valueOf(e.getMessage()).contains("hecksum")) {
                    throw new IllegalStateException("A schema migration was edited after it was applied; add a new migration instead ("
                            + e.getMessage() + ")", e);
                }
                throw e;
            }
        } finally {
            releaseLock(owner);
        }
    }

    /**
     * An embedded store already at this release's chain, or a new and empty one, needs no Cypher to start
     * (see {@link SchemaChainInProcess}): checked, or applied, through Neo4j's Java API. True when done so.
     */
    private boolean migratedWithoutCypher() {
        Optional<GraphDatabaseService> local = db.inProcessDatabase();
        if (local.isEmpty()) {
            return false;
        }
        Optional<SchemaChainInProcess.Plan> plan = SchemaChainInProcess.plan(files, javaMigrations, config());
        if (plan.isEmpty()) {
            return false;
        }
        SchemaChainInProcess chain = new SchemaChainInProcess(local.get(), INSTALLED_BY);
        List<SchemaChainInProcess.Step> steps = plan.get().steps();
        String version = steps.isEmpty() ? "BASELINE" : steps.get(steps.size() - 1).version();
        if (chain.isAt(steps)) {
            LOG.infof("The schema is at version %s", version);
            return true;
        }
        if (chain.applyToEmptyStore(plan.get())) {
            LOG.infof("The schema is at version %s (a new store: applied through Neo4j's Java API)", version);
            return true;
        }
        return false;
    }

    /** Package-private for the timing tool, which takes neo4j-migrations' steps apart. */
    MigrationsConfig config() {
        MigrationsConfig.Builder builder = MigrationsConfig.builder()
                .withLocationsToScan("classpath:cypher/schema")
                // No scanning: the files are named (see MIGRATIONS); neo4j-migrations' scanner walks the class path.
                .withResourceScanner(locations -> files)
                .withPackagesToScan()
                .withMigrationClassesDiscoverer(context -> javaMigrations)
                .withInstalledBy(INSTALLED_BY)
                .withTransactionMode(MigrationsConfig.TransactionMode.PER_STATEMENT);
        db.sessionConfig().database().ifPresent(builder::withDatabase);
        return builder.build();
    }

    /**
     * A store made by a release before neo4j-migrations: its history becomes neo4j-migrations' chain,
     * once, in one transaction, so nothing is applied again and the times of application are kept.
     * Every recorded file must still be the same text (its SHA-256), as the old runner demanded.
     */
    private void adoptLegacyHistory(Migrations migrations) {
        List<Map<String, Object>> legacy = db.read(tx -> tx.run(LEGACY_HISTORY).list(r -> r.asMap()));
        if (legacy.isEmpty()) {
            return;
        }
        if (db.read(tx -> tx.run(HISTORY_EXISTS).single().get("exists").asBoolean())) {
            throw new IllegalStateException("The store has both a LiaisonMigration history and a neo4j-migrations history "
                    + "(a release before 0.2 was started on it after a newer one); remove the LiaisonMigration nodes once the "
                    + "schema is checked");
        }
        Map<String, MigrationChain.Element> local = new LinkedHashMap<>();
        for (MigrationChain.Element element : migrations.info(MigrationChain.ChainBuilderMode.LOCAL).getElements()) {
            local.put(legacyVersion(element.getSource()), element);
        }
        Map<String, URL> filesByVersion = new LinkedHashMap<>();
        for (URL file : files) {
            filesByVersion.put(legacyVersion(fileName(file)), file);
        }
        List<Map<String, Object>> adopted = new ArrayList<>();
        for (Map<String, Object> applied : legacy) {
            String version = (String) applied.get("version");
            MigrationChain.Element element = local.get(version);
            URL file = filesByVersion.get(version);
            if (element == null || file == null) {
                throw new IllegalStateException("Schema migration " + version + " was applied to this store but is not in this release");
            }
            if (!sha256(read(file)).equals(applied.get("checksum"))) {
                throw new IllegalStateException("Schema migration " + element.getSource()
                        + " was edited after it was applied; add a new migration instead");
            }
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("version", element.getVersion());
            node.put("description", element.getOptionalDescription().orElse(null));
            node.put("type", element.getType().name());
            node.put("source", element.getSource());
            node.put("checksum", element.getChecksum().orElse(null));
            node.put("appliedAt", applied.get("appliedAt"));
            adopted.add(node);
        }
        db.write(tx -> {
            tx.run(CREATE_BASELINE).consume();
            String previous = "BASELINE";
            for (Map<String, Object> migration : adopted) {
                Map<String, Object> parameters = new LinkedHashMap<>(migration);
                parameters.put("previous", previous);
                parameters.put("installedBy", INSTALLED_BY);
                tx.run(ADOPT_ONE, parameters).consume();
                previous = (String) migration.get("version");
            }
            tx.run(REMOVE_LEGACY_HISTORY).consume();
            return null;
        });
        int count = adopted.size();
        runSchemaStatement(DROP_LEGACY_CONSTRAINT);
        LOG.infof("Adopted the schema history of %d migrations applied by an earlier release; none is applied again", count);
    }

    /** "V0001__Core_constraints.cypher" is V0001 in the old runner's history. */
    private static String legacyVersion(String fileName) {
        int end = fileName.indexOf("__");
        return end < 0 ? fileName : fileName.substring(0, end);
    }

    private static String fileName(URL file) {
        String path = file.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Only the holder of Liaison's lock migrates, so a neo4j-migrations lock now is left from a run that died. */
    private void removeResidueLocks() {
        long removed = db.write(tx -> tx.run(REMOVE_RESIDUE_LOCKS).single().get("removed").asLong());
        if (removed > 0) {
            LOG.warnf("Removed %d schema migration lock(s) left by a run that did not finish", removed);
        }
    }

    private void releaseLock(String owner) {
        try {
            db.write(tx -> tx.run(RELEASE_LOCK, Values.parameters("owner", owner)).consume());
        } catch (RuntimeException e) {
            // Keep the failure that got us here; a lock left behind goes stale after STALE_LOCK.
            LOG.warnf("Could not release the schema migration lock: %s", e.getMessage());
        }
    }

    private void acquireLock(String owner) {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
            try {
                db.write(tx -> tx.run(TAKE_LOCK, Values.parameters("owner", owner)).consume());
                return;
            } catch (ClientException held) {
                if (!Neo4jErrors.isConstraintViolation(held)) {
                    throw held;
                }
                db.write(tx -> tx.run(BREAK_STALE_LOCK, Values.parameters("staleAfter", STALE_LOCK.toString())).consume());
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Another instance holds the schema migration lock", held);
                }
                sleep();
            }
        }
    }

    /** Schema commands cannot share a transaction with data writes, so each runs on its own. */
    private void runSchemaStatement(String statement) {
        try (var session = db.driver().session(db.sessionConfig())) {
            session.executeWrite(tx -> tx.run(statement).consume());
        } catch (ClientException e) {
            // Two instances creating the same constraint at once: the loser sees an equivalent rule.
            if (!Neo4jCodes.is(e, Neo4jCodes.EQUIVALENT_SCHEMA_RULE_ALREADY_EXISTS)) {
                throw e;
            }
        }
    }

    private static List<URL> fromClasspath(List<String> names) {
        List<URL> result = new ArrayList<>();
        for (String name : names) {
            URL file = SchemaMigrations.class.getClassLoader().getResource("cypher/schema/" + name);
            if (file == null) {
                throw new IllegalStateException("Missing schema migration cypher/schema/" + name);
            }
            result.add(file);
        }
        return result;
    }

    private static String read(URL file) {
        try (InputStream in = file.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read schema migration " + file, e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the schema lock", e);
        }
    }
}
