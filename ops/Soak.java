import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.io.UncheckedIOException;
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
 * and heap every sample. Run by ops/soak.sh, which starts and stops the packaged app (with private
 * webhook targets allowed, for the receiver below).
 *
 * <p>Besides the request mix of the clients: a webhook subscription to a receiver in this process (every
 * ContactCreate and RelationCreate is delivered there), and a contacts CSV import every few seconds, so
 * that numbering, delivery and the import worker run under the same load. At the end the soak waits
 * (bounded) for the deliveries to catch up and reports how many of the expected events arrived.
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
    /** Events the subscription should see: contacts and links created with 201, contacts created by imports. */
    static final AtomicLong eventsExpected = new AtomicLong();
    static final AtomicLong deliveriesReceived = new AtomicLong();
    static final AtomicLong importsFinished = new AtomicLong();
    static final AtomicLong importedLines = new AtomicLong();
    static final AtomicLong importLinesFailed = new AtomicLong();
    /** Lines per CSV import, and the pause between one import's end and the next upload. */
    static final int IMPORT_LINES = 500;
    static final Duration IMPORT_PAUSE = Duration.ofSeconds(5);

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

        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        receiver.createContext("/hooks", exchange -> {
            exchange.getRequestBody().readAllBytes();
            deliveriesReceived.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        receiver.start();
        String hook = send("POST", base + "/webhooks", key, "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/hooks\",\"events\":[\"ContactCreate\",\"RelationCreate\"]}");
        if (field(hook, "id") == null) {
            throw new IllegalStateException("Could not subscribe the soak's receiver (private targets allowed?): " + hook);
        }

        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Thread> workers = new ArrayList<>();
        Thread importer = new Thread(() -> importContacts(base, key, end), "soak-importer");
        importer.start();
        workers.add(importer);
        for (int i = 0; i < clients; i++) {
            Thread worker = new Thread(() -> work(base, key, locationId, association, end), "soak-" + i);
            worker.start();
            workers.add(worker);
        }
        System.out.println("  elapsed  requests   5xx  4xx(expected)  imports  delivered/expected  RSS MiB  heap after full GC MiB  non-heap MiB");
        List<Long> rss = new ArrayList<>();
        List<Long> live = new ArrayList<>();
        long started = System.nanoTime();
        while (System.nanoTime() < end) {
            Thread.sleep(sample * 1000L);
            long kib = residentKib(pid);
            // The live set: what the heap holds right after a full collection. (Micrometer's
            // jvm_gc_live_data_size_bytes is the old generation after the last collection of any kind,
            // which under G1 still counts garbage that no concurrent cycle has reclaimed yet.)
            fullGc(pid);
            String metrics = metrics(base);
            long liveMib = sum(metrics, "jvm_memory_used_bytes{area=\"heap\"") / 1024 / 1024;
            rss.add(kib / 1024);
            live.add(liveMib);
            System.out.printf(Locale.ROOT, "  %5d s  %8d  %4d  %13d  %7d  %18s  %7d  %22d  %12d%n", (System.nanoTime() - started) / 1_000_000_000L,
                    requests.get(), serverErrors.get(), clientErrors.get(), importsFinished.get(),
                    deliveriesReceived.get() + "/" + eventsExpected.get(), kib / 1024, liveMib,
                    sum(metrics, "jvm_memory_used_bytes{area=\"nonheap\"") / 1024 / 1024);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        verdict("Resident memory", rss);
        verdict("Heap after a full GC (live set)", live);
        System.out.printf(Locale.ROOT, "%d requests, %d server errors (5xx)%n", requests.get(), serverErrors.get());
        System.out.printf(Locale.ROOT, "%d CSV imports of %d lines finished: %d lines imported, %d failed%n", importsFinished.get(),
                IMPORT_LINES, importedLines.get(), importLinesFailed.get());
        // The backlog left when the load stops: how long numbering and delivery take to catch up.
        long drainStarted = System.nanoTime();
        long drainEnd = drainStarted + Duration.ofSeconds(120).toNanos();
        while (deliveriesReceived.get() < eventsExpected.get() && System.nanoTime() < drainEnd) {
            Thread.sleep(200);
        }
        System.out.printf(Locale.ROOT, "Webhook deliveries: %d of %d expected events (ContactCreate, RelationCreate), the last %.1f s after the load stopped%n",
                deliveriesReceived.get(), eventsExpected.get(), (System.nanoTime() - drainStarted) / 1e9);
        receiver.stop(0);
        System.exit(0);
    }

    /**
     * Flat: the last quarter's average is at most 10 % above the second quarter's (the first quarter is
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
        // Only growth counts against it: a live set that shrinks after warm-up is no leak.
        System.out.printf(Locale.ROOT, "%s: second quarter %.0f MiB, last quarter %.0f MiB: %+.1f %% -> %s%n",
                what, second, last, growth, growth <= 10 ? "FLAT" : "GROWING");
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
                        eventsExpected.incrementAndGet();
                        recentContacts.set((int) (contactsCreated.getAndIncrement() % recentContacts.length()), id);
                    }
                } else if (dice < 55) {
                    send("GET", base + "/contacts/" + someContact(random), key, null);
                } else if (dice < 70) {
                    send("POST", base + "/associations/relations", key, "{\"locationId\":\"" + locationId + "\",\"associationId\":\""
                            + association + "\",\"firstRecordId\":\"" + someContact(random) + "\",\"secondRecordId\":\""
                            + someContact(random) + "\"}");
                    if (lastStatus.get() == 201) {
                        eventsExpected.incrementAndGet();
                    }
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

    /** The status of this thread's last request. */
    static final ThreadLocal<Integer> lastStatus = ThreadLocal.withInitial(() -> 0);

    /**
     * A contacts CSV import of {@link #IMPORT_LINES} new people at a time, waiting for each job to finish,
     * until the end. Each imported contact is a ContactCreate for the subscription.
     */
    static void importContacts(String base, String key, long end) {
        int round = 0;
        while (System.nanoTime() < end) {
            try {
                StringBuilder csv = new StringBuilder("firstName,lastName,email\n");
                for (int line = 0; line < IMPORT_LINES; line++) {
                    csv.append("Imported,").append(round).append(',').append("soak-").append(round).append('-').append(line)
                            .append("@example.com\n");
                }
                round++;
                HttpRequest upload = HttpRequest.newBuilder(URI.create(base + "/contacts/import")).timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + key).header("Version", "2021-07-28").header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build();
                HttpResponse<String> accepted = HTTP.send(upload, HttpResponse.BodyHandlers.ofString());
                requests.incrementAndGet();
                if (accepted.statusCode() != 202) {
                    (accepted.statusCode() >= 500 ? serverErrors : clientErrors).incrementAndGet();
                    continue;
                }
                String job = field(accepted.body(), "id");
                String status;
                do {
                    Thread.sleep(500);
                    status = send("GET", base + "/imports/" + job, key, null);
                } while (!status.contains("\"finishedAt\"") && System.nanoTime() < end + Duration.ofSeconds(60).toNanos());
                long created = number(status, "created");
                importsFinished.incrementAndGet();
                importedLines.addAndGet(created);
                importLinesFailed.addAndGet(number(status, "failed"));
                eventsExpected.addAndGet(created);
                Thread.sleep(IMPORT_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                serverErrors.incrementAndGet();
            }
        }
    }

    static long number(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(json == null ? "" : json);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
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
        lastStatus.set(response.statusCode());
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

    /** Asks the server's JVM for a full collection (jcmd, from the JDK running this), and waits for it. */
    static void fullGc(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException("jcmd is needed to measure the live heap: " + jcmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
