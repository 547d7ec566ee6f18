package bench;

import com.sun.net.httpserver.HttpServer;
import io.liaison.event.EventOutbox;
import io.liaison.event.EventType;
import io.liaison.event.WebhookDispatcher;
import io.liaison.neo4j.EmbeddedNeo4j;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.SchemaMigrations;
import io.liaison.neo4j.Timestamps;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Values;

/**
 * The event pipeline below HTTP (docs/design/events.md): one JVM boots an embedded Neo4j with the
 * service's schema, appends events through {@link EventOutbox} as write paths do, and measures
 *
 * <ul>
 * <li><b>numbering</b>: rounds of {@code perRound} new events spread over {@code locations}, each round
 *     numbered by the dispatcher as the service's background thread does; the CPU time of the numbering
 *     thread per event (ThreadMXBean) and of the whole JVM (Neo4j's own threads included);
 * <li><b>delivery</b>: {@code deliveries} events, one subscription per location pointing at a fast local
 *     HTTP receiver (answers 204 at once); the dispatcher runs its service loop and the receiver counts
 *     deliveries per second until all have arrived;
 * <li><b>stop</b>: {@code stopBacklog} new events, the loop numbering them for 3 s, then the time from
 *     the stop signal to the loop's end (the dispatcher's share of the service's clean stop).
 * </ul>
 *
 * <pre>
 *   ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
 *   java -Xmx1g -cp target/classes:target/test-classes:$(cat target/bench.cp) bench.EventPipeline [events] [perRound] [locations] [deliveries] [stopBacklog]
 * </pre>
 * or {@code bench/events.sh}. Not a test: compiled with the tests so a signature change breaks the build.
 */
public final class EventPipeline {

    /** Events numbered per batch: LIAISON_WEBHOOKS_NUMBERING_BATCH_SIZE's default, or -Dbench.numberingBatch. */
    private static final int NUMBERING_BATCH = Integer.getInteger("bench.numberingBatch", 250);

    public static void main(String[] args) throws Exception {
        OutsideQuarkus.main(args, EventPipeline::run);
    }

    private static void run(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int locations = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int deliveries = args.length > 3 ? Integer.parseInt(args[3]) : 5_000;
        int stopBacklog = args.length > 4 ? Integer.parseInt(args[4]) : 100_000;
        Path home = Files.createTempDirectory("liaison-event-pipeline");
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(home, port, "512m");
        try (Driver driver = org.neo4j.driver.GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none())) {
            GraphDatabase db = GraphDatabase.inProcess(driver, "neo4j", port);
            new SchemaMigrations(db).migrate();
            List<String> locationIds = new ArrayList<>();
            for (int i = 0; i < locations; i++) {
                locationIds.add("benchEvents" + i + Ids.random(8));
            }
            System.out.printf(Locale.ROOT, "Event pipeline: %d events numbered in rounds of %d, %d locations, %d deliveries; load average %.2f%n",
                    events, perRound, locations, deliveries, load());
            numbering(db, locationIds, Math.min(events, 2 * perRound), perRound); // warm-up
            double[] numbered = numbering(db, locationIds, events, perRound);
            System.out.printf(Locale.ROOT, "numbering: %.0f events/s while numbering, %.1f us numbering-thread CPU per event, %.1f us JVM CPU per event%n",
                    numbered[0], numbered[1], numbered[2]);
            if (deliveries > 0) {
                double rate = delivery(db, locationIds, deliveries);
                System.out.printf(Locale.ROOT, "delivery: %.0f deliveries/s to a local receiver%n", rate);
            }
            if (stopBacklog > 0) {
                stopDuringBacklog(db, locationIds, stopBacklog);
            }
            System.out.printf(Locale.ROOT, "load average at the end %.2f%n", load());
        } finally {
            neo4j.close();
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void append(GraphDatabase db, List<String> locationIds, int count) {
        List<Map<String, Object>> prepared = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String location = locationIds.get(i % locationIds.size());
            prepared.add(EventOutbox.prepare(location, EventType.ContactCreate, Map.of("id", Ids.newId(), "firstName", "Bench" + i)));
        }
        for (int from = 0; from < count; from += 500) {
            List<Map<String, Object>> chunk = prepared.subList(from, Math.min(count, from + 500));
            db.write(tx -> {
                new EventOutbox().appendPrepared(tx, chunk);
                return null;
            });
        }
    }

    private static WebhookDispatcher dispatcher(GraphDatabase db) {
        // The service's defaults (WebhooksConfig), with private targets allowed for the loopback receiver.
        return new WebhookDispatcher(db, new Locks(db), new WebhookDispatcher.Settings(3, Duration.ofSeconds(10), Duration.ofMinutes(1),
                Duration.ofSeconds(5), 32, 4, 200, NUMBERING_BATCH, true), Clock.systemUTC());
    }

