package bench;

import io.liaison.association.Association;
import io.liaison.association.Relation;
import io.liaison.association.RelationRepository;
import io.liaison.event.EventOutbox;
import io.liaison.event.EventType;
import io.liaison.neo4j.EmbeddedNeo4j;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.SchemaMigrations;
import io.liaison.neo4j.Timestamps;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Values;

/**
 * The bulk link write on its own, below HTTP (docs/design/bulk-writes.md): one JVM boots an embedded
 * Neo4j with the service's schema and runs {@link RelationRepository}'s batch write, every rule
 * checked, three ways in alternating rounds: in-process through Neo4j's Java core API (what the
 * service does in-process), in-process through the Cypher statement, and the statement over Bolt
 * (what the service does against a server). Each round: {@code clients} threads, each writing
 * batches of {@code batch} random pairs among the contacts in one transaction, as a bulk request does.
 * Reports items/s and the JVM's CPU per 1,000 items (the steadier figure on a shared machine).
 *
 * <pre>
 *   ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
 *   java -Xmx2g -cp target/classes:target/test-classes:$(cat target/bench.cp) bench.BulkLinks [seconds] [rounds] [clients] [batch] [only the ways whose name contains this]
 * </pre>
 * Not a test: compiled with the tests so a signature change breaks the build, run by hand.
 */
public final class BulkLinks {

    interface Way {
        int write(Association label, List<RelationRepository.NewLink> links, List<Map<String, Object>> events);
    }

    public static void main(String[] args) throws Exception {
        OutsideQuarkus.main(args, BulkLinks::run);
    }

