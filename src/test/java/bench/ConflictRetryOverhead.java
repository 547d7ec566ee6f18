package bench;

import io.liaison.neo4j.ConflictRetry;
import io.liaison.neo4j.EmbeddedNeo4j;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Neo4jErrors;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.exceptions.TransientException;

/**
 * What the conflict retry costs a transaction that wins at once (the common case): the CPU time and
 * the bytes allocated per call of {@link ConflictRetry} (SmallRye Fault Tolerance's Guard) and of the
 * hand-written loop it replaced, on a transaction that does nothing, in rounds alternating in one JVM
 * and thread; then, for scale, the CPU time of the smallest real write transaction run in process
 * through {@link GraphDatabase} (which includes the Guard).
 *
 * <pre>
 *   ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
 *   java -Xmx1g -cp target/classes:target/test-classes:$(cat target/bench.cp) bench.ConflictRetryOverhead [callsPerRound] [rounds] [transactions]
 * </pre>
 * Not a test: compiled with the tests so a signature change breaks the build.
 */
public final class ConflictRetryOverhead {

    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static volatile Object sink;

    public static void main(String[] args) throws Exception {
        OutsideQuarkus.main(args, ConflictRetryOverhead::run);
    }

    private static void run(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int transactions = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        System.out.printf(Locale.ROOT, "Conflict retry overhead: %d calls per round, %d rounds each, alternating; load average %.2f%n",
                calls, rounds, load());
        ConflictRetry guard = ConflictRetry.forTransactions();
        Supplier<Object> noWork = () -> "committed";
        for (int warmUp = 0; warmUp < 5; warmUp++) {
            round(calls, work -> handWritten(work), noWork);
            round(calls, guard::run, noWork);
        }
        double[][] handWritten = new double[rounds][];
        double[][] guarded = new double[rounds][];
        for (int i = 0; i < rounds; i++) {
            handWritten[i] = round(calls, work -> handWritten(work), noWork);
            guarded[i] = round(calls, guard::run, noWork);
        }
        double loopNs = median(handWritten, 0);
        double guardNs = median(guarded, 0);
        System.out.printf(Locale.ROOT, "hand-written loop: %.1f ns CPU, %.0f bytes allocated per call (median of %d rounds)%n",
                loopNs, median(handWritten, 1), rounds);
        System.out.printf(Locale.ROOT, "Fault Tolerance Guard: %.1f ns CPU, %.0f bytes allocated per call (median of %d rounds)%n",
                guardNs, median(guarded, 1), rounds);
        System.out.printf(Locale.ROOT, "Guard / loop: %.1f x, %.2f us more per transaction%n", guardNs / loopNs, (guardNs - loopNs) / 1000);
        if (transactions > 0) {
            smallestWrite(transactions);
        }
        System.out.printf(Locale.ROOT, "load average at the end %.2f%n", load());
    }

    private interface Retry {
        Object run(Supplier<Object> work);
    }

    /** {ns CPU per call, bytes allocated per call} of one round. */
    private static double[] round(int calls, Retry retry, Supplier<Object> work) {
        long thread = Thread.currentThread().getId();
        long bytes = THREADS.getThreadAllocatedBytes(thread);
        long cpu = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
            sink = retry.run(work);
        }
        long cpuNs = THREADS.getCurrentThreadCpuTime() - cpu;
        long allocated = THREADS.getThreadAllocatedBytes(thread) - bytes;
        return new double[] {(double) cpuNs / calls, (double) allocated / calls};
    }

    private static double median(double[][] rounds, int column) {
        double[] values = Arrays.stream(rounds).mapToDouble(r -> r[column]).sorted().toArray();
        return values[values.length / 2];
    }

    /** The smallest write transaction in process, through GraphDatabase: what the Guard's share is a share of. */
    private static void smallestWrite(int transactions) throws Exception {
        Path home = Files.createTempDirectory("liaison-conflict-retry");
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (EmbeddedNeo4j neo4j = EmbeddedNeo4j.start(home, port, "64m");
                Driver driver = org.neo4j.driver.GraphDatabase.driver(neo4j.boltUri(), AuthTokens.none())) {
            GraphDatabase db = GraphDatabase.inProcess(driver, "neo4j", port);
            for (int round = 0; round < 2; round++) { // the first warms up
                long cpu = THREADS.getCurrentThreadCpuTime();
                for (int i = 0; i < transactions; i++) {
                    sink = db.write(tx -> tx.run("RETURN 1").consume());
                }
                double us = (THREADS.getCurrentThreadCpuTime() - cpu) / 1000.0 / transactions;
                if (round == 1) {
                    System.out.printf(Locale.ROOT, "smallest in-process write transaction through GraphDatabase (RETURN 1): %.1f us CPU of the calling thread%n", us);
                }
            }
        }
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    // The loop GraphDatabase had before ConflictRetry (retryingConflicts and pauseBeforeRetry), as it was.

    private static final Duration CONFLICT_RETRY_TIME = Duration.ofSeconds(30);

    private static <T> T handWritten(Supplier<T> transaction) {
        long giveUpAt = System.nanoTime() + CONFLICT_RETRY_TIME.toNanos();
        while (true) {
            try {
                return transaction.get();
            } catch (TransientException e) {
                if (!Neo4jErrors.isTransactionConflict(e) || System.nanoTime() - giveUpAt > 0) {
                    throw e;
                }
                pauseBeforeRetry();
            }
        }
    }

    private static void pauseBeforeRetry() {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 100));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying a transaction", interrupted);
        }
    }
}
