package bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bulk writes through the HTTP API of a running service (bench/bulk.sh starts one on a fresh
 * store): bulk contact upsert (contacts/s), bulk link create with every rule checked (items/s, 4
 * clients, 1,000 per request), and a CSV import of relations (lines/s, and the service's heap while it
 * runs). Not a test: compiled with the tests, run by bench/bulk.sh; figures in docs/design/bulk-writes.md.
 *
 * <pre>java -cp ... src/test/java/bench/BulkLoad.java baseUrl agencyToken contacts linkSeconds csvLines appPid</pre>
 */
public final class BulkLoad {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static final int PER_REQUEST = 1000;
    static final int CLIENTS = 4;

    static String base;

    public static void main(String[] args) throws Exception {
        base = args[0];
        String agency = args[1];
        int contacts = Integer.parseInt(args[2]);
        int linkSeconds = Integer.parseInt(args[3]);
        int csvLines = Integer.parseInt(args[4]);
        long appPid = Long.parseLong(args[5]);
        String locationId = send("POST", "/locations/", Map.of("name", "Bulk load"), agency).get("id").asText();
        String key = send("POST", "/locations/" + locationId + "/api-keys", null, agency).get("apiKey").asText();
        System.out.printf(Locale.ROOT, "Bulk load on %s: %d contacts, links for %d s, CSV of %d lines; load average %.2f%n", base,
                contacts, linkSeconds, csvLines, load());

        // Contacts, by bulk upsert: 4 clients, 1,000 per request, each contact new (its own email and phone).
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>(contacts));
        AtomicInteger nextBatch = new AtomicInteger();
        long cpuBefore = cpuMillis(appPid);
        long begin = System.nanoTime();
        parallel(() -> {
            int b;
            while ((b = nextBatch.getAndIncrement()) * PER_REQUEST < contacts) {
                List<Map<String, Object>> items = new ArrayList<>();
                for (int i = b * PER_REQUEST; i < Math.min(contacts, (b + 1) * PER_REQUEST); i++) {
                    items.add(Map.of("firstName", "First" + i, "lastName", "Last" + i, "email", "person" + i + "@bulk.example.com",
                            "phone", "+1 888 2" + String.format(Locale.ROOT, "%06d", i), "tags", List.of("bulk")));
                }
                JsonNode answer = send("POST", "/contacts/bulk", Map.of("locationId", locationId, "contacts", items), key);
                answer.get("results").forEach(r -> ids.add(r.get("contact").get("id").asText()));
            }
        });
        double seconds = (System.nanoTime() - begin) / 1e9;
        System.out.printf(Locale.ROOT, "contact bulk upsert: %d contacts in %.1f s = %.0f contacts/s; app CPU %.3f ms per contact%n",
                ids.size(), seconds, ids.size() / seconds, (cpuMillis(appPid) - cpuBefore) / (double) ids.size());

