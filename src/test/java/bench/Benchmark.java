package bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.association.Association;
import io.liaison.association.Relation;
import io.liaison.association.RelationEvents;
import io.liaison.association.RelationRepository;
import io.liaison.event.EventOutbox;
import io.liaison.event.EventType;
import io.liaison.contact.ContactRepository;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.Timestamps;
import io.liaison.object.ObjectSchema;
import io.liaison.object.ObjectSchemaRepository;
import io.liaison.object.RecordRepository;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
 * <p>Arguments: httpBase boltUri boltPassword agencyToken outputFile [seconds] [clients] [bigLinks] [appPid]
 *
 * <p>With the single argument {@value #BASELINE_MODE} it is the in-process baseline instead (see
 * {@link BaselineProcess}): a JVM of its own that boots an embedded Neo4j and answers commands on stdin.
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
    record Run(String name, long ops, long errors, double seconds, long[] latenciesNanos, double appCpuSeconds, double clientCpuSeconds) {
        double throughput() {
            return ops / seconds;
        }

        /** CPU time per operation, in ms, spent by the app (with its embedded Neo4j) and by this client. */
        double appCpuMillisPerOp() {
            return ops == 0 ? Double.NaN : appCpuSeconds * 1000 / ops;
        }

        double clientCpuMillisPerOp() {
            return ops == 0 ? Double.NaN : clientCpuSeconds * 1000 / ops;
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

    /** Links per bulk request, and concurrent bulk clients (each request is a large transaction). */
    static final int BULK_SIZE = 1000;
    static final int BULK_CLIENTS = 4;

    /** Numbers every operation of the run, so names and emails made from them never repeat. */
    static final AtomicInteger OPERATION_NUMBERS = new AtomicInteger();

    /** A request that does nothing but cross HTTP: the most any HTTP case can reach on this machine. */
    static final String FLOOR_WAY = "HTTP floor, GET /q/health/live";

    /** How many alternating rounds each way of a case is measured in. */
    static final int ROUNDS = 4;

    /**
     * Measures the ways of one case fairly against each other: each way is warmed up first, then
     * they run in alternating rounds (A, B, C, A, B, C, ...) and each way's rounds are summed. On a
     * small machine the JIT keeps improving for tens of seconds and background work comes and goes,
     * so measuring one way entirely after the other would favour whichever ran later.
     */
    static Run[] measureSideBySide(String caseName, double durationSeconds, Map<String, Op> ways) throws Exception {
        return measureSideBySide(caseName, clients, durationSeconds, ways);
    }

    static Run[] measureSideBySide(String caseName, int threads, double durationSeconds, Map<String, Op> ways) throws Exception {
        for (Op op : ways.values()) {
            drive(threads, Math.max(2.0, durationSeconds / 2), op, OPERATION_NUMBERS);
        }
        List<String> names = new ArrayList<>(ways.keySet());
        List<List<Run>> rounds = new ArrayList<>();
        names.forEach(name -> rounds.add(new ArrayList<>()));
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < names.size(); i++) {
                rounds.get(i).add(drive(caseName + " (" + names.get(i) + ")", threads, durationSeconds / ROUNDS,
                        ways.get(names.get(i)), OPERATION_NUMBERS));
            }
        }
        Run[] runs = new Run[names.size()];
        for (int i = 0; i < names.size(); i++) {
            List<Run> parts = rounds.get(i);
            runs[i] = new Run(parts.get(0).name(), parts.stream().mapToLong(Run::ops).sum(),
                    parts.stream().mapToLong(Run::errors).sum(), parts.stream().mapToDouble(Run::seconds).sum(),
                    parts.stream().flatMapToLong(part -> Arrays.stream(part.latenciesNanos())).toArray(),
                    parts.stream().mapToDouble(Run::appCpuSeconds).sum(), parts.stream().mapToDouble(Run::clientCpuSeconds).sum());
            System.out.printf(Locale.ROOT, "%s: %.0f ops/s%n", runs[i].name(), runs[i].throughput());
        }
        return runs;
    }

    /** The ways of a case in order: name, op, name, op, ... (the first is the API, measured against the rest). */
    static Map<String, Op> ways(Object... namesAndOps) {
        Map<String, Op> ways = new LinkedHashMap<>();
        for (int i = 0; i < namesAndOps.length; i += 2) {
            ways.put((String) namesAndOps[i], (Op) namesAndOps[i + 1]);
        }
        return ways;
    }

    static Run drive(int threads, double durationSeconds, Op op, AtomicInteger counter) throws Exception {
        return drive("warm-up", threads, durationSeconds, op, counter);
    }

    static Run drive(String name, int threads, double durationSeconds, Op op, AtomicInteger counter) throws Exception {
        if (op instanceof BaselineProcess.Case measuredThere) {
            return measuredThere.drive(name, threads, durationSeconds);
        }
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
        double appCpuBefore = appCpuSeconds();
        double clientCpuBefore = clientCpuSeconds();
        long begin = System.nanoTime();
        deadline[0] = begin + (long) (durationSeconds * 1e9);
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - begin) / 1e9;
        long[] latencies = all.stream().flatMapToLong(Arrays::stream).toArray();
        return new Run(name, latencies.length, errors.get(), elapsed, latencies, appCpuSeconds() - appCpuBefore,
                clientCpuSeconds() - clientCpuBefore);
    }

    /** The app's process id (from bench/run.sh), to read the CPU time it spends; 0 when unknown. */
    static long appPid;

    /** CPU seconds (user + system) the app has used so far, from /proc; NaN where there is no /proc. */
    static double appCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/" + appPid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // utime, stime in clock ticks (USER_HZ = 100)
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The machine's 1-minute load average, to tell a quiet run from a busy one. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static final String LOAD_AT_START = loadAverage();

    static double clientCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
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
        OutsideQuarkus.main(args, Benchmark::run);
    }

    private static void run(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals(BASELINE_MODE)) {
            BaselineProcess.serve();
            return;
        }
        http = args[0];
        String bolt = args[1];
        String password = args[2];
        agencyToken = args[3];
        Path output = Path.of(args[4]);
        seconds = args.length > 5 ? Integer.parseInt(args[5]) : 8;
        clients = args.length > 6 ? Integer.parseInt(args[6]) : 16;
        int bigLinks = args.length > 7 ? Integer.parseInt(args[7]) : 1_000_000;
        appPid = args.length > 8 ? Long.parseLong(args[8]) : 0;

        try (Driver driver = org.neo4j.driver.GraphDatabase.driver(bolt, AuthTokens.basic("neo4j", password),
                org.neo4j.driver.Config.builder().withMaxConnectionPoolSize(64).build()); BaselineProcess local = BaselineProcess.start()) {
            driver.verifyConnectivity();
            GraphDatabase db = new GraphDatabase(driver, "neo4j");
            Locks locks = new Locks(db);
            EventOutbox outbox = new EventOutbox();
            RelationRepository relations = new RelationRepository(db, locks, outbox);
            ContactRepository contacts = new ContactRepository(JSON);
            io.liaison.object.SchemaNodes schemaNodes = new io.liaison.object.SchemaNodes(JSON);
            RecordRepository records = new RecordRepository();
            ObjectSchemaRepository schemas = new ObjectSchemaRepository(schemaNodes);

            locationId = call("POST", "/locations/", Map.of("name", "Benchmark"), agencyToken, 201).get("id").asText();
            apiKey = call("POST", "/locations/" + locationId + "/api-keys", null, agencyToken, 201).get("apiKey").asText();
            String labelId = call("POST", "/associations/", Map.of("locationId", locationId, "key", "bench_knows", "firstObjectKey",
                    "contact", "firstObjectLabel", "Knows", "secondObjectKey", "contact", "secondObjectLabel", "Known by"), apiKey, 201)
                    .get("id").asText();
            call("POST", "/objects/", Map.of("locationId", locationId, "key", "custom_objects.boards",
                    "labels", Map.of("singular", "Board", "plural", "Boards"),
                    "primaryDisplayPropertyDetails", Map.of("key", "custom_objects.boards.name", "name", "Name", "dataType", "TEXT")),
                    apiKey, 201);
            ObjectSchema boards = db.read(tx -> schemas.find(tx, locationId, "custom_objects.boards")).orElseThrow();
            Association label = Association.from(db.read(tx -> tx.run("MATCH (a:Association {id: $id}) RETURN a",
                    Values.parameters("id", labelId)).single().get("a").asNode()));

            Map<String, Run[]> results = new LinkedHashMap<>();
            List<String> contactIds = java.util.Collections.synchronizedList(new ArrayList<>());
            List<String> linked = new ArrayList<>();
            long linksBefore = 0;
            Run[] relationsSmall = null;
            String[] bulkLabelId = new String[1];
            // Two passes over every case: the first only warms the JIT of both processes on every path
            // (on 2 cores the compiler threads alone take a third of the CPU for the first minutes), the
            // second is measured.
            for (int pass = 0; pass < 2; pass++) {
                boolean measured = pass == 1;
                double caseSeconds = measured ? seconds : Math.max(2.0, seconds / 2.0);
                results.clear();
                System.out.println(measured ? "-- measured pass" : "-- warm-up pass (not reported)");

                // Contact create: the API's POST /contacts/ against the same CREATE through the repository.
                Op httpContact = (c, n) -> {
                    var r = send("POST", "/contacts/", Map.of("locationId", locationId, "firstName", "Http" + n, "lastName", "Bench",
                            "email", "http" + n + "-" + c + "@bench.example"), apiKey);
                    if (r.statusCode() != 201) {
                        return false;
                    }
                    contactIds.add(JSON.readTree(r.body()).get("contact").get("id").asText());
                    return true;
                };
                Op driverContact = contactCreate(db, contacts, outbox, locationId, contactIds);
                results.put("contact create", measureSideBySide("contact create", caseSeconds, ways("HTTP", httpContact, "driver", driverContact,
                        "in-process", local.measured("contact-create"))));

                // Record create: POST /objects/{key}/records against RecordService.create's transaction (same locks, same Cypher).
                Op httpRecord = (c, n) -> send("POST",
                        "/objects/custom_objects.boards/records", Map.of("locationId", locationId, "properties",
                                Map.of("name", "Board " + n)), apiKey).statusCode() == 201;
                Op driverRecord = (c, n) -> {
                    Map<String, Object> properties = new HashMap<>();
                    properties.put("id", Ids.newId());
                    properties.put("locationId", locationId);
                    properties.put("objectKey", boards.key());
                    properties.put("objectId", boards.id());
                    properties.put("name", "Board " + n);
                    properties.put("displayName", "Board " + n);
                    properties.put("createdAt", Timestamps.now());
                    properties.put("updatedAt", Timestamps.now());
                    return db.write(tx -> locks.objectSchemaForRecords(tx, locationId, boards.key()).map(node -> {
                        io.liaison.object.ObjectRecord created = records.create(tx, boards, properties);
                        outbox.record(tx, locationId, EventType.RecordCreate, io.liaison.object.RecordEvents.of(created));
                        return created;
                    })).isPresent();
                };
                results.put("record create", measureSideBySide("record create", caseSeconds, ways("HTTP", httpRecord, "driver", driverRecord)));

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
                Op driverSameShape = linkCreate(db, relations, label, pool);
                // As many contacts to link in-process as through the API, so both pick pairs (and meet on records) alike.
                System.out.printf(Locale.ROOT, "%s contacts to link in-process%n", local.command("pool " + poolSize));
                Op driverRecordLocksOnly = (c, n) -> recordLocksOnlyLink(db, RECORD_LOCKS_ONLY_LINK, pool, poolSize, label, null);
                Op driverRecordLocksOnlyWithEvent = (c, n) -> recordLocksOnlyLink(db, RECORD_LOCKS_ONLY_LINK_WITH_EVENT, pool, poolSize,
                        label, "contact");
                results.put("link create", measureSideBySide("link create", caseSeconds, ways("HTTP", httpLink,
                        "driver, record locks only, one statement", driverRecordLocksOnly, "driver, same transaction", driverSameShape,
                        "driver, record locks only, one statement, with its event", driverRecordLocksOnlyWithEvent,
                        "in-process", local.measured("link-create"))));

                // Bulk link create: POST /associations/relations/bulk with BULK_SIZE links per request, against the
                // driver running the same transaction (RelationRepository.linkEachIfAllowed: every record's lock in
                // id order, then the single link's checks, create and event once per item, in one statement). A
                // label of its own, so the single links above do not use up the per-record cap. Each operation is
                // one request of BULK_SIZE items; refused items (duplicates, caps) count as judged items.
                if (bulkLabelId[0] == null) {
                    bulkLabelId[0] = call("POST", "/associations/", Map.of("locationId", locationId, "key", "bench_bulk", "firstObjectKey",
                            "contact", "firstObjectLabel", "Met", "secondObjectKey", "contact", "secondObjectLabel", "Met by"), apiKey, 201)
                            .get("id").asText();
                }
                Association bulkLabel = Association.from(db.read(tx -> tx.run("MATCH (a:Association {id: $id}) RETURN a",
                        Values.parameters("id", bulkLabelId[0])).single().get("a").asNode()));
                Op httpBulk = (c, n) -> {
                    List<Map<String, String>> items = new ArrayList<>(BULK_SIZE);
                    for (int i = 0; i < BULK_SIZE; i++) {
                        String[] pair = pair(pool, poolSize);
                        items.add(Map.of("associationId", bulkLabel.id(), "firstRecordId", pair[0], "secondRecordId", pair[1]));
                    }
                    return send("POST", "/associations/relations/bulk", Map.of("locationId", locationId, "relations", items), apiKey)
                            .statusCode() == 200;
                };
                Op driverBulk = (c, n) -> {
                    List<RelationRepository.NewLink> items = new ArrayList<>(BULK_SIZE);
                    List<Map<String, Object>> events = new ArrayList<>(BULK_SIZE);
                    for (int i = 0; i < BULK_SIZE; i++) {
                        String[] pair = pair(pool, poolSize);
                        String id = Ids.random(32);
                        java.time.ZonedDateTime now = Timestamps.now();
                        items.add(new RelationRepository.NewLink(id, pair[0], pair[1], now));
                        events.add(EventOutbox.prepare(locationId, EventType.RelationCreate, RelationEvents.of(
                                new Relation(id, bulkLabel.id(), "contact", pair[0], "contact", pair[1], locationId, Timestamps.iso(now),
                                        null, null, null, null, null))));
                    }
                    return db.write(tx -> relations.linkEachIfAllowed(tx, bulkLabel, 1000, items, events).orElseThrow().size() == BULK_SIZE);
                };
                results.put("bulk link create, " + BULK_SIZE + " per request", measureSideBySide("bulk link create", BULK_CLIENTS,
                        caseSeconds, ways("HTTP", httpBulk, "driver, same transaction", driverBulk)));
                // The bulk case makes far more links than every other case together; removing them again keeps the
                // "relations read" measurement at the database size of the single-link cases (about 10k-20k links),
                // so the scale case compares that with a million more, as the issue asks.
                removeLinksOf(db, bulkLabel);

                // Reads: the relations of a record and a contact, by the API and by the repository's Cypher.
                linked.clear();
                linked.addAll(db.read(tx -> tx.run("""
                        MATCH (c:Contact {locationId: $locationId}) WHERE EXISTS { (c)-[r]-() WHERE r.associationId = $labelId }
                        RETURN c.id AS id LIMIT 500""", Values.parameters("locationId", locationId, "labelId", labelId))
                        .list(r -> r.get("id").asString())));
                linksBefore = countLinks(db);
                System.out.printf(Locale.ROOT, "%s linked contacts to read in-process%n", local.command("linked"));
                relationsSmall = relationReads(db, relations, linked, "", caseSeconds, local);
                results.put("relations read", relationsSmall);
                results.put("contact read", measureSideBySide("contact read", caseSeconds, ways(
                        "HTTP", (Op) (c, n) -> send("GET", "/contacts/" + linked.get(n % linked.size()), null, apiKey).statusCode() == 200,
                        "driver", (Op) (c, n) -> db.read(tx -> contacts.find(tx, locationId, linked.get(n % linked.size()))).isPresent(),
                        "in-process", local.measured("contact-read"),
                        // The floor of any HTTP case here: the same client and server, no database, no key, no validation.
                        FLOOR_WAY, (Op) (c, n) -> send("GET", "/q/health/live", null, apiKey).statusCode() == 200)));
            }

            // Scale: the same relations read once the database holds about bigLinks more links (another
            // location, the same relationship type), to see that its latency does not grow with the graph.
            long linksAfter = linksBefore;
            Run[] relationsBig = null;
            if (bigLinks > 0) {
                loadBigGraph(db, bigLinks);
                linksAfter = countLinks(db);
                relationsBig = relationReads(db, relations, linked, " at scale", seconds, null);
                results.put("relations read at scale", relationsBig);
            }

            Run[] degrees = local.degreeCase(seconds);
            String report = report(results, linksBefore, linksAfter, relationsSmall, relationsBig) + degreeReport(degrees);
            System.out.println(report);
            Files.createDirectories(output.toAbsolutePath().getParent());
            Files.writeString(output, report);
        }
    }

    /** The relations read, by the API, the driver and (unless {@code local} is null) the in-process baseline. */
    static Run[] relationReads(GraphDatabase db, RelationRepository relations, List<String> linked, String suffix, double caseSeconds,
            BaselineProcess local) throws Exception {
        Map<String, Op> ways = ways(
                "HTTP", (Op) (c, n) -> send("GET", "/associations/relations/" + linked.get(n % linked.size()), null, apiKey).statusCode() == 200,
                "driver", (Op) (c, n) -> db.read(tx -> relations.relationsOf(tx, locationId, linked.get(n % linked.size()), null, 0, 20)).isPresent());
        if (local != null) {
            ways.put("in-process", local.measured("relations-read"));
        }
        return measureSideBySide("relations read" + suffix, caseSeconds, ways);
    }

    /** How many links one end holds in the degree case. */
    static final int[] DEGREES = { 10, 1_000, 10_000 };

    /**
     * Link create against a record's degree (issue 20): in the in-process baseline, one client links a hub
     * that already holds 10, 1,000 or 10,000 links under the label (the cap raised to a million for it) to a
     * record with none, the three hubs in alternating rounds. With the rule checks counting by degree the
     * three take the same time (target: 10,000 within 1.5x of 10).
     */
    static Run[] degreeCase(InProcess local, double caseSeconds) throws Exception {
        String prefix = "degree" + Ids.random(8);
        // One new target per link; on an idle machine one client makes about 2,000 links a second per hub (the pool
        // holds four times that for the case's time, warm-up included), and
        // a pool used up would count every later attempt as an error.
        int targets = Math.max(60_000, (int) Math.ceil(caseSeconds * DEGREES.length * 8_000 / 10_000.0) * 10_000);
        for (int from = 0; from < targets; from += 10_000) {
            int start = from;
            local.db.write(tx -> tx.run("""
                    UNWIND range($from, $to - 1) AS i
                    CREATE (:Record:Contact {id: $prefix + 't' + toString(i), locationId: $locationId, objectKey: 'contact'})""",
                    Values.parameters("from", start, "to", start + 10_000, "prefix", prefix, "locationId", local.locationId)).consume());
        }
        AtomicInteger nextTarget = new AtomicInteger();
        Map<String, Op> ways = new LinkedHashMap<>();
        for (int degree : DEGREES) {
            String hub = prefix + "h" + degree;
            local.db.write(tx -> tx.run("""
                    CREATE (hub:Record:Contact {id: $hub, locationId: $locationId, objectKey: 'contact'})
                    WITH hub
                    UNWIND range(1, $degree) AS i
                    CREATE (hub)-[:$($type) {id: $hub + 'r' + toString(i), associationId: $associationId, locationId: $locationId,
                                             createdAt: datetime()}]->
                           (:Record:Contact {id: $hub + 's' + toString(i), locationId: $locationId, objectKey: 'contact'})""",
                    Values.parameters("hub", hub, "degree", degree, "type", local.label.relationshipType(), "associationId",
                            local.label.id(), "locationId", local.locationId)).consume());
            ways.put(String.format(Locale.ROOT, "%,d links", degree), (c, n) -> {
                int target = nextTarget.getAndIncrement();
                if (target >= targets) {
                    return false;
                }
                String second = prefix + "t" + target;
                String id = Ids.random(32);
                java.time.ZonedDateTime now = Timestamps.now();
                Map<String, Object> created = EventOutbox.prepare(local.locationId, EventType.RelationCreate, RelationEvents.of(
                        new Relation(id, local.label.id(), "contact", hub, "contact", second, local.locationId, Timestamps.iso(now),
                                null, null, null, null, null)));
                return local.db.write(tx -> local.relations.linkIfAllowed(tx, local.label, 1_000_000, id, hub, second, now, created)
                        .orElseThrow().created());
            });
        }
        return measureSideBySide("link create at a hub", 1, caseSeconds, ways);
    }

    static String degreeReport(Run[] runs) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%nLink create from a record that already holds N links under "
                + "the label (in-process, 1 client, cap raised; alternating rounds):%n%n| N | ops/s | p50 ms | p99 ms | errors | "
                + "p50 / p50 at %,d | throughput / at %,d |%n|---:|---:|---:|---:|---:|---:|---:|%n", DEGREES[0], DEGREES[0]));
        for (Run run : runs) {
            out.append(String.format(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %d | %.2fx | %.2fx |%n",
                    run.name().substring(run.name().indexOf('(') + 1, run.name().lastIndexOf(')')), run.throughput(),
                    run.percentileMillis(50), run.percentileMillis(99), run.errors(), run.percentileMillis(50) / runs[0].percentileMillis(50),
                    run.throughput() / runs[0].throughput()));
        }
        return out.append("(target: the p50 at 10,000 links within 1.5x of the p50 at 10)\n").toString();
    }

    /**
     * A contact created through {@code contacts} with its ContactCreate event, in one transaction, as the API's
     * POST /contacts/ stores it; its id joins {@code ids}.
     */
    static Op contactCreate(GraphDatabase db, ContactRepository contacts, EventOutbox outbox, String location, List<String> ids) {
        return (c, n) -> {
            Map<String, Object> properties = new HashMap<>();
            properties.put("id", Ids.newId());
            properties.put("locationId", location);
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
            ids.add(db.write(tx -> {
                io.liaison.contact.Contact created = contacts.create(tx, properties);
                // The fields of ContactEvents.of that such a contact has.
                outbox.record(tx, location, EventType.ContactCreate, Map.of("id", created.id(), "locationId", location,
                        "firstName", created.firstName(), "lastName", created.lastName(), "name", created.name(), "email", created.email(),
                        "dateAdded", created.dateAdded(), "tags", List.of(), "customFields", List.of()));
                return created;
            }).id());
            return true;
        };
    }

    /** The API's link transaction (shared label lock, then the check-and-create statement) between two contacts of {@code pool}. */
    static Op linkCreate(GraphDatabase db, RelationRepository relations, Association label, List<String> pool) {
        int poolSize = pool.size();
        return (c, n) -> {
            String[] pair = pair(pool, poolSize);
            String id = Ids.random(32);
            java.time.ZonedDateTime now = Timestamps.now();
            Map<String, Object> created = EventOutbox.prepare(label.locationId(), EventType.RelationCreate, RelationEvents.of(
                    new Relation(id, label.id(), "contact", pair[0], "contact", pair[1], label.locationId(), Timestamps.iso(now),
                            null, null, null, null, null)));
            return db.write(tx -> relations.linkIfAllowed(tx, label, 1000, id, pair[0], pair[1], now, created).orElseThrow().created());
        };
    }

    /**
     * The in-process baseline's store (issue 20), in the baseline's JVM ({@link BaselineProcess}): an
     * embedded Neo4j it boots itself, on a fresh store with the service's schema, and Liaison's repositories over it running their transactions in-process,
     * as the service does, with no HTTP and no Bolt. It has a location, a label and contacts of its own,
     * made by the same repository calls; what the API costs beyond the database's own work is its
     * throughput against this one, round for round.
     */
    static final class InProcess implements AutoCloseable {
        final Path home;
        final io.liaison.neo4j.EmbeddedNeo4j neo4j;
        final Driver driver;
        final GraphDatabase db;
        final RelationRepository relations;
        final ContactRepository contacts;
        final EventOutbox outbox;
        final String locationId = "inProcess" + Ids.random(12);
        final Association label;
        final List<String> contactIds = java.util.Collections.synchronizedList(new ArrayList<>());

        InProcess() throws IOException {
            home = Files.createTempDirectory("liaison-bench-in-process");
            int port;
            try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            neo4j = io.liaison.neo4j.EmbeddedNeo4j.start(home, port, "512m");
            driver = org.neo4j.driver.GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none());
            db = GraphDatabase.inProcess(driver, "neo4j", port);
            new io.liaison.neo4j.SchemaMigrations(db).migrate();
            Locks locks = new Locks(db);
            EventOutbox outbox = new EventOutbox();
            relations = new RelationRepository(db, locks, outbox);
            contacts = new ContactRepository(JSON);
            this.outbox = outbox;
            db.write(tx -> tx.run("CREATE (:Location {id: $id, name: 'Benchmark in-process', dateAdded: toString(datetime())})",
                    Values.parameters("id", locationId)).consume());
            java.time.ZonedDateTime now = Timestamps.now();
            Map<String, Object> properties = new HashMap<>(Map.ofEntries(Map.entry("id", Ids.newId()), Map.entry("locationId", locationId),
                    Map.entry("key", "bench_knows"), Map.entry("firstObjectKey", "contact"), Map.entry("firstObjectLabel", "Knows"),
                    Map.entry("secondObjectKey", "contact"), Map.entry("secondObjectLabel", "Known by"), Map.entry("labelType", "PAIR"),
                    Map.entry("cardinality", "MANY_TO_MANY"), Map.entry("relationshipType", "BENCH_KNOWS"), Map.entry("createdAt", now),
                    Map.entry("updatedAt", now)));
            var associations = new io.liaison.association.AssociationRepository();
            label = db.write(tx -> associations.create(tx, properties));
        }

        /** Up to 500 contacts with links, as the API's reads are measured on. */
        List<String> linkedContacts() {
            return db.read(tx -> tx.run("""
                    MATCH (c:Contact {locationId: $locationId}) WHERE EXISTS { (c)-[r]-() WHERE r.associationId = $labelId }
                    RETURN c.id AS id LIMIT 500""", Values.parameters("locationId", locationId, "labelId", label.id()))
                    .list(r -> r.get("id").asString()));
        }

        @Override
        public void close() throws IOException {
            driver.close();
            neo4j.close();
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    /** The argument that makes this program the in-process baseline's JVM rather than the benchmark. */
    static final String BASELINE_MODE = "--in-process-baseline";

    /**
     * The in-process baseline in a JVM of its own (issue 20): this same program started again with
     * {@value #BASELINE_MODE}, with the app's heap flags (BENCH_HEAP, -Xmx2g as bench/run.sh gives the
     * app), booting an embedded Neo4j on a fresh store of its own ({@link InProcess}). Run inside the
     * benchmark's JVM, the baseline's database work mixed with the HTTP client's CPU and competed with
     * it for the JIT and the heap; here its CPU per operation is its process's CPU time over its
     * operations, read from /proc exactly as the app's is. Its client threads (a loop calling the
     * repository, as the app's request threads do) run in that JVM, so their small share is in its CPU.
     *
     * <p>The benchmark drives it by commands on its stdin, one per line, each answered on its stdout:
     * {@code measure <case> <threads> <seconds>} runs one round and answers the round's figures,
     * {@code pool <n>} makes n contacts to link, {@code linked} picks the linked contacts to read,
     * {@code degree <seconds>} runs the degree case. Whatever else it prints goes to stderr.
     */
    static final class BaselineProcess implements AutoCloseable {
        private final Process process;
        private final PrintStream commands;
        private final BufferedReader answers;

        private BaselineProcess(Process process) {
            this.process = process;
            this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
            this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /** Starts the baseline's JVM with the class path and main class of this one, and waits until its store is ready. */
        static BaselineProcess start() throws IOException {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(Arrays.asList(System.getenv().getOrDefault("BENCH_HEAP", "-Xmx2g").trim().split("\\s+")));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), Benchmark.class.getName(), BASELINE_MODE));
            BaselineProcess baseline = new BaselineProcess(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
            System.out.println("in-process baseline: " + baseline.answer() + " (pid " + baseline.process.pid() + ")");
            return baseline;
        }

        /** A case measured in the baseline's JVM, in place of an {@link Op} of this one. */
        Op measured(String caseName) {
            return new Case(this, caseName);
        }

        record Case(BaselineProcess baseline, String caseName) implements Op {
            @Override
            public boolean run(int client, int n) {
                throw new UnsupportedOperationException("measured in the baseline's own JVM");
            }

            /** One round there; the client CPU column is what this JVM spent meanwhile (waiting, next to nothing). */
            Run drive(String name, int threads, double seconds) throws IOException {
                double clientBefore = clientCpuSeconds();
                String answer = baseline.command(String.format(Locale.ROOT, "measure %s %d %.3f", caseName, threads, seconds));
                Run there = decode(name, answer, baseline.answer());
                return new Run(name, there.ops(), there.errors(), there.seconds(), there.latenciesNanos(), there.appCpuSeconds(),
                        clientCpuSeconds() - clientBefore);
            }
        }

        /** The degree case, run there (it is a case of the in-process baseline only). */
        Run[] degreeCase(double seconds) throws IOException {
            int count = Integer.parseInt(command(String.format(Locale.ROOT, "degree %.3f", seconds)));
            Run[] runs = new Run[count];
            for (int i = 0; i < count; i++) {
                runs[i] = decode(answer(), answer(), answer());
            }
            return runs;
        }

        synchronized String command(String line) throws IOException {
            commands.println(line);
            return answer();
        }

        private String answer() throws IOException {
            String line = answers.readLine();
            if (line == null) {
                throw new IOException("the in-process baseline's JVM ended (see its stderr above)");
            }
            return line;
        }

        static String encode(Run run) {
            return String.format(Locale.ROOT, "%d %d %.6f %.3f%n", run.ops(), run.errors(), run.seconds(), run.appCpuSeconds())
                    + Arrays.stream(run.latenciesNanos()).mapToObj(Long::toString).collect(java.util.stream.Collectors.joining(" "));
        }

        static Run decode(String name, String figures, String latencies) {
            String[] f = figures.split(" ");
            long[] nanos = latencies.isEmpty() ? new long[0] : Arrays.stream(latencies.split(" ")).mapToLong(Long::parseLong).toArray();
            return new Run(name, Long.parseLong(f[0]), Long.parseLong(f[1]), Double.parseDouble(f[2]), nanos, Double.parseDouble(f[3]), 0);
        }

        @Override
        public void close() throws IOException {
            try {
                commands.println("quit");
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroy();
                }
            } catch (InterruptedException e) {
                process.destroy();
                Thread.currentThread().interrupt();
            }
        }

        /** The baseline's side: boots the store, then runs each command of stdin until quit. */
        static void serve() throws Exception {
            PrintStream out = System.out;
            System.setOut(System.err);
            // Its own CPU is read from /proc like the app's (appCpuSeconds), the same clock-tick granularity.
            appPid = ProcessHandle.current().pid();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            try (InProcess local = new InProcess()) {
                List<String> pool = new ArrayList<>();
                List<String> linked = new ArrayList<>();
                Op contactCreate = contactCreate(local.db, local.contacts, local.outbox, local.locationId, local.contactIds);
                Map<String, Op> cases = new HashMap<>(Map.of(
                        "contact-create", contactCreate,
                        "relations-read", (c, n) -> local.db.read(tx -> local.relations.relationsOf(tx, local.locationId, linked.get(n % linked.size()), null, 0, 20))
                                .isPresent(),
                        "contact-read", (c, n) -> local.db.read(tx -> local.contacts.find(tx, local.locationId, linked.get(n % linked.size())))
                                .isPresent()));
                out.println("ready");
                out.flush();
                for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
                    String[] words = line.split(" ");
                    switch (words[0]) {
                        case "measure" -> out.println(encode(drive(words[1], Integer.parseInt(words[2]), Double.parseDouble(words[3]),
                                cases.get(words[1]), OPERATION_NUMBERS)));
                        case "pool" -> {
                            int size = Integer.parseInt(words[1]);
                            while (local.contactIds.size() < size) {
                                contactCreate.run(0, OPERATION_NUMBERS.getAndIncrement());
                            }
                            pool.clear();
                            pool.addAll(local.contactIds.subList(0, size));
                            cases.put("link-create", linkCreate(local.db, local.relations, local.label, List.copyOf(pool)));
                            out.println(pool.size());
                        }
                        case "linked" -> {
                            linked.clear();
                            linked.addAll(local.linkedContacts());
                            out.println(linked.size());
                        }
                        case "degree" -> {
                            Run[] runs = Benchmark.degreeCase(local, Double.parseDouble(words[1]));
                            out.println(runs.length);
                            for (Run run : runs) {
                                out.println(run.name());
                                out.println(encode(run));
                            }
                        }
                        default -> throw new IllegalArgumentException("unknown command: " + line);
                    }
                    out.flush();
                }
            }
        }
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

    /**
     * The same baseline with the link's RelationCreate event appended in the statement, as every write
     * of the product must since the outbox (issue 9): what the rules need today.
     */
    static final String RECORD_LOCKS_ONLY_LINK_WITH_EVENT = RECORD_LOCKS_ONLY_LINK.replace("""
            RETURN count(*) > 0 AS created""", EventOutbox.APPEND_EVENT_CLAUSE + """

            RETURN count(*) > 0 AS created""");

    static boolean recordLocksOnlyLink(GraphDatabase db, String statement, List<String> pool, int poolSize, Association label,
            String objectKey) {
        String[] pair = pair(pool, poolSize);
        String id = Ids.random(32);
        java.time.ZonedDateTime now = Timestamps.now();
        Map<String, Object> params = new HashMap<>(Map.of("lockOrder", pair[0].compareTo(pair[1]) < 0 ? List.of(pair[0], pair[1])
                : List.of(pair[1], pair[0]), "locationId", locationId, "firstId", pair[0], "secondId", pair[1], "type",
                label.relationshipType(), "associationId", label.id(), "objectKey", "contact", "cap", 1000, "id", id, "createdAt", now));
        if (objectKey != null) {
            params.put(EventOutbox.EVENT_PARAMETER, EventOutbox.prepare(locationId, EventType.RelationCreate, RelationEvents.of(
                    new Relation(id, label.id(), objectKey, pair[0], objectKey, pair[1], locationId, Timestamps.iso(now),
                            null, null, null, null, null))));
        }
        return db.write(tx -> tx.run(statement, params).single().get("created").asBoolean());
    }

    static String[] pair(List<String> pool, int size) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int a = random.nextInt(size);
        int b = random.nextInt(size - 1);
        if (b >= a) {
            b++;
        }
        return new String[] { pool.get(a), pool.get(b) };
    }

    static void removeLinksOf(GraphDatabase db, Association label) {
        long removed;
        do {
            removed = db.write(tx -> tx.run("""
                    MATCH ()-[r:$($type)]->() WHERE r.associationId = $id
                    WITH r LIMIT 20000 DELETE r RETURN count(*) AS removed""",
                    Values.parameters("type", label.relationshipType(), "id", label.id())).single().get("removed").asLong());
        } while (removed > 0);
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
        long created = 0;
        for (int made = 0; made < links; made += batch) {
            int start = made;
            created += db.write(tx -> tx.run("""
                    UNWIND range($from, $to - 1) AS i
                    MATCH (a:Record {id: $prefix + toString(i % $contacts)})
                    MATCH (b:Record {id: $prefix + toString((i * 7919 + 1 + i / $contacts) % $contacts)})
                    CREATE (a)-[:BENCH_KNOWS {id: $locationId + 'r' + toString(i), associationId: $label, locationId: $locationId,
                                              createdAt: datetime()}]->(b)""",
                    Values.parameters("from", start, "to", start + batch, "prefix", bigLocation + "c", "contacts", contacts,
                            "label", bigLabel, "locationId", bigLocation)).consume().counters().relationshipsCreated());
        }
        if (created != links) {
            throw new IllegalStateException("The scale case loaded " + created + " links instead of " + links);
        }
        System.out.printf(Locale.ROOT, "loaded %,d links in %.1f s%n", links, (System.nanoTime() - begin) / 1e9);
    }

    static String report(Map<String, Run[]> results, long linksBefore, long linksAfter, Run[] small, Run[] big) {
        StringBuilder out = new StringBuilder();
        out.append("Liaison benchmark, ").append(Instant.now()).append('\n');
        out.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(", ").append(clients).append(" concurrent clients, ")
                .append(seconds).append(" s per measurement, embedded Neo4j, app and benchmark on one machine; load average at the start ")
                .append(LOAD_AT_START).append(", at the end ").append(loadAverage()).append('\n');
        // run.sh hands the app and this benchmark the same environment.
        out.append("The API's transactions: ").append("false".equalsIgnoreCase(System.getenv("LIAISON_IN_PROCESS_TRANSACTIONS"))
                ? "through the driver over Bolt (LIAISON_IN_PROCESS_TRANSACTIONS=false, as with an external server)"
                : "in-process on the embedded database (the default)").append("; the driver way always goes over Bolt; the in-process way is the baseline: a JVM of its own (the app's heap "
                + "flags) booting an embedded Neo4j on a fresh store of its own and running the same repository statements from its own "
                + "threads, no HTTP; its app CPU column is that JVM's process CPU per operation, read from /proc as the app's is, and its "
                + "client CPU column what the benchmark's JVM spent meanwhile (waiting)\n\n");
        out.append("| case | way | ops/s | p50 ms | p99 ms | errors | app CPU ms/op | client CPU ms/op |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|\n");
        results.forEach((name, runs) -> {
            for (Run run : runs) {
                out.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.2f | %.2f | %d | %.2f | %.2f |%n", name,
                        run.name().substring(run.name().indexOf('(') + 1, run.name().lastIndexOf(')')), run.throughput(),
                        run.percentileMillis(50), run.percentileMillis(99), run.errors(), run.appCpuMillisPerOp(),
                        run.clientCpuMillisPerOp()));
            }
        });
        out.append("\n| ratio (HTTP / driver) | throughput | p99 (HTTP / driver) | app CPU per op (HTTP / driver) | target |\n"
                + "|---|---:|---:|---:|---|\n");
        results.forEach((name, runs) -> {
            out.append(String.format(Locale.ROOT, "| %s | %.2fx | %.2fx | %.2fx | (reported) |%n", name, runs[0].throughput() / runs[1].throughput(),
                    runs[0].percentileMillis(99) / runs[1].percentileMillis(99), runs[0].appCpuMillisPerOp() / runs[1].appCpuMillisPerOp()));
            for (int i = 2; i < runs.length; i++) {
                String way = runs[i].name().substring(runs[i].name().indexOf('(') + 1, runs[i].name().lastIndexOf(')'));
                // Issue 20's targets are against the in-process baseline (CPU: the app's per op against the baseline JVM's).
                String target = way.equals("in-process") ? ">= 0.7x; p99 <= 3x; CPU <= 1.3x" : "(reported)";
                out.append(String.format(Locale.ROOT, "| %s, vs %s | %.2fx | %.2fx | %.2fx | %s |%n", name, way,
                        runs[0].throughput() / runs[i].throughput(), runs[0].percentileMillis(99) / runs[i].percentileMillis(99),
                        runs[0].appCpuMillisPerOp() / runs[i].appCpuMillisPerOp(), target));
            }
        });
        Run floor = Arrays.stream(results.getOrDefault("contact read", new Run[0])).filter(run -> run.name().contains(FLOOR_WAY))
                .findFirst().orElse(null);
        if (floor != null) {
            // What the in-process ratios can reach at most. An HTTP request of a case costs at least the database's own work (the
            // in-process baseline's CPU per operation) plus the floor's CPU, app and client, all on the same cores; so no
            // implementation can pass cores / (that sum) operations per second, even with nothing but the floor around the database.
            int cores = Runtime.getRuntime().availableProcessors();
            out.append(String.format(Locale.ROOT, "%nThe HTTP floor (%s: no database, no key, no validation): %.0f requests/s, app CPU %.2f ms, "
                    + "client CPU %.2f ms per request. The most HTTP / in-process throughput a case could reach on these %d cores, with the "
                    + "database's in-process CPU and nothing but the floor around it:", FLOOR_WAY, floor.throughput(), floor.appCpuMillisPerOp(),
                    floor.clientCpuMillisPerOp(), cores));
            results.forEach((name, runs) -> Arrays.stream(runs).filter(run -> run.name().contains("(in-process)")).findFirst()
                    .ifPresent(local -> {
                        double bound = Math.min(floor.throughput(), cores * 1000.0
                                / (local.appCpuMillisPerOp() + floor.appCpuMillisPerOp() + floor.clientCpuMillisPerOp()));
                        out.append(String.format(Locale.ROOT, " %s %.2fx;", name, bound / local.throughput()));
                    }));
            out.append(" (target >= 0.7x)\n");
        }
        Run[] bulk = results.get("bulk link create, " + BULK_SIZE + " per request");
        if (bulk != null) {
            out.append(String.format(Locale.ROOT, "%nBulk links, %d clients, %d links per request: HTTP %.0f items/s, driver %.0f items/s (items "
                    + "judged, refused ones included), ratio %.2fx (target >= 0.8x, and >= 10,000 links/s if the driver allows)%n",
                    BULK_CLIENTS, BULK_SIZE, bulk[0].throughput() * BULK_SIZE, bulk[1].throughput() * BULK_SIZE,
                    bulk[0].throughput() / bulk[1].throughput()));
        }
        if (big != null) {
            out.append(String.format(Locale.ROOT, "%nRelations of a record, p50 with %,d links in the database vs %,d: HTTP %.2fx, driver %.2fx "
                    + "(target <= 1.5x)%n", linksAfter, linksBefore, big[0].percentileMillis(50) / small[0].percentileMillis(50),
                    big[1].percentileMillis(50) / small[1].percentileMillis(50)));
        }
        return out.toString();
    }
}