    private static void run(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        String only = args.length > 4 ? args[4] : "";
        int contacts = 50_000;
        Path home = Files.createTempDirectory("liaison-bulk-links");
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(home, port, "512m");
        try (Driver driver = org.neo4j.driver.GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none())) {
            GraphDatabase inProcess = GraphDatabase.inProcess(driver, "neo4j", port);
            GraphDatabase overBolt = new GraphDatabase(driver, "neo4j");
            new SchemaMigrations(inProcess).migrate();
            String locationId = "bulkLinks" + Ids.random(11);
            inProcess.write(tx -> tx.run("CREATE (:Location {id: $id, name: 'Bulk links', dateAdded: toString(datetime())})",
                    Values.parameters("id", locationId)).consume());
            ZonedDateTime now = Timestamps.now();
            Map<String, Object> properties = new HashMap<>(Map.ofEntries(Map.entry("id", Ids.newId()), Map.entry("locationId", locationId),
                    Map.entry("key", "bench_bulk"), Map.entry("firstObjectKey", "contact"), Map.entry("firstObjectLabel", "Knows"),
                    Map.entry("secondObjectKey", "contact"), Map.entry("secondObjectLabel", "Known by"), Map.entry("labelType", "PAIR"),
                    Map.entry("cardinality", "MANY_TO_MANY"), Map.entry("relationshipType", "BENCH_BULK"), Map.entry("createdAt", now),
                    Map.entry("updatedAt", now)));
            var associations = new io.liaison.association.AssociationRepository();
            Association label = inProcess.write(tx -> associations.create(tx, properties));
            List<String> ids = new ArrayList<>(contacts);
            for (int i = 0; i < contacts; i++) {
                ids.add(Ids.newId());
            }
            for (int from = 0; from < contacts; from += 10_000) {
                List<String> chunk = ids.subList(from, Math.min(contacts, from + 10_000));
                inProcess.write(tx -> tx.run("""
                        UNWIND $ids AS id
                        CREATE (:Record:Contact {id: id, locationId: $locationId, objectKey: 'contact', firstName: id})""",
                        Values.parameters("ids", chunk, "locationId", locationId)).consume());
            }
            RelationRepository inProcessRepository = new RelationRepository(inProcess, new Locks(inProcess), new EventOutbox());
            RelationRepository boltRepository = new RelationRepository(overBolt, new Locks(overBolt), new EventOutbox());
            Map<String, Way> ways = new java.util.LinkedHashMap<>();
            ways.put("in-process, core API", (l, links, events) -> inProcess.write(tx -> count(
                    inProcessRepository.linkEachIfAllowed(tx, l, 1000, links, events).orElseThrow())));
            ways.put("in-process, Cypher statement", (l, links, events) -> inProcess.write(tx -> count(
                    inProcessRepository.linkEachByStatement(tx, l, 1000, links, events).orElseThrow())));
            ways.put("Bolt, Cypher statement", (l, links, events) -> overBolt.write(tx -> count(
                    boltRepository.linkEachIfAllowed(tx, l, 1000, links, events).orElseThrow())));
            ways.keySet().removeIf(name -> !name.contains(only));
            System.out.printf(Locale.ROOT, "Bulk links: %d contacts, %d clients, %d per batch, %d s per way per round, %d rounds; load average %.2f%n",
                    contacts, clients, batch, seconds, rounds, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            // A short warm-up of each way, so the JIT has seen all three before the first round counts.
            for (Way way : ways.values()) {
                run(way, label, ids, clients, batch, 3);
            }
            Map<String, List<double[]>> results = new java.util.LinkedHashMap<>();
            for (int round = 0; round < rounds; round++) {
                for (var way : ways.entrySet()) {
                    double[] r = run(way.getValue(), label, ids, clients, batch, seconds);
                    results.computeIfAbsent(way.getKey(), k -> new ArrayList<>()).add(r);
                    System.out.printf(Locale.ROOT, "round %d  %-30s %8.0f items/s  %6.1f ms CPU per 1,000 items  %5.1f%% created%n",
                            round + 1, way.getKey(), r[0], r[1], r[2]);
                }
            }
            System.out.printf(Locale.ROOT, "%n| way | items/s (median of rounds) | JVM CPU ms per 1,000 items |%n|---|---:|---:|%n");
            results.forEach((name, rs) -> System.out.printf(Locale.ROOT, "| %s | %.0f | %.1f |%n", name, median(rs, 0), median(rs, 1)));
            System.out.printf(Locale.ROOT, "load average at the end %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        } finally {
            neo4j.close();
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static int count(List<RelationRepository.LinkOutcome> outcomes) {
        return (int) outcomes.stream().filter(RelationRepository.LinkOutcome::created).count();
    }

    private static double median(List<double[]> rounds, int column) {
        double[] values = rounds.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }

    /** items/s, JVM CPU ms per 1,000 items, % of items created. */
    private static double[] run(Way way, Association label, List<String> ids, int clients, int batch, int seconds) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        AtomicLong items = new AtomicLong();
        AtomicLong created = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long cpuBefore = os.getProcessCpuTime();
        long begin = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    List<RelationRepository.NewLink> links = new ArrayList<>(batch);
                    List<Map<String, Object>> events = new ArrayList<>(batch);
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < batch; i++) {
                        String first = ids.get(random.nextInt(ids.size()));
                        String second = ids.get(random.nextInt(ids.size()));
                        if (first.equals(second)) {
                            i--;
                            continue;
                        }
                        ZonedDateTime now = Timestamps.now();
                        String id = Ids.random(32);
                        links.add(new RelationRepository.NewLink(id, first, second, now));
                        events.add(EventOutbox.prepare(label.locationId(), EventType.RelationCreate, io.liaison.association.RelationEvents.of(
                                new Relation(id, label.id(), "contact", first, "contact", second, label.locationId(), Timestamps.iso(now),
                                        null, null, null, null, null))));
                    }
                    created.addAndGet(way.write(label, links, events));
                    items.addAndGet(batch);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - begin) / 1e9;
        double cpuMs = (os.getProcessCpuTime() - cpuBefore) / 1e6;
        return new double[] {items.get() / elapsed, cpuMs / items.get() * 1000, 100.0 * created.get() / Math.max(1, items.get())};
    }
}
