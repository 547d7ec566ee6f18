import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.association.Association;
import io.liaison.association.RelationRepository;
import io.liaison.contact.ContactRepository;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.Timestamps;
import io.liaison.object.ObjectSchema;
import io.liaison.object.ObjectSchemaRepository;
import io.liaison.object.RecordRepository;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Values;

/**
 * Liaison's benchmark: each case runs the same work twice in one run, side by side against the same
 * database, once through the HTTP API and once through the Neo4j driver running the same Cypher
 * (Liaison's own repository classes, constructed over a plain driver), and prints throughput,
 * p50, p99 and the ratios. Run it with bench/run.sh, which starts the packaged app on a fresh store.
 *
 * <p>Arguments: httpBase boltUri boltPassword agencyToken outputFile [seconds] [clients] [bigLinks]
 */
public class Benchmark {

    static String http;
    static String agencyToken;
    static String apiKey;
    static String locationId;
    static int seconds;
    static int clients;
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    /** One measured run: operations, wall time and every latency. */
    record Run(String name, long ops, long errors, double seconds, long[] latenciesNanos) {
        double throughput() {
            return ops / seconds;
        }

        double percentileMillis(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
            return sorted[Math.max(0, index)] / 1e6;
        }
    }

    @FunctionalInterface
    interface Op {
        /** Runs one operation for client {@code client}, its {@code n}-th; false counts as an error. */
        boolean run(int client, int n) throws Exception;
    }

    /** Runs {@code op} from {@code clients} threads for {@code seconds}, after a short warm-up. */
    static Run measure(String name, int threads, double durationSeconds, Op op) throws Exception {
        // Warm-up: the JIT and the page cache see the same path before the clock starts.
        drive(threads, Math.min(2.0, durationSeconds / 4), op, new AtomicInteger(1_000_000));
        return drive(name, threads, durationSeconds, op, new AtomicInteger());
    }

    static Run drive(int threads, double durationSeconds, Op op, AtomicInteger counter) throws Exception {
        return drive("warm-up", threads, durationSeconds, op, counter);
    }

