package io.liaison.neo4j;

import ac.simons.neo4j.migrations.core.CypherResource;
import ac.simons.neo4j.migrations.core.JavaBasedMigration;
import ac.simons.neo4j.migrations.core.MigrationVersion;
import ac.simons.neo4j.migrations.core.MigrationsConfig;
import ac.simons.neo4j.migrations.core.MigrationsException;
import ac.simons.neo4j.migrations.core.ResourceContext;
import java.net.URL;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.schema.ConstraintCreator;
import org.neo4j.graphdb.schema.IndexCreator;
import org.neo4j.graphdb.schema.IndexDefinition;
import org.neo4j.graphdb.schema.IndexType;

/**
 * The two starts of an embedded store that need no Cypher: a store that is already at the release's
 * schema, and a new, empty store.
 *
 * <p>Why: the first Cypher statement of a JVM loads and compiles Neo4j's Cypher stack (seconds of CPU
 * on 2 cores), and neo4j-migrations runs some 80 statements to apply or merely check the chain. Done
 * through Neo4j's Java API instead, the start reaches ready before any Cypher has run, and
 * {@link PlanWarmUp} warms the stack afterwards, in the background.
 *
 * <p>What it writes is what neo4j-migrations reads back as its own ({@code SchemaChainInProcessTest}
 * compares the two stores): the same constraints and indexes, and the same {@code __Neo4jMigration}
 * nodes (version, description, type, repeatable, source and checksum) in a MIGRATED_TO chain, so a
 * later release's neo4j-migrations continues it. Not the same: MIGRATED_TO records one time for all
 * steps, the schema's duration on the first, and {@code connectedAs: 'in process'} for the user; and
 * neo4j-migrations' own constraint and index on its history and Liaison's lock constraint are left to
 * the first run of the migrators, which makes them.
 *
 * <p>Anything it does not recognise leaves the start to neo4j-migrations: a store with data or schema
 * of its own, a statement other than the forms below, a Java migration that is not a
 * {@link DataOnlyMigration}. On an empty graph a statement that only matches and changes what it
 * matched changes nothing, and neither does a data-only Java migration, so both are recorded as
 * applied without running.
 */
final class SchemaChainInProcess {

    private static final Label MIGRATION = Label.label("__Neo4jMigration");
    private static final Label LEGACY_MIGRATION = Label.label("LiaisonMigration");
    private static final RelationshipType MIGRATED_TO = RelationshipType.withName("MIGRATED_TO");
    private static final String BASELINE = "BASELINE";
    private static final Duration INDEXES_ONLINE_WITHIN = Duration.ofMinutes(2);

