package io.liaison.neo4j;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.neo4j.driver.Values;
import org.neo4j.driver.exceptions.ClientException;

/**
 * Applies the versioned Cypher files of {@code cypher/schema/} in order, once each, in the spirit of
 * neo4j-migrations: applied files are recorded in the graph with their checksum and never edited,
 * and a lock node (guarded by a uniqueness constraint) stops two instances migrating at once.
 */
@ApplicationScoped
public class SchemaMigrations {

    /**
     * The applied chain, in order. A test checks that this list and the files in cypher/schema agree,
     * because a packaged application cannot list a classpath folder reliably.
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

    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class);
    private static final Duration STALE_LOCK = Duration.ofMinutes(5);
    private static final Duration LOCK_WAIT = Duration.ofMinutes(2);

    private static final String CREATE_LOCK_CONSTRAINT = """
            CREATE CONSTRAINT liaison_migration_lock IF NOT EXISTS
            FOR (l:LiaisonMigrationLock) REQUIRE l.name IS UNIQUE""";
    private static final String CREATE_MIGRATION_CONSTRAINT = """
            CREATE CONSTRAINT liaison_migration_version IF NOT EXISTS
            FOR (m:LiaisonMigration) REQUIRE m.version IS UNIQUE""";
    private static final String TAKE_LOCK = """
            CREATE (:LiaisonMigrationLock {name: 'schema', owner: $owner, lockedAt: datetime()})""";
    private static final String BREAK_STALE_LOCK = """
            MATCH (l:LiaisonMigrationLock {name: 'schema'})
            WHERE l.lockedAt < datetime() - duration($staleAfter)
            DELETE l""";
    private static final String RELEASE_LOCK = """
            MATCH (l:LiaisonMigrationLock {name: 'schema', owner: $owner}) DELETE l""";
    private static final String APPLIED_MIGRATIONS = """
            MATCH (m:LiaisonMigration) RETURN m.version AS version, m.checksum AS checksum""";
    private static final String RECORD_MIGRATION = """
            OPTIONAL MATCH (previous:LiaisonMigration) WHERE NOT (previous)-[:NEXT]->()
            CREATE (m:LiaisonMigration {version: $version, checksum: $checksum, appliedAt: datetime()})
            FOREACH (p IN CASE WHEN previous IS NULL THEN [] ELSE [previous] END | CREATE (p)-[:NEXT]->(m))""";

    private final GraphDatabase db;
    private final List<String> migrations;
    private final Function<String, String> loader;

    @Inject
    public SchemaMigrations(GraphDatabase db) {
        this(db, MIGRATIONS, SchemaMigrations::loadFromClasspath);
    }

    /** A chain of files and where their text comes from; tests pass their own. */
    SchemaMigrations(GraphDatabase db, List<String> migrations, Function<String, String> loader) {
        this.db = db;
        this.migrations = List.copyOf(migrations);
        this.loader = loader;
    }

    /** Applies what is missing; {@link DatabaseReadiness} calls it at start-up, in either mode. */
    public void migrate() {
        runSchemaStatement(CREATE_LOCK_CONSTRAINT);
        runSchemaStatement(CREATE_MIGRATION_CONSTRAINT);
        String owner = Ids.newId();
        acquireLock(owner);
        try {
            Map<String, String> applied = db.read(tx -> {
                var result = new HashMap<String, String>();
                tx.run(APPLIED_MIGRATIONS).forEachRemaining(r -> result.put(r.get("version").asString(), r.get("checksum").asString()));
                return result;
            });
            for (String file : migrations) {
                String text = loader.apply(file);
                String checksum = sha256(text);
                String version = file.substring(0, file.indexOf("__"));
                String known = applied.get(version);
                if (known != null) {
                    if (!known.equals(checksum)) {
                        throw new IllegalStateException("Schema migration " + file
                                + " was edited after it was applied; add a new migration instead");
                    }
                    continue;
                }
                for (String statement : statements(text)) {
                    runSchemaStatement(statement);
                }
                db.write(tx -> tx.run(RECORD_MIGRATION, Values.parameters("version", version, "checksum", checksum)).consume());
                LOG.infof("Applied schema migration %s", file);
            }
        } finally {
            releaseLock(owner);
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

    static List<String> statements(String text) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("//") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                result.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            result.add(current.toString().strip());
        }
        return result;
    }

    private static String loadFromClasspath(String file) {
        try (InputStream in = SchemaMigrations.class.getClassLoader().getResourceAsStream("cypher/schema/" + file)) {
            if (in == null) {
                throw new IllegalStateException("Missing schema migration cypher/schema/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read schema migration " + file, e);
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
