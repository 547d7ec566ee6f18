import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mixed load against a running Liaison for a bounded time, printing the server's resident memory
 * and heap every sample. Run by ops/soak.sh, which starts and stops the packaged app.
 *
 * <p>Arguments: baseUrl agencyToken serverPid seconds clients sampleSeconds
 */
public class Soak {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final AtomicLong requests = new AtomicLong();
    static final AtomicLong serverErrors = new AtomicLong();
    static final AtomicLong clientErrors = new AtomicLong();
    static final AtomicReferenceArray<String> recentContacts = new AtomicReferenceArray<>(1000);
    static final AtomicLong contactsCreated = new AtomicLong();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String agency = args[1];
        long pid = Long.parseLong(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int clients = Integer.parseInt(args[4]);
        int sample = Integer.parseInt(args[5]);

        String locationId = field(send("POST", base + "/locations/", agency, "{\"name\":\"Soak\"}"), "id");
        String key = field(send("POST", base + "/locations/" + locationId + "/api-keys", agency, null), "apiKey");
        String association = field(send("POST", base + "/associations/", key, "{\"locationId\":\"" + locationId
                + "\",\"key\":\"soak_colleague\",\"firstObjectKey\":\"contact\",\"firstObjectLabel\":\"Colleague\","
                + "\"secondObjectKey\":\"contact\"}"), "id");

        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread worker = new Thread(() -> work(base, key, locationId, association, end), "soak-" + i);
            worker.start();
            workers.add(worker);
        }
        System.out.println("  elapsed  requests   5xx  4xx(expected)  RSS MiB  live heap after GC MiB  non-heap MiB");
        List<Long> rss = new ArrayList<>();
        List<Long> live = new ArrayList<>();
        long started = System.nanoTime();
        while (System.nanoTime() < end) {
            Thread.sleep(sample * 1000L);
            long kib = residentKib(pid);
            String metrics = metrics(base);
            long liveMib = sum(metrics, "jvm_gc_live_data_size_bytes") / 1024 / 1024;
            rss.add(kib / 1024);
            live.add(liveMib);
            System.out.printf(Locale.ROOT, "  %5d s  %8d  %4d  %13d  %7d  %22d  %12d%n", (System.nanoTime() - started) / 1_000_000_000L,
                    requests.get(), serverErrors.get(), clientErrors.get(), kib / 1024, liveMib,
                    sum(metrics, "jvm_memory_used_bytes{area=\"nonheap\"") / 1024 / 1024);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        verdict("Resident memory", rss);
        verdict("Live heap after GC", live);
        System.out.printf(Locale.ROOT, "%d requests, %d server errors (5xx)%n", requests.get(), serverErrors.get());
    }

    /**
     * Flat: the last quarter's average is within 10 % of the second quarter's (the first quarter is
     * warm-up: JIT, class loading, the page cache filling).
     */
    static void verdict(String what, List<Long> samples) {
        if (samples.size() < 8) {
            System.out.println(what + ": too few samples for a verdict; run longer.");
            return;
        }
        int quarter = samples.size() / 4;
        double second = samples.subList(quarter, 2 * quarter).stream().mapToLong(Long::longValue).average().orElse(0);
        double last = samples.subList(samples.size() - quarter, samples.size()).stream().mapToLong(Long::longValue).average().orElse(0);
        double growth = second == 0 ? 0 : (last - second) / second * 100;
        System.out.printf(Locale.ROOT, "%s: second quarter %.0f MiB, last quarter %.0f MiB: %+.1f %% -> %s%n",
                what, second, last, growth, Math.abs(growth) <= 10 ? "FLAT" : "GROWING");
    }

    static void work(String base, String key, String locationId, String association, long end) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < end) {
            int dice = random.nextInt(100);
            try {
                if (dice < 30 || contactsCreated.get() < 10) {
                    String body = "{\"locationId\":\"" + locationId + "\",\"firstName\":\"Soak\",\"lastName\":\"" + random.nextInt(1_000_000)
                            + "\",\"tags\":[\"soak\"]}";
                    String id = field(send("POST", base + "/contacts/", key, body), "id");
                    if (id != null) {
                        recentContacts.set((int) (contactsCreated.getAndIncrement() % recentContacts.length()), id);
                    }
                } else if (dice < 55) {
                    send("GET", base + "/contacts/" + someContact(random), key, null);
                } else if (dice < 70) {
                    send("POST", base + "/associations/relations", key, "{\"locationId\":\"" + locationId + "\",\"associationId\":\""
                            + association + "\",\"firstRecordId\":\"" + someContact(random) + "\",\"secondRecordId\":\""
                            + someContact(random) + "\"}");
                } else if (dice < 85) {
                    send("GET", base + "/associations/relations/" + someContact(random) + "?locationId=" + locationId + "&limit=20", key, null);
                } else if (dice < 95) {
                    send("POST", base + "/contacts/search", key, "{\"locationId\":\"" + locationId + "\",\"pageLimit\":20}");
                } else {
                    send("GET", base + "/contacts/", "not-a-key", null);
                }
            } catch (Exception e) {
                serverErrors.incrementAndGet();
            }
        }
    }

    static String someContact(ThreadLocalRandom random) {
        long known = Math.min(contactsCreated.get(), recentContacts.length());
        String id = known == 0 ? null : recentContacts.get(random.nextInt((int) known));
        return id == null ? "missing0000000000000" : id;
    }

    static String send(String method, String url, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Version", "2021-07-28");
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        requests.incrementAndGet();
        if (response.statusCode() >= 500) {
            serverErrors.incrementAndGet();
        } else if (response.statusCode() >= 400) {
            clientErrors.incrementAndGet();
        }
        return response.body();
    }

    static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json == null ? "" : json);
        return matcher.find() ? matcher.group(1) : null;
    }

    static long residentKib(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    static String metrics(String base) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "";
        }
    }

    /** The sum of every series of a metric whose line starts with {@code prefix}. */
    static long sum(String metrics, String prefix) {
        double total = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(prefix)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) total;
    }
}