        // Links by bulk: random pairs, a label of its own with no cardinality limit; refused items count as judged.
        String label = send("POST", "/associations/", Map.of("locationId", locationId, "key", "bulk_knows", "firstObjectKey", "contact",
                "firstObjectLabel", "Knows", "secondObjectKey", "contact", "secondObjectLabel", "Known by"), key).get("id").asText();
        AtomicLong judged = new AtomicLong();
        AtomicLong created = new AtomicLong();
        long end = System.nanoTime() + linkSeconds * 1_000_000_000L;
        cpuBefore = cpuMillis(appPid);
        begin = System.nanoTime();
        parallel(() -> {
            while (System.nanoTime() < end) {
                List<Map<String, Object>> items = new ArrayList<>();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < PER_REQUEST; i++) {
                    int a = random.nextInt(ids.size());
                    int b = (a + 1 + random.nextInt(ids.size() - 1)) % ids.size();
                    items.add(Map.of("associationId", label, "firstRecordId", ids.get(a), "secondRecordId", ids.get(b)));
                }
                JsonNode answer = send("POST", "/associations/relations/bulk", Map.of("locationId", locationId, "relations", items), key);
                judged.addAndGet(PER_REQUEST);
                created.addAndGet(answer.get("created").asLong());
            }
        });
        seconds = (System.nanoTime() - begin) / 1e9;
        System.out.printf(Locale.ROOT, "bulk link create: %d items (%d created) in %.1f s = %.0f items/s; app CPU %.3f ms per item%n",
                judged.get(), created.get(), seconds, judged.get() / seconds, (cpuMillis(appPid) - cpuBefore) / (double) judged.get());

        if (csvLines > 0) {
            // A CSV of distinct pairs under another label: contact i links to the next ones, so no line is refused
            // and each contact has at most 2 * perContact links (far below the cap).
            String csvLabel = send("POST", "/associations/", Map.of("locationId", locationId, "key", "csv_knows", "firstObjectKey",
                    "contact", "firstObjectLabel", "Refers", "secondObjectKey", "contact", "secondObjectLabel", "Referred by"), key)
                    .get("id").asText();
            int perContact = (csvLines + ids.size() - 1) / ids.size();
            Path csv = Files.createTempFile("liaison-relations", ".csv");
            try (var out = Files.newBufferedWriter(csv)) {
                out.write("associationId,firstRecordId,secondRecordId\n");
                int written = 0;
                for (int step = 1; step <= perContact && written < csvLines; step++) {
                    for (int i = 0; i < ids.size() && written < csvLines; i++, written++) {
                        out.write(csvLabel + "," + ids.get(i) + "," + ids.get((i + step) % ids.size()) + "\n");
                    }
                }
            }
            System.out.printf(Locale.ROOT, "CSV: %d lines, %.1f MB%n", csvLines, Files.size(csv) / 1e6);
            cpuBefore = cpuMillis(appPid);
            begin = System.nanoTime();
            HttpRequest upload = HttpRequest.newBuilder(URI.create(base + "/associations/relations/import"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "text/csv").header("Version", "2021-07-28")
                    .POST(HttpRequest.BodyPublishers.ofFile(csv)).timeout(Duration.ofMinutes(5)).build();
            HttpResponse<String> accepted = HTTP.send(upload, HttpResponse.BodyHandlers.ofString());
            if (accepted.statusCode() != 202) {
                throw new IllegalStateException("import refused: " + accepted.statusCode() + " " + accepted.body());
            }
            String job = JSON.readTree(accepted.body()).get("id").asText();
            double uploaded = (System.nanoTime() - begin) / 1e9;
            long maxRssKb = 0;
            double maxHeapMb = 0;
            JsonNode status;
            while (true) {
                Thread.sleep(2000);
                status = send("GET", "/imports/" + job, null, key);
                maxRssKb = Math.max(maxRssKb, rssKb(appPid));
                maxHeapMb = Math.max(maxHeapMb, heapUsedMb());
                String s = status.get("status").asText();
                if (!s.equals("QUEUED") && !s.equals("RUNNING")) {
                    break;
                }
            }
            seconds = (System.nanoTime() - begin) / 1e9;
            Files.delete(csv);
            System.out.printf(Locale.ROOT, "CSV import of %d relations: %s, %d created, %d failed, in %.1f s (upload %.1f s) = %.0f lines/s; "
                    + "app CPU %.3f ms per line; app heap used at most %.0f MB (sampled every 2 s), RSS at most %.0f MB%n", status.get("processed").asLong(),
                    status.get("status").asText(), status.get("created").asLong(), status.get("failed").asLong(), seconds, uploaded,
                    status.get("processed").asLong() / seconds, (cpuMillis(appPid) - cpuBefore) / (double) Math.max(1, csvLines),
                    maxHeapMb, maxRssKb / 1024.0);
        }
        System.out.printf(Locale.ROOT, "load average at the end %.2f%n", load());
    }

    interface Client {
        void run() throws Exception;
    }

    static void parallel(Client client) throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < CLIENTS; c++) {
            Thread t = new Thread(() -> {
                try {
                    client.run();
                } catch (Exception e) {
                    failures.add(e);
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    static JsonNode send(String method, String path, Object body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token).header("Version", "2021-07-28").header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + new String(response.body()));
        }
        return JSON.readTree(response.body());
    }

    /** The service's heap in use, from its metrics (Micrometer's jvm_memory_used_bytes, area heap). */
    static double heapUsedMb() throws Exception {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        double bytes = 0;
        for (String line : metrics.body().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                bytes += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return bytes / 1e6;
    }

    static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The app's user + system CPU time, from /proc (Linux). */
    static long cpuMillis(long pid) throws Exception {
        String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceAll("^.*\\) ", "").split(" ");
        long ticks = Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
        return ticks * 10; // USER_HZ is 100 on Linux
    }

    static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return 0;
    }
}
