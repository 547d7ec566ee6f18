package bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 20, item 5: Liaison with millions of links on one machine. Run by bench/scale.sh, which starts
 * the packaged app on a fresh store, calls this program's phases, and restarts the app in between.
 *
 * <ul>
 * <li>{@code load http agencyToken contacts links seconds clients stateFile}: a location, an API key and
 * a contact-to-contact label; every contact through POST /contacts/bulk and every link through POST
 * /associations/relations/bulk (1,000 items a request, several clients); reads measured once the
 * probe graph's 10,000 links are in, then the rest loaded; what it learnt goes to the state file.
 * <li>{@code measure http stateFile seconds clients outputFile loadAverage...}: the same reads again on the
 * full store (after the restart), and the report.
 * </ul>
 *
 * <p>The reads are measured on a probe graph that does not change between the two measurements: the first
 * {@value #PROBE_CONTACTS} contacts with {@value #PROBE_LINKS} links among them. The other links join
 * the other contacts only, so what grows is the database around the probes, not the probes' own
 * neighbourhoods (comparing a record with 1 link against one with 10 would measure the degree instead).
 */
public class Scale {

    static final int PROBE_CONTACTS = 2_000;
    static final int PROBE_LINKS = 10_000;
    static final int BATCH = 1_000;
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    static String http;

    public static void main(String[] args) throws Exception {
        http = args[1];
        switch (args[0]) {
            case "load" -> load(args[2], Integer.parseInt(args[3]), Long.parseLong(args[4]), Long.parseLong(args[5]),
                    Integer.parseInt(args[6]), Path.of(args[7]));
            case "measure" -> measure(Path.of(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]), Path.of(args[5]),
                    Arrays.copyOfRange(args, 6, args.length));
            default -> throw new IllegalArgumentException("phase load or measure, not " + args[0]);
        }
    }

    // ---- load --------------------------------------------------------------------------------------

    static void load(String agencyToken, int contacts, long links, long maxSeconds, int clients, Path state) throws Exception {
        if (contacts < 2 * PROBE_CONTACTS || links < 2 * PROBE_LINKS) {
            throw new IllegalArgumentException("at least " + 2 * PROBE_CONTACTS + " contacts and " + 2 * PROBE_LINKS + " links");
        }
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        String locationId = call("POST", "/locations/", Map.of("name", "Scale"), agencyToken).get("id").asText();
        String apiKey = call("POST", "/locations/" + locationId + "/api-keys", null, agencyToken).get("apiKey").asText();
        String labelId = call("POST", "/associations/", Map.of("locationId", locationId, "key", "scale_knows", "firstObjectKey",
                "contact", "firstObjectLabel", "Knows", "secondObjectKey", "contact", "secondObjectLabel", "Known by"), apiKey)
                .get("id").asText();

        // Contacts: ids in the order of their numbers (each request's answer lists its items in order).
        String[] ids = new String[contacts];
        long begin = System.nanoTime();
        AtomicLong failedContacts = new AtomicLong();
        int contactBatches = (contacts + BATCH - 1) / BATCH;
        int loadedContactBatches = inParallel(clients, contactBatches, deadline, batch -> {
            List<Map<String, Object>> items = new ArrayList<>(BATCH);
            int from = batch * BATCH;
            int to = Math.min(contacts, from + BATCH);
            for (int i = from; i < to; i++) {
                items.add(Map.of("firstName", "Scale" + i, "lastName", "Contact", "email", "scale" + i + "@scale.example"));
            }
            JsonNode results = call("POST", "/contacts/bulk", Map.of("locationId", locationId, "contacts", items), apiKey).get("results");
            for (int i = from; i < to; i++) {
                JsonNode contact = results.get(i - from).get("contact");
                if (contact == null || contact.isNull()) {
                    failedContacts.incrementAndGet();
                } else {
                    ids[i] = contact.get("id").asText();
                }
            }
        });
        double contactSeconds = (System.nanoTime() - begin) / 1e9;
        int loadedContacts = (int) Math.min(contacts, (long) loadedContactBatches * BATCH);
        System.out.printf(Locale.ROOT, "%,d contacts in %.1f s (%.0f/s), %d refused%n", loadedContacts, contactSeconds,
                loadedContacts / contactSeconds, failedContacts.get());
        if (loadedContacts < contacts) {
            throw new IllegalStateException("the time bound ran out while loading contacts; give more seconds or fewer contacts");
        }

        // The probe graph: PROBE_LINKS links among the first PROBE_CONTACTS contacts.
        SplittableRandom random = new SplittableRandom(20);
        long[] probeCreated = new long[1];
        begin = System.nanoTime();
        inParallel(1, PROBE_LINKS / BATCH, Long.MAX_VALUE, batch -> {
            probeCreated[0] += linkBatch(apiKey, locationId, labelId, ids, 0, PROBE_CONTACTS, random.split());
        });
        double probeSeconds = (System.nanoTime() - begin) / 1e9;
        List<String> probes = Arrays.asList(ids).subList(0, PROBE_CONTACTS);
        System.out.printf(Locale.ROOT, "probe graph: %,d links in %.1f s%n", probeCreated[0], probeSeconds);

        ObjectNode out = JSON.createObjectNode();
        out.put("locationId", locationId).put("apiKey", apiKey).put("labelId", labelId).put("contacts", loadedContacts)
                .put("contactSeconds", contactSeconds).put("probeLinks", probeCreated[0]);
        out.putPOJO("probes", probes);
        out.set("small", JSON.valueToTree(measureReads(apiKey, probes, 8, clients, 4)));

        // The rest: links among the other contacts only, the clients each taking batches.
        AtomicLong created = new AtomicLong(probeCreated[0]);
        long restBatches = (links - probeCreated[0] + BATCH - 1) / BATCH;
        begin = System.nanoTime();
        int loadedBatches = inParallel(clients, (int) restBatches, deadline, batch -> {
            created.addAndGet(linkBatch(apiKey, locationId, labelId, ids, PROBE_CONTACTS, loadedContacts, new SplittableRandom(1_000_003L * batch)));
            if (batch % 100 == 0) {
                System.out.printf(Locale.ROOT, "  %,d links%n", created.get());
            }
        });
        double linkSeconds = (System.nanoTime() - begin) / 1e9;
        System.out.printf(Locale.ROOT, "%,d links in %.1f s (%.0f items/s)%s%n", created.get() - probeCreated[0], linkSeconds,
                (created.get() - probeCreated[0]) / linkSeconds, loadedBatches < restBatches ? " (the time bound ran out)" : "");
        out.put("links", created.get()).put("linksWanted", links).put("linkSeconds", linkSeconds)
                .put("linkItemsJudged", (long) loadedBatches * BATCH).put("timeBoundHit", loadedBatches < restBatches);
        Files.writeString(state, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out));
    }

    /** One bulk request of BATCH random pairs among contacts [from, to); answers how many links it created. */
    static long linkBatch(String apiKey, String locationId, String labelId, String[] ids, int from, int to, SplittableRandom random)
            throws Exception {
        List<Map<String, String>> items = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            int a = random.nextInt(from, to);
            int b = random.nextInt(from, to - 1);
            if (b >= a) {
                b++;
            }
            items.add(Map.of("associationId", labelId, "firstRecordId", ids[a], "secondRecordId", ids[b]));
        }
        JsonNode answer = call("POST", "/associations/relations/bulk", Map.of("locationId", locationId, "relations", items), apiKey);
        return answer.get("created").asLong();
    }

    interface Batch {
        void run(int batch) throws Exception;
    }

    /** Runs batches 0..count-1 on {@code threads} threads until done or past the deadline; answers how many ran. */
    static int inParallel(int threads, int count, long deadline, Batch work) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                for (int batch; System.nanoTime() < deadline && (batch = next.getAndIncrement()) < count; ) {
                    work.run(batch);
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        return done.get();
    }

    // ---- reads -------------------------------------------------------------------------------------

    record Latencies(String name, long count, long errors, double p50, double p99) {
    }

    /** The three reads on the probe graph, each for {@code seconds} with {@code clients} clients, after a warm-up of its own. */
    static List<Latencies> measureReads(String apiKey, List<String> probes, int seconds, int clients, int warmUpSeconds) throws Exception {
        Map<String, Batch> reads = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(5);
        reads.put("relations of a record", n -> expect(get("/associations/relations/" + probes.get(n % probes.size()), apiKey), 200));
        reads.put("2-hop neighbourhood", n -> expect(get("/graph/records/" + probes.get(n % probes.size()) + "/neighborhood?depth=2",
                apiKey), 200));
        reads.put("shortest path", n -> {
            // Probe pairs are connected within 4 links nearly always; an unconnected pair (404 NO_PATH) is a search too.
            int a = Math.floorMod(n * 7919, probes.size());
            int b = Math.floorMod(n * 104_729 + 1, probes.size());
            expect(get("/graph/paths?from=" + probes.get(a) + "&to=" + probes.get(b == a ? (a + 1) % probes.size() : b) + "&maxDepth=4",
                    apiKey), 200, 404);
        });
        List<Latencies> results = new ArrayList<>();
        for (var read : reads.entrySet()) {
            drive(read.getValue(), clients, warmUpSeconds);
            results.add(drive(read.getKey(), read.getValue(), clients, seconds));
            System.out.println("  " + results.get(results.size() - 1));
        }
        return results;
    }

    static Latencies drive(Batch op, int clients, int seconds) throws Exception {
        return drive("warm-up", op, clients, seconds);
    }

    static Latencies drive(String name, Batch op, int clients, int seconds) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        AtomicInteger numbers = new AtomicInteger();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        inParallel(clients, clients, Long.MAX_VALUE, client -> {
            while (System.nanoTime() < deadline) {
                long begin = System.nanoTime();
                try {
                    op.run(numbers.getAndIncrement());
                    latencies.add(System.nanoTime() - begin);
                } catch (Exception e) {
                    if (errors.incrementAndGet() <= 3) {
                        System.err.println(name + ": " + e.getMessage());
                    }
                }
            }
        });
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Latencies(name, sorted.length, errors.get(), percentile(sorted, 50), percentile(sorted, 99));
    }

    static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    // ---- measure and report ------------------------------------------------------------------------

    /**
     * The reads on the full store, and the report. {@code figures} are name=value pairs measured by
     * scale.sh (store size, heap after a full GC, RSS, start time, load averages), printed as given.
     */
    static void measure(Path state, int seconds, int clients, Path output, String[] figures) throws Exception {
        JsonNode s = JSON.readTree(Files.readString(state));
        String apiKey = s.get("apiKey").asText();
        List<String> probes = new ArrayList<>();
        s.get("probes").forEach(p -> probes.add(p.asText()));
        // Just restarted: the JIT has compiled none of the read path yet, while the first measurement ran
        // in a process warmed by the whole load. A longer warm-up of each read evens that out.
        List<Latencies> big = measureReads(apiKey, probes, seconds, clients, 20);
        List<Latencies> small = Arrays.asList(JSON.treeToValue(s.get("small"), Latencies[].class));

        Map<String, String> given = new LinkedHashMap<>();
        for (String figure : figures) {
            int eq = figure.indexOf('=');
            given.put(figure.substring(0, eq), figure.substring(eq + 1));
        }
        long links = s.get("links").asLong();
        StringBuilder out = new StringBuilder();
        out.append("Liaison at scale, ").append(Instant.now()).append('\n');
        out.append(String.format(Locale.ROOT, "Machine: %d cores, Java %s; app heap %s; load average %s%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), given.getOrDefault("heapFlags", "?"),
                given.getOrDefault("load", "?")));
        out.append(String.format(Locale.ROOT, "Size: %,d contacts and %,d links (asked for %,d)%s, through POST /contacts/bulk and "
                + "POST /associations/relations/bulk, %d clients, %d items a request%n%n", s.get("contacts").asLong(), links,
                s.get("linksWanted").asLong(), s.get("timeBoundHit").asBoolean() ? ", the time bound stopped the load" : "", clients, BATCH));
        out.append("| figure | value |\n|---|---:|\n");
        out.append(String.format(Locale.ROOT, "| contacts load | %.0f s (%.0f contacts/s) |%n", s.get("contactSeconds").asDouble(),
                s.get("contacts").asDouble() / s.get("contactSeconds").asDouble()));
        out.append(String.format(Locale.ROOT, "| links load (after the probe graph) | %.0f s (%.0f links created/s, %.0f items judged/s) |%n",
                s.get("linkSeconds").asDouble(), (links - s.get("probeLinks").asLong()) / s.get("linkSeconds").asDouble(),
                s.get("linkItemsJudged").asDouble() / s.get("linkSeconds").asDouble()));
        given.forEach((name, value) -> {
            if (!name.equals("heapFlags") && !name.equals("load")) {
                out.append("| ").append(name).append(" | ").append(value).append(" |\n");
            }
        });
        out.append(String.format(Locale.ROOT, "%nReads on the probe graph (%,d contacts, %,d links among them), %d clients, %d s each, "
                + "with %,d links in the store vs with the probe graph's alone:%n%n", PROBE_CONTACTS, s.get("probeLinks").asLong(),
                clients, seconds, links));
        out.append("| read | p50 ms at 10k | p99 ms at 10k | p50 ms at full size | p99 ms at full size | p50 ratio | p99 ratio | errors |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < big.size(); i++) {
            Latencies a = small.get(i);
            Latencies b = big.get(i);
            out.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2fx | %.2fx | %d + %d |%n", b.name(), a.p50(), a.p99(),
                    b.p50(), b.p99(), b.p50() / a.p50(), b.p99() / a.p99(), a.errors(), b.errors()));
        }
        out.append("(targets: start to ready <= 10 s; each ratio <= 1.5x)\n");
        System.out.println(out);
        Files.createDirectories(output.toAbsolutePath().getParent());
        Files.writeString(output, out.toString());
    }

    // ---- HTTP --------------------------------------------------------------------------------------

    static HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(http + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Version", "2021-07-28").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void expect(HttpResponse<String> response, int... statuses) {
        if (Arrays.stream(statuses).noneMatch(s -> s == response.statusCode())) {
            throw new IllegalStateException(response.uri().getPath() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    static JsonNode call(String method, String path, Object body, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http + path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token).header("Version", "2021-07-28");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