    static Run drive(String name, int threads, double durationSeconds, Op op, AtomicInteger counter) throws Exception {
        ConcurrentLinkedQueue<long[]> all = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        long[] deadline = new long[1];
        for (int t = 0; t < threads; t++) {
            int client = t;
            Thread worker = new Thread(() -> {
                long[] mine = new long[1 << 16];
                int count = 0;
                try {
                    start.await();
                    while (System.nanoTime() < deadline[0]) {
                        int n = counter.getAndIncrement();
                        long begin = System.nanoTime();
                        boolean ok;
                        try {
                            ok = op.run(client, n);
                        } catch (Exception e) {
                            ok = false;
                            if (errors.get() < 3) {
                                System.err.println(name + ": " + e);
                            }
                        }
                        long took = System.nanoTime() - begin;
                        if (!ok) {
                            errors.incrementAndGet();
                            continue;
                        }
                        if (count == mine.length) {
                            mine = Arrays.copyOf(mine, count * 2);
                        }
                        mine[count++] = took;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                all.add(Arrays.copyOf(mine, count));
            });
            workers.add(worker);
            worker.start();
        }
        long begin = System.nanoTime();
        deadline[0] = begin + (long) (durationSeconds * 1e9);
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - begin) / 1e9;
        long[] latencies = all.stream().flatMapToLong(Arrays::stream).toArray();
        return new Run(name, latencies.length, errors.get(), elapsed, latencies);
    }

    // ---- HTTP -------------------------------------------------------------------------------------

    static HttpResponse<String> send(String method, String path, Object body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Version", "2021-07-28");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode call(String method, String path, Object body, String token, int expected) throws Exception {
        HttpResponse<String> response = send(method, path, body, token);
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    // ---- The run ----------------------------------------------------------------------------------

    public static void main(String[] args) throws Exception {
        http = args[0];
        String bolt = args[1];
        String password = args[2];
        agencyToken = args[3];
        Path output = Path.of(args[4]);
        seconds = args.length > 5 ? Integer.parseInt(args[5]) : 8;
        clients = args.length > 6 ? Integer.parseInt(args[6]) : 16;
        int bigLinks = args.length > 7 ? Integer.parseInt(args[7]) : 1_000_000;

        try (Driver driver = org.neo4j.driver.GraphDatabase.driver(bolt, AuthTokens.basic("neo4j", password),
                org.neo4j.driver.Config.builder().withMaxConnectionPoolSize(64).build())) {
            driver.verifyConnectivity();
            GraphDatabase db = new GraphDatabase(driver, "neo4j");
            Locks locks = new Locks(db);
            ContactRepository contacts = new ContactRepository(db, JSON);
            RelationRepository relations = new RelationRepository(db, locks);
            ObjectSchemaRepository schemas = new ObjectSchemaRepository(db, locks, JSON);
            RecordRepository records = new RecordRepository(db, locks);

            locationId = call("POST", "/locations/", Map.of("name", "Benchmark"), agencyToken, 201).get("id").asText();
            apiKey = call("POST", "/locations/" + locationId + "/api-keys", null, agencyToken, 201).get("apiKey").asText();
            String labelId = call("POST", "/associations/", Map.of("locationId", locationId, "key", "bench_knows", "firstObjectKey",
                    "contact", "firstObjectLabel", "Knows", "secondObjectKey", "contact", "secondObjectLabel", "Known by"), apiKey, 201)
                    .get("id").asText();
            call("POST", "/objects/", Map.of("locationId", locationId, "key", "custom_objects.boards",
                    "labels", Map.of("singular", "Board", "plural", "Boards"),
                    "primaryDisplayPropertyDetails", Map.of("key", "custom_objects.boards.name", "name", "Name", "dataType", "TEXT")),
                    apiKey, 201);
            ObjectSchema boards = schemas.find(locationId, "custom_objects.boards").orElseThrow();
            Association label = Association.from(db.read(tx -> tx.run("MATCH (a:Association {id: $id}) RETURN a",
                    Values.parameters("id", labelId)).single().get("a").asNode()));

            Map<String, Run[]> results = new LinkedHashMap<>();
            List<String> contactIds = java.util.Collections.synchronizedList(new ArrayList<>());

            // Contact create: the API's POST /contacts/ against the same CREATE through the repository.
            Run httpContacts = measure("contact create (HTTP)", clients, seconds, (c, n) -> {
                var r = send("POST", "/contacts/", Map.of("locationId", locationId, "firstName", "Http" + n, "lastName", "Bench",
                        "email", "http" + n + "-" + c + "@bench.example"), apiKey);
                if (r.statusCode() != 201) {
                    return false;
                }
                contactIds.add(JSON.readTree(r.body()).get("contact").get("id").asText());
                return true;
            });
            Run driverContacts = measure("contact create (driver)", clients, seconds, (c, n) -> {
                Map<String, Object> properties = new HashMap<>();
                properties.put("id", Ids.newId());
                properties.put("locationId", locationId);
                properties.put("objectKey", "contact");
                properties.put("firstName", "Driver" + n);
                properties.put("lastName", "Bench");
                properties.put("name", "Driver" + n + " Bench");
                properties.put("displayName", "Driver" + n + " Bench");
                properties.put("searchText", ("driver" + n + " bench driver" + n + "-" + c + "@bench.example"));
                properties.put("email", "driver" + n + "-" + c + "@bench.example");
                properties.put("emailLowerCase", "driver" + n + "-" + c + "@bench.example");
                properties.put("dateAdded", Timestamps.now());
                properties.put("dateUpdated", Timestamps.now());
                contactIds.add(contacts.create(properties).id());
                return true;
            });
            results.put("contact create", new Run[] { httpContacts, driverContacts });

            // Record create: POST /objects/{key}/records against the repository's create (same locks, same Cypher).
            Run httpRecords = measure("record create (HTTP)", clients, seconds, (c, n) -> send("POST",
                    "/objects/custom_objects.boards/records", Map.of("locationId", locationId, "properties",
                            Map.of("name", "Board " + n)), apiKey).statusCode() == 201);
            Run driverRecords = measure("record create (driver)", clients, seconds, (c, n) -> {
                Map<String, Object> properties = new HashMap<>();
                properties.put("id", Ids.newId());
                properties.put("locationId", locationId);
                properties.put("objectKey", boards.key());
                properties.put("objectId", boards.id());
                properties.put("name", "Board " + n);
                properties.put("displayName", "Board " + n);
                properties.put("createdAt", Timestamps.now());
                properties.put("updatedAt", Timestamps.now());
                return records.create(boards, properties).isPresent();
            });
            results.put("record create", new Run[] { httpRecords, driverRecords });

            // Link create, all under ONE label, 16 clients: the API, the driver running the API's transaction
            // (shared label lock, then the check-and-create statement), and the baseline of the issue: record
            // locks only, one statement, the same checks.
            List<String> pool = new ArrayList<>(contactIds);
            int poolSize = pool.size();
            System.out.printf(Locale.ROOT, "%d contacts to link%n", poolSize);
            Op httpLink = (c, n) -> {
                String[] pair = pair(pool, poolSize);
                return send("POST", "/associations/relations", Map.of("locationId", locationId, "associationId", labelId,
                        "firstRecordId", pair[0], "secondRecordId", pair[1]), apiKey).statusCode() == 201;
            };
            Op driverSameShape = (c, n) -> {
                String[] pair = pair(pool, poolSize);
                return db.write(tx -> relations.linkIfAllowed(tx, label, 1000, Ids.random(32), pair[0], pair[1], Timestamps.now())
                        .orElseThrow().created());
            };
            Op driverRecordLocksOnly = (c, n) -> {
                String[] pair = pair(pool, poolSize);
                return db.write(tx -> tx.run(RECORD_LOCKS_ONLY_LINK, Values.parameters("lockOrder", pair[0].compareTo(pair[1]) < 0
                        ? List.of(pair[0], pair[1]) : List.of(pair[1], pair[0]), "locationId", locationId, "firstId", pair[0],
                        "secondId", pair[1], "type", label.relationshipType(), "associationId", labelId, "objectKey", "contact",
                        "cap", 1000, "id", Ids.random(32), "createdAt", Timestamps.now())).single().get("created").asBoolean());
            };
            Run linkHttp = measure("link create (HTTP)", clients, seconds, httpLink);
            Run linkSame = measure("link create (driver, same transaction)", clients, seconds, driverSameShape);
            Run linkBaseline = measure("link create (driver, record locks only, one statement)", clients, seconds, driverRecordLocksOnly);
            results.put("link create", new Run[] { linkHttp, linkBaseline, linkSame });

            // Reads: the relations of a record and a contact, by the API and by the repository's Cypher.
            List<String> linked = db.read(tx -> tx.run("""
                    MATCH (c:Contact {locationId: $locationId}) WHERE EXISTS { (c)-[r]-() WHERE r.associationId = $labelId }
                    RETURN c.id AS id LIMIT 500""", Values.parameters("locationId", locationId, "labelId", labelId))
                    .list(r -> r.get("id").asString()));
            long linksBefore = countLinks(db);
            Run[] relationsSmall = relationReads(relations, linked, "");
            results.put("relations read", relationsSmall);
            Run contactHttp = measure("contact read (HTTP)", clients, seconds, (c, n) ->
                    send("GET", "/contacts/" + linked.get(n % linked.size()), null, apiKey).statusCode() == 200);
            Run contactDriver = measure("contact read (driver)", clients, seconds, (c, n) ->
                    contacts.find(locationId, linked.get(n % linked.size())).isPresent());
            results.put("contact read", new Run[] { contactHttp, contactDriver });

            // Scale: the same relations read once the database holds about bigLinks more links (another
            // location, the same relationship type), to see that its latency does not grow with the graph.
            long linksAfter = linksBefore;
            Run[] relationsBig = null;
            if (bigLinks > 0) {
                loadBigGraph(db, bigLinks);
                linksAfter = countLinks(db);
                relationsBig = relationReads(relations, linked, " at scale");
                results.put("relations read at scale", relationsBig);
            }

            String report = report(results, linksBefore, linksAfter, relationsSmall, relationsBig);
            System.out.println(report);
            Files.createDirectories(output.toAbsolutePath().getParent());
            Files.writeString(output, report);
        }
    }

    static Run[] relationReads(RelationRepository relations, List<String> linked, String suffix) throws Exception {
        Run viaHttp = measure("relations read (HTTP)" + suffix, clients, seconds, (c, n) ->
                send("GET", "/associations/relations/" + linked.get(n % linked.size()), null, apiKey).statusCode() == 200);
        Run viaDriver = measure("relations read (driver)" + suffix, clients, seconds, (c, n) ->
                relations.relationsOf(locationId, linked.get(n % linked.size()), null, 0, 20).isPresent());
        return new Run[] { viaHttp, viaDriver };
    }

    /** Two different contacts at random; a rare duplicate pair is refused and counted as an error. */
    /**
     * The baseline: what the rules need, with record locks only (no label lock) and in one
     * statement: lock both records in id order, refuse a duplicate, an object mismatch and the cap.
     */
    static final String RECORD_LOCKS_ONLY_LINK = """
            UNWIND $lockOrder AS lockId
            MATCH (locked:Record {id: lockId, locationId: $locationId})
            SET locked._lock = true REMOVE locked._lock
            WITH count(*) AS lockedRows
            MATCH (first:Record {id: $firstId, locationId: $locationId}), (second:Record {id: $secondId, locationId: $locationId})
            WITH first, second
            WHERE first.objectKey = $objectKey AND second.objectKey = $objectKey
              AND NOT EXISTS { (first)-[r:$($type)]->(second) WHERE r.associationId = $associationId }
              AND COUNT { (first)-[r:$($type)]-() WHERE r.associationId = $associationId } < $cap
              AND COUNT { (second)-[r:$($type)]-() WHERE r.associationId = $associationId } < $cap
            CREATE (first)-[:$($type) {id: $id, associationId: $associationId, locationId: $locationId, createdAt: $createdAt}]->(second)
            RETURN count(*) > 0 AS created""";

    static String[] pair(List<String> pool, int size) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int a = random.nextInt(size);
        int b = random.nextInt(size - 1);
        if (b >= a) {
            b++;
        }
        return new String[] { pool.get(a), pool.get(b) };
    }

    static long countLinks(GraphDatabase db) {
        return db.read(tx -> tx.run("MATCH ()-[r]->() WHERE r.associationId IS NOT NULL RETURN count(r) AS links").single()
                .get("links").asLong());
    }

    /** Loads about {@code links} links between 100,000 contacts of another location, in batches, through the driver. */
    static void loadBigGraph(GraphDatabase db, int links) {
        long begin = System.nanoTime();
        String bigLocation = "bigLocation" + Ids.random(8);
        String bigLabel = "bigLabel" + Ids.random(11);
        int contacts = 100_000;
        int batch = 10_000;
        for (int from = 0; from < contacts; from += batch) {
            int start = from;
            db.write(tx -> tx.run("""
                    UNWIND range($from, $to - 1) AS i
                    CREATE (:Record:Contact {id: $prefix + toString(i), locationId: $locationId, objectKey: 'contact',
                            displayName: 'Big ' + toString(i), dateAdded: datetime()})""",
                    Values.parameters("from", start, "to", start + batch, "prefix", bigLocation + "c", "locationId", bigLocation))
                    .consume());
        }
        for (int made = 0; made < links; made += batch) {
            int start = made;
            db.write(tx -> tx.run("""
                    UNWIND range($from, $to - 1) AS i
                    MATCH (a:Record {id: $prefix + toString(i % $contacts)})
                    MATCH (b:Record {id: $prefix + toString((i * 7919 + 1 + i / $contacts) % $contacts)})
                    CREATE (a)-[:BENCH_KNOWS {id: $prefix + 'r' + toString(i), associationId: $label, locationId: $locationId,
                                              createdAt: datetime()}]->(b)""",
                    Values.parameters("from", start, "to", start + batch, "prefix", bigLocation, "contacts", contacts,
                            "label", bigLabel, "locationId", bigLocation)).consume());
        }
        System.out.printf(Locale.ROOT, "loaded %,d links in %.1f s%n", links, (System.nanoTime() - begin) / 1e9);
    }

    static String report(Map<String, Run[]> results, long linksBefore, long linksAfter, Run[] small, Run[] big) {
        StringBuilder out = new StringBuilder();
        out.append("Liaison benchmark, ").append(Instant.now()).append('\n');
        out.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(", ").append(clients).append(" concurrent clients, ")
                .append(seconds).append(" s per measurement, embedded Neo4j, app and benchmark on one machine\n\n");
        out.append("| case | way | ops/s | p50 ms | p99 ms | errors |\n|---|---|---:|---:|---:|---:|\n");
        results.forEach((name, runs) -> {
            for (Run run : runs) {
                out.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.2f | %.2f | %d |%n", name,
                        run.name().substring(run.name().indexOf('(') + 1, run.name().lastIndexOf(')')), run.throughput(),
                        run.percentileMillis(50), run.percentileMillis(99), run.errors()));
            }
        });
        out.append("\n| ratio (HTTP / driver) | throughput | p99 (HTTP / driver) | target |\n|---|---:|---:|---|\n");
        results.forEach((name, runs) -> {
            String target = name.equals("link create") ? ">= 0.6x the record-locks-only baseline; p99 <= 3x"
                    : name.contains("read") ? ">= 0.8x; p99 <= 3x" : "(reported)";
            out.append(String.format(Locale.ROOT, "| %s | %.2fx | %.2fx | %s |%n", name, runs[0].throughput() / runs[1].throughput(),
                    runs[0].percentileMillis(99) / runs[1].percentileMillis(99), target));
            if (runs.length > 2) {
                out.append(String.format(Locale.ROOT, "| %s, vs the API's own transaction through the driver | %.2fx | %.2fx | (reported) |%n",
                        name, runs[0].throughput() / runs[2].throughput(), runs[0].percentileMillis(99) / runs[2].percentileMillis(99)));
            }
        });
        if (big != null) {
            out.append(String.format(Locale.ROOT, "%nRelations of a record, p50 with %,d links in the database vs %,d: HTTP %.2fx, driver %.2fx "
                    + "(target <= 1.5x)%n", linksAfter, linksBefore, big[0].percentileMillis(50) / small[0].percentileMillis(50),
                    big[1].percentileMillis(50) / small[1].percentileMillis(50)));
        }
        return out.toString();
    }
}