    /** events/s while numbering, numbering-thread CPU us per event, JVM CPU us per event. */
    private static double[] numbering(GraphDatabase db, List<String> locationIds, int events, int perRound) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long threadCpu = 0;
        long processCpu = 0;
        long wall = 0;
        long numbered = 0;
        try (WebhookDispatcher dispatcher = dispatcher(db)) {
            for (int done = 0; done < events; done += perRound) {
                append(db, locationIds, Math.min(perRound, events - done));
                long thread0 = threads.getCurrentThreadCpuTime();
                long process0 = os.getProcessCpuTime();
                long wall0 = System.nanoTime();
                int n;
                do {
                    n = dispatcher.numberNewEvents();
                    numbered += n;
                } while (n > 0);
                wall += System.nanoTime() - wall0;
                threadCpu += threads.getCurrentThreadCpuTime() - thread0;
                processCpu += os.getProcessCpuTime() - process0;
            }
        }
        return new double[] {numbered / (wall / 1e9), threadCpu / 1e3 / numbered, processCpu / 1e3 / numbered};
    }

    /** Deliveries per second from the first to the last delivery received. */
    private static double delivery(GraphDatabase db, List<String> locationIds, int deliveries) throws Exception {
        AtomicLong received = new AtomicLong();
        AtomicLong firstAt = new AtomicLong();
        AtomicLong lastAt = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        receiver.setExecutor(Executors.newFixedThreadPool(16, task -> {
            Thread thread = new Thread(task, "bench-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            long now = System.nanoTime();
            firstAt.compareAndSet(0, now);
            lastAt.set(now);
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
        for (String location : locationIds) {
            db.write(tx -> tx.run("""
                    CREATE (:WebhookSubscription {id: $id, locationId: $locationId, url: $url, events: ['ContactCreate'],
                                                  secret: $secret, createdAt: datetime()})""",
                    Values.parameters("id", Ids.newId(), "locationId", location, "url", url,
                            "secret", "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]))).consume());
        }
        append(db, locationIds, deliveries);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long began = System.nanoTime();
        try (WebhookDispatcher dispatcher = dispatcher(db)) {
            Thread loop = new Thread(() -> serviceLoop(dispatcher), "bench-dispatcher");
            loop.setDaemon(true);
            loop.start();
            long giveUpAt = began + Duration.ofMinutes(10).toNanos();
            while (received.get() < deliveries && System.nanoTime() < giveUpAt) {
                Thread.sleep(50);
            }
            stopLoop(dispatcher, loop);
        } finally {
            receiver.stop(0);
        }
        double seconds = (lastAt.get() - firstAt.get()) / 1e9;
        System.out.printf(Locale.ROOT, "delivery: %d of %d received in %.1f s after the first (%.1f s from the start), %.2f ms JVM CPU per delivery%n",
                received.get(), deliveries, seconds, (lastAt.get() - began) / 1e9, (os.getProcessCpuTime() - cpu0) / 1e6 / Math.max(1, received.get()));
        return received.get() / Math.max(seconds, 1e-3);
    }

    /**
     * How long the dispatcher's loop takes to stop while it numbers a large backlog: the service's stop
     * waits for it (CooperativeStop), so this is the dispatcher's share of a clean stop.
     */
    private static void stopDuringBacklog(GraphDatabase db, List<String> locationIds, int backlog) throws Exception {
        append(db, locationIds, backlog);
        WebhookDispatcher dispatcher = dispatcher(db);
        Thread loop = new Thread(() -> serviceLoop(dispatcher), "bench-dispatcher");
        loop.setDaemon(true);
        loop.start();
        Thread.sleep(3000);
        double load = load();
        long began = System.nanoTime();
        dispatcher.closing();
        loop.join(60_000);
        long loopEnded = System.nanoTime();
        dispatcher.close();
        System.out.printf(Locale.ROOT, "stop: with a %d-event backlog being numbered, the loop ended %.0f ms after the signal, senders %.0f ms later (load %.2f)%n",
                backlog, (loopEnded - began) / 1e6, (System.nanoTime() - loopEnded) / 1e6, load);
    }

    /** What DispatcherLifecycle runs: the dispatcher's loop, polling every second when idle. */
    private static void serviceLoop(WebhookDispatcher dispatcher) {
        dispatcher.run(Duration.ofSeconds(1), true);
    }

    private static void stopLoop(WebhookDispatcher dispatcher, Thread loop) throws InterruptedException {
        dispatcher.closing();
        loop.join(5000);
    }
}