    private static final String NAME = "([A-Za-z_][A-Za-z0-9_]*)";
    private static final String LABELLED_NODE = "FOR \\(" + NAME + ":" + NAME + "\\)";
    private static final Pattern UNIQUE_CONSTRAINT = Pattern.compile(
            "CREATE CONSTRAINT " + NAME + " IF NOT EXISTS " + LABELLED_NODE + " REQUIRE (.+) IS UNIQUE", Pattern.CASE_INSENSITIVE);
    private static final Pattern RANGE_INDEX = Pattern.compile(
            "CREATE INDEX " + NAME + " IF NOT EXISTS " + LABELLED_NODE + " ON \\((.+)\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DROP = Pattern.compile("DROP (INDEX|CONSTRAINT) " + NAME + " IF EXISTS", Pattern.CASE_INSENSITIVE);
    private static final Pattern MATCH_ONLY = Pattern.compile("MATCH\\b.*", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    /**
     * Clauses that can make something out of nothing (or read elsewhere), so a statement with one is not a
     * no-op on an empty graph: {@code MATCH (n) WITH count(n) AS c CREATE ...} writes even then.
     */
    private static final Pattern MAKES_DATA = Pattern.compile("\\b(CREATE|MERGE|INSERT|CALL|FOREACH|LOAD|OPTIONAL|UNION|USE)\\b",
            Pattern.CASE_INSENSITIVE);
    /** neo4j-migrations' preconditions ({@code // assume ...}, {@code // assert ...}) decide whether a file runs: left to it. */
    private static final Pattern PRECONDITION = Pattern.compile("^\\s*//\\s*(assume|assert)\\b.*", Pattern.CASE_INSENSITIVE);

    /** A constraint or index as the files leave it, by name. */
    record SchemaRule(String name, boolean unique, String label, List<String> properties) {
    }

    /** One migration of the chain, as neo4j-migrations records it. */
    record Step(String version, String description, String type, String source, String checksum) {
    }

    /**
     * The release's chain, read from its files: the steps to record (and to compare a store's chain with),
     * and the schema the files leave, empty when a statement or migration needs neo4j-migrations to run it.
     */
    record Plan(Optional<List<SchemaRule>> rules, List<Step> steps) {
    }

    private final GraphDatabaseService database;
    private final String installedBy;

    SchemaChainInProcess(GraphDatabaseService database, String installedBy) {
        this.database = database;
        this.installedBy = installedBy;
    }

    /**
     * The chain of these files and Java migrations, read as neo4j-migrations reads them with {@code config}
     * (its statement splitting, checksums, versions), or empty when neo4j-migrations would not take it as a
     * plain chain (a repeatable migration, a duplicate version, a name it cannot parse).
     */
    static Optional<Plan> plan(List<URL> files, List<JavaBasedMigration> javaMigrations, MigrationsConfig config) {
        Map<String, SchemaRule> rules = new LinkedHashMap<>();
        boolean recognised = true;
        List<Step> steps = new ArrayList<>();
        try {
            for (URL file : files) {
                CypherResource resource = CypherResource.of(ResourceContext.of(file, config));
                String name = resource.getIdentifier();
                if (!name.startsWith("V")) {
                    return Optional.empty();
                }
                for (String statement : resource.getExecutableStatements()) {
                    recognised = recognised && replay(statement, rules);
                }
                steps.add(new Step(MigrationVersion.parse(name).getValue(), description(name), "CYPHER", name, resource.getChecksum()));
            }
        } catch (MigrationsException unparsable) {
            return Optional.empty();
        }
        for (JavaBasedMigration migration : javaMigrations) {
            if (migration.isRepeatable()) {
                return Optional.empty();
            }
            recognised = recognised && migration instanceof DataOnlyMigration;
            steps.add(new Step(migration.getVersion().getValue(), migration.getOptionalDescription().orElse(null), "JAVA",
                    migration.getSource(), migration.getChecksum().orElse(null)));
        }
        // neo4j-migrations' default order (LEXICOGRAPHIC): the versions' values compared as strings.
        steps.sort(Comparator.comparing(Step::version));
        if (steps.stream().map(Step::version).distinct().count() != steps.size()) {
            return Optional.empty();
        }
        return Optional.of(new Plan(recognised ? Optional.of(List.copyOf(rules.values())) : Optional.empty(), List.copyOf(steps)));
    }

    /** Applies one statement to the rules so far; false when it is none of the recognised forms. */
    static boolean replay(String statement, Map<String, SchemaRule> rules) {
        if (statement.lines().anyMatch(line -> PRECONDITION.matcher(line).matches())) {
            return false;
        }
        String text = statement.lines().filter(line -> !line.strip().startsWith("//")).collect(Collectors.joining(" "))
                .strip().replaceAll("\\s+", " ").replaceAll(";$", "");
        Matcher unique = UNIQUE_CONSTRAINT.matcher(text);
        if (unique.matches()) {
            return create(unique, true, rules);
        }
        Matcher index = RANGE_INDEX.matcher(text);
        if (index.matches()) {
            return create(index, false, rules);
        }
        Matcher matcher;
        if ((matcher = DROP.matcher(text)).matches()) {
            SchemaRule dropped = rules.get(matcher.group(2));
            if (dropped != null && dropped.unique() != matcher.group(1).equalsIgnoreCase("CONSTRAINT")) {
                return false;
            }
            rules.remove(matcher.group(2));
            return true;
        }
        // A quote left open at a line's end is a string across lines, whose "//" lines are not comments.
        boolean stringAcrossLines = statement.lines().filter(line -> !line.strip().startsWith("//"))
                .anyMatch(line -> line.chars().filter(c -> c == '\'' || c == '"').count() % 2 != 0);
        return !stringAcrossLines && MATCH_ONLY.matcher(text).matches() && !MAKES_DATA.matcher(text).find();
    }

    /** A create that finds its name taken leaves the rule as it is, as IF NOT EXISTS does. */
    private static boolean create(Matcher statement, boolean unique, Map<String, SchemaRule> rules) {
        String name = statement.group(1);
        Optional<List<String>> properties = properties(statement.group(2), statement.group(4));
        properties.ifPresent(p -> rules.putIfAbsent(name, new SchemaRule(name, unique, statement.group(3), p)));
        return properties.isPresent();
    }

    /** {@code n.a} or {@code (n.a, n.b)} of variable {@code n}: the property names, in order. */
    private static Optional<List<String>> properties(String variable, String text) {
        String list = text.startsWith("(") && text.endsWith(")") ? text.substring(1, text.length() - 1) : text;
        List<String> properties = new ArrayList<>();
        for (String item : list.split(",")) {
            String[] parts = item.strip().split("\\.");
            if (parts.length != 2 || !parts[0].equals(variable) || !parts[1].matches(NAME)) {
                return Optional.empty();
            }
            properties.add(parts[1]);
        }
        return Optional.of(properties);
    }

    /**
     * True when the store's chain is exactly {@code steps}, with the same checksums, and no history of an
     * earlier runner waits to be adopted: then neo4j-migrations would apply nothing.
     */
    boolean isAt(List<Step> steps) {
        try (Transaction tx = database.beginTx()) {
            if (tx.findNodes(LEGACY_MIGRATION).stream().findAny().isPresent()) {
                return false;
            }
            List<Node> baselines = tx.findNodes(MIGRATION, "version", BASELINE).stream()
                    .filter(n -> !n.hasProperty("migrationTarget")).toList();
            if (baselines.size() != 1) {
                return false;
            }
            Node at = baselines.get(0);
            for (Step step : steps) {
                List<Relationship> next = at.getRelationships(Direction.OUTGOING, MIGRATED_TO).stream().toList();
                if (next.size() != 1) {
                    return false;
                }
                at = next.get(0).getEndNode();
                if (!step.version().equals(at.getProperty("version", null))
                        || !Objects.equals(step.checksum(), at.getProperty("checksum", null))) {
                    return false;
                }
            }
            return !at.getRelationships(Direction.OUTGOING, MIGRATED_TO).iterator().hasNext();
        }
    }

    /**
     * Applies the plan to a new store: false, and nothing written, when the store has any node, any
     * constraint or any index besides Neo4j's own token lookups.
     */
    boolean applyToEmptyStore(Plan plan) {
        if (plan.rules().isEmpty() || !isEmpty()) {
            return false;
        }
        long began = System.nanoTime();
        try (Transaction tx = database.beginTx()) {
            for (SchemaRule rule : plan.rules().get()) {
                if (rule.unique()) {
                    ConstraintCreator creator = tx.schema().constraintFor(Label.label(rule.label()));
                    for (String property : rule.properties()) {
                        creator = creator.assertPropertyIsUnique(property);
                    }
                    creator.withName(rule.name()).create();
                } else {
                    IndexCreator creator = tx.schema().indexFor(Label.label(rule.label()));
                    for (String property : rule.properties()) {
                        creator = creator.on(property);
                    }
                    creator.withIndexType(IndexType.RANGE).withName(rule.name()).create();
                }
            }
            tx.commit();
        } catch (RuntimeException refused) {
            // Two rules the same but for their names, say: IF NOT EXISTS lets neo4j-migrations' run pass, so
            // it gets the store, still empty (the schema transaction rolled back).
            return false;
        }
        try (Transaction tx = database.beginTx()) {
            tx.schema().awaitIndexesOnline(INDEXES_ONLINE_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        try (Transaction tx = database.beginTx()) {
            try (ResourceIterator<Node> nodes = tx.getAllNodes().iterator()) {
                if (nodes.hasNext()) {
                    // Written meanwhile (the embedded Bolt port is open): its data-only migrations must run.
                    return false;
                }
            }
            Node previous = tx.createNode(MIGRATION);
            previous.setProperty("version", BASELINE);
            ZonedDateTime now = ZonedDateTime.now(ZoneId.of("UTC"));
            for (Step step : plan.steps()) {
                Node applied = tx.createNode(MIGRATION);
                applied.setProperty("version", step.version());
                if (step.description() != null) {
                    applied.setProperty("description", step.description());
                }
                applied.setProperty("type", step.type());
                applied.setProperty("repeatable", false);
                applied.setProperty("source", step.source());
                if (step.checksum() != null) {
                    applied.setProperty("checksum", step.checksum());
                }
                Relationship migratedTo = previous.createRelationshipTo(applied, MIGRATED_TO);
                migratedTo.setProperty("at", now);
                // The schema of all steps was made at once: its time is recorded on the first.
                migratedTo.setProperty("in", step == plan.steps().get(0) ? took : Duration.ZERO);
                migratedTo.setProperty("by", installedBy);
                migratedTo.setProperty("connectedAs", "in process");
                previous = applied;
            }
            tx.commit();
        }
        return true;
    }

    private boolean isEmpty() {
        try (Transaction tx = database.beginTx()) {
            try (ResourceIterator<Node> nodes = tx.getAllNodes().iterator()) {
                if (nodes.hasNext()) {
                    return false;
                }
            }
            if (tx.schema().getConstraints().iterator().hasNext()) {
                return false;
            }
            for (IndexDefinition index : tx.schema().getIndexes()) {
                if (index.getIndexType() != IndexType.LOOKUP) {
                    return false;
                }
            }
            return true;
        }
    }

    /** "V0001__Core_constraints.cypher" is described as "Core constraints", as neo4j-migrations reads it. */
    static String description(String fileName) {
        String rest = fileName.substring(fileName.indexOf("__") + 2);
        int dot = rest.lastIndexOf('.');
        return (dot < 0 ? rest : rest.substring(0, dot)).replace('_', ' ').strip();
    }
}
