package io.liaison.neo4j;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;

/**
 * What the schema step costs at start-up, the earlier hand-written runner ({@link LegacySchemaMigrations})
 * against neo4j-migrations ({@link SchemaMigrations}), in alternating rounds on one embedded Neo4j over
 * Bolt (as the service's start runs it): the whole chain on an empty store, and a start on a store that is
 * up to date (every start after the first). Wall time and the whole JVM's CPU time (the database runs in
 * this JVM), medians. Not a test: run by hand, numbers in docs/design/performance.md.
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
 * java -Xmx1g -cp target/classes:target/test-classes:$(cat target/bench.cp) io.liaison.neo4j.SchemaMigrationsTiming 5
 * </pre>
 */
public final class SchemaMigrationsTiming {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private SchemaMigrationsTiming() {
    }

    public static void main(String[] args) throws Exception {
        bench.OutsideQuarkus.main(args, SchemaMigrationsTiming::run);
    }

    private static void run(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path home = Files.createTempDirectory("schema-timing");
        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(home, EmbeddedNeo4jTest.freePort(), "64m");
                Driver driver = org.neo4j.driver.GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none())) {
            GraphDatabase db = new GraphDatabase(driver, "neo4j");
            List<Runnable> ways = List.of(() -> new LegacySchemaMigrations(db).migrate(), () -> new SchemaMigrations(db).migrate());
            List<String> names = List.of("hand-written", "neo4j-migrations");
            List<List<double[]>> fresh = List.of(new ArrayList<>(), new ArrayList<>());
            List<List<double[]>> upToDate = List.of(new ArrayList<>(), new ArrayList<>());
            for (int round = -1; round < rounds; round++) {
                for (int way = 0; way < ways.size(); way++) {
                    wipe(db);
                    double[] first = measure(ways.get(way));
                    // The run right after the first finds indexes still coming online; a start finds them long online.
                    ways.get(way).run();
                    double[] again = measure(ways.get(way));
                    if (round >= 0) {
                        fresh.get(way).add(first);
                        upToDate.get(way).add(again);
                    }
                }
            }
            wipe(db);
            new LegacySchemaMigrations(db).migrate();
            double[] adoption = measure(() -> new SchemaMigrations(db).migrate());
            // Where a start on an up-to-date store goes: neo4j-migrations' steps one by one, 5 times, medians.
            List<List<double[]>> steps = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            var config = new SchemaMigrations(db).config();
            for (int i = 0; i < 5; i++) {
                var migrations = new ac.simons.neo4j.migrations.core.Migrations(config, driver);
                steps.get(0).add(measure(migrations::getConnectionDetails));
                steps.get(1).add(measure(migrations::info));
                steps.get(2).add(measure(migrations::validate));
                steps.get(3).add(measure(migrations::apply));
            }
            List<String> stepNames = List.of("connection details (server version, user, database)", "info (the chain in the graph)",
                    "validate (the local files against it)", "apply (lock, its own constraints, chain, nothing to do)");
            for (int i = 0; i < steps.size(); i++) {
                System.out.printf(Locale.ROOT, "up-to-date step %s: %.0f ms wall, %.0f ms CPU%n", stepNames.get(i),
                        median(steps.get(i), 0), median(steps.get(i), 1));
            }
            System.out.printf(Locale.ROOT, "load average at the end: %.1f%n", OS.getSystemLoadAverage());
            System.out.println("| runner | empty store: wall ms | CPU ms | up-to-date store: wall ms | CPU ms |");
            System.out.println("|---|---:|---:|---:|---:|");
            for (int way = 0; way < ways.size(); way++) {
                System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f | %.0f |%n", names.get(way),
                        median(fresh.get(way), 0), median(fresh.get(way), 1), median(upToDate.get(way), 0), median(upToDate.get(way), 1));
            }
            System.out.printf(Locale.ROOT, "adopting the hand-written runner's history, once: %.0f ms wall, %.0f ms CPU%n", adoption[0], adoption[1]);
        }
    }

    private static double[] measure(Runnable work) {
        long wall = System.nanoTime();
        long cpu = OS.getProcessCpuTime();
        work.run();
        return new double[] {(System.nanoTime() - wall) / 1e6, (OS.getProcessCpuTime() - cpu) / 1e6};
    }

    private static double median(List<double[]> samples, int index) {
        double[] values = samples.stream().mapToDouble(s -> s[index]).sorted().toArray();
        return values[values.length / 2];
    }

    /** Back to an empty store: no nodes, no constraints, no indexes but the two token lookups. */
    private static void wipe(GraphDatabase db) {
        db.write(tx -> tx.run("MATCH (n) DETACH DELETE n").consume());
        for (String constraint : db.read(tx -> tx.run("SHOW CONSTRAINTS YIELD name RETURN name").list(r -> r.get("name").asString()))) {
            schema(db, "DROP CONSTRAINT `" + constraint + "`");
        }
        for (String index : db.read(tx -> tx.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name")
                .list(r -> r.get("name").asString()))) {
            schema(db, "DROP INDEX `" + index + "`");
        }
    }

    private static void schema(GraphDatabase db, String statement) {
        try (var session = db.driver().session(db.sessionConfig())) {
            session.executeWrite(tx -> tx.run(statement).consume());
        }
    }
}
