package io.liaison.neo4j;

import io.liaison.config.LiaisonConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.neo4j.dbms.api.DatabaseManagementService;
import io.micrometer.core.instrument.MeterRegistry;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SimpleQueryRunner;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.TransactionConfig;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import java.util.Optional;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.connectioninfo.ClientConnectionInfo;
import org.neo4j.internal.kernel.api.security.AbstractSecurityLog;
import org.neo4j.internal.kernel.api.security.AccessMode;
import org.neo4j.internal.kernel.api.security.AuthSubject;
import org.neo4j.internal.kernel.api.security.LoginContext;
import org.neo4j.internal.kernel.api.security.SecurityContext;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.kernel.database.PrivilegeDatabaseReference;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * The one door to Neo4j. Reads run in read transactions and writes in write transactions, always
 * against a named database, so the same code is routed correctly by a cluster. Managed transactions
 * retry transient failures (deadlocks, leader switches), so callbacks must be idempotent.
 *
 * <p>Two budgets: the driver retries a lost server only briefly
 * (quarkus.neo4j.max-transaction-retry-time, 0.5 s), so an outage is a 503 within about a second and
 * a half; a transaction that lost a lock conflict (a deadlock between concurrent writers) is retried
 * here, after a short random pause, for up to {@link ConflictRetry#BOUND}, because it will succeed
 * ({@link ConflictRetry}, SmallRye Fault Tolerance). A read with a timeout is not retried.
 *
 * <p>Two ways to the database, one behaviour: when the database the driver points at runs in this JVM
 * (the embedded default, see {@link InProcessNeo4j}), transactions run on it directly, without the
 * Bolt round trip; otherwise through the driver. Callbacks see the driver's {@code TransactionContext}
 * either way, and failures arrive as the driver's exceptions, so no repository knows the difference.
 * LIAISON_IN_PROCESS_TRANSACTIONS=false forces Bolt.
 *
 * <p>Every call over Bolt is bounded: the driver has no read timeout, so a paused server would hold
 * the request as long as the pause lasts. A Bolt call runs on a thread of {@link #boltCalls} while the
 * caller waits; the caller gives up with ServiceUnavailableException (503) as soon as the
 * {@link BoltHeartbeat} finds the server silent (within about 1 s of the pause), or after
 * LIAISON_BOLT_CALL_TIMEOUT whatever happens. A call given up on is left to finish on its own thread
 * when the server answers again: like any request cut off by a timeout, a write may or may not have
 * been committed (an Idempotency-Key makes its retry safe).
 */
@ApplicationScoped
public class GraphDatabase {

    /** How often a caller waiting on a Bolt call looks at the heartbeat. */
    private static final Duration BOLT_CALL_CHECK = Duration.ofMillis(100);

    private static final Logger LOG = Logger.getLogger(GraphDatabase.class);

    private final Driver driver;
    private final SessionConfig sessionConfig;
    private final String database;
    /** The loopback Bolt port of the driver's URI when in-process transactions are allowed, else -1. */
    private final int inProcessPort;
    /** Transactions begun, by way and access: how an operator (and a test) sees what a request costs. */
    private TransactionCounters transactions = TransactionCounters.unexported();
    /** Null outside CDI (tools, tests of repositories): Bolt calls are then not bounded. */
    private final Duration boltCallTimeout;
    private final java.util.concurrent.ThreadPoolExecutor boltCalls;
    /** Started with the first Bolt call: a service whose transactions all run in process never pings. */
    private volatile BoltHeartbeat heartbeat;
    /**
     * Set once the schema is applied ({@link DatabaseReadiness}): from then on a silent server cuts calls
     * short. Not before: the start's schema statements on a server still warming up may take longer than
     * a ping may, and the start retries them anyway; LIAISON_BOLT_CALL_TIMEOUT bounds them.
     */
    private volatile boolean cutOffWhenSilent;
    /** Both ways, in process and over Bolt, retry a lost lock conflict through it. */
    private final ConflictRetry conflicts = ConflictRetry.forTransactions();

    @Inject
    public GraphDatabase(Driver driver, LiaisonConfig config, MeterRegistry registry) {
        this(driver, config.database(), config.inProcessTransactions()
                ? InProcessNeo4j.loopbackPort(ConfigProvider.getConfig().getOptionalValue("quarkus.neo4j.uri", String.class).orElse(""))
                : -1, config.boltCallTimeout());
        this.transactions = TransactionCounters.registeredIn(registry);
        // Said as a rule, not a state: this bean may be made before the embedded database has started.
        if (inProcessPort >= 0) {
            LOG.infof("Transactions run in-process whenever the database on Bolt port %d lives in this JVM (the embedded default), "
                    + "otherwise through the Neo4j driver", inProcessPort);
        } else {
            LOG.info("Transactions run through the Neo4j driver (Bolt)");
        }
    }

    /** Outside CDI (tests, tools such as the benchmark): always through the driver. */
    public GraphDatabase(Driver driver, String database) {
        this(driver, database, -1);
    }

    /**
     * Outside CDI, for a DBMS that this JVM hosts on the loopback {@code boltPort} (the benchmark's
     * in-process baseline): transactions run on it directly while it is hosted, as the service's do.
     */
    public static GraphDatabase inProcess(Driver driver, String database, int boltPort) {
        return new GraphDatabase(driver, database, boltPort);
    }

    /** Package-private for the parity test, which runs the same work both ways against one database. */
    GraphDatabase(Driver driver, String database, int inProcessPort) {
        this(driver, database, inProcessPort, null);
    }

    private GraphDatabase(Driver driver, String database, int inProcessPort, Duration boltCallTimeout) {
        this.driver = driver;
        this.database = database;
        this.sessionConfig = SessionConfig.forDatabase(database);
        this.inProcessPort = inProcessPort;
        this.boltCallTimeout = boltCallTimeout;
        this.boltCalls = boltCallTimeout == null ? null : boltCallPool();
    }

    /**
     * Threads for Bolt calls, made as needed and kept a minute. As many as the driver's pool has
     * connections: more could only wait for one. A call that finds none free is 503 at once.
     */
    private static java.util.concurrent.ThreadPoolExecutor boltCallPool() {
        java.util.concurrent.atomic.AtomicInteger threads = new java.util.concurrent.atomic.AtomicInteger();
        int max = ConfigProvider.getConfig().getOptionalValue("quarkus.neo4j.pool.max-connection-pool-size", Integer.class).orElse(100);
        return new java.util.concurrent.ThreadPoolExecutor(0, max, 60, TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "liaison-bolt-call-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Whether the Bolt server has stopped answering (see {@link BoltHeartbeat}); false before any Bolt call. */
    public boolean boltSilent() {
        BoltHeartbeat running = heartbeat;
        return cutOffWhenSilent && running != null && running.silent();
    }

    /** The service is in service: calls to a silent server are cut short from now on. */
    void cutOffWhenSilent() {
        cutOffWhenSilent = true;
    }

    @jakarta.annotation.PreDestroy
    void close() {
        BoltHeartbeat running = heartbeat;
        if (running != null) {
            running.close();
        }
        if (boltCalls != null) {
            // The threads only wait on Bolt (never an in-process commit): nothing to finish for them.
            boltCalls.shutdown();
        }
    }

    /** Runs one Bolt call within its bounds (see the class comment); unbounded outside CDI. */
    private <T> T overBolt(Supplier<T> call) {
        if (boltCalls == null) {
            return call.get();
        }
        java.util.concurrent.Future<T> result = startBoltCall(call::get);
        long giveUpAt = System.nanoTime() + boltCallTimeout.toNanos();
        while (true) {
            try {
                return result.get(BOLT_CALL_CHECK.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException notYet) {
                if (boltSilent()) {
                    throw new ServiceUnavailableException("The Neo4j server stopped answering during the call");
                }
                if (System.nanoTime() - giveUpAt > 0) {
                    throw new ServiceUnavailableException("The Neo4j call took longer than " + boltCallTimeout.toMillis() + " ms");
                }
            } catch (java.util.concurrent.ExecutionException failed) {
                if (failed.getCause() instanceof RuntimeException e) {
                    throw e;
                }
                if (failed.getCause() instanceof Error e) {
                    throw e;
                }
                throw new IllegalStateException(failed.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceUnavailableException("Interrupted while waiting for the Neo4j server");
            }
        }
    }

    /** Hands {@code call} to a Bolt call thread, unless the server is known to be silent or every thread is busy. */
    private <T> java.util.concurrent.Future<T> startBoltCall(java.util.concurrent.Callable<T> call) {
        if (heartbeat == null) {
            synchronized (this) {
                if (heartbeat == null) {
                    heartbeat = BoltHeartbeat.start(driver, sessionConfig);
                }
            }
        }
        if (boltSilent()) {
            throw new ServiceUnavailableException("The Neo4j server has not answered for " + BoltHeartbeat.SILENT_AFTER.toMillis() + " ms");
        }
        try {
            return boltCalls.submit(call);
        } catch (java.util.concurrent.RejectedExecutionException full) {
            throw new ServiceUnavailableException("Every connection to the Neo4j server is in use");
        }
    }

    /** The statements of a streamed read: they hand each row on with {@code emit} as it comes, never holding them all. */
    @FunctionalInterface
    public interface StreamedRead<R> {
        void run(SimpleQueryRunner tx, Consumer<R> emit);
    }

    /** Where a streamed read's rows go (an HTTP response being written). */
    @FunctionalInterface
    public interface RowSink<R> {
        void accept(R row) throws IOException;
    }

    /** Rows a streamed read over Bolt may run ahead of its sink. */
    private static final int STREAMED_ROWS_AHEAD = 256;
    private static final Object END_OF_ROWS = new Object();

    private record FailedRead(RuntimeException failure) {
    }

    /** Thrown on the Bolt call thread of a streamed read whose caller gave up, to end its transaction. */
    private static final class StreamAbandoned extends RuntimeException {
        StreamAbandoned() {
            super("The caller of a streamed read gave up", null, false, false);
        }
    }

    /**
     * One read transaction whose rows go to {@code sink} as they come: an export of any size, one
     * consistent snapshot, flat memory. Not retried: rows already handed on would be handed on again.
     *
     * <p>Bounded over Bolt like every other call, though it may rightly run longer than
     * LIAISON_BOLT_CALL_TIMEOUT: the statements run on a Bolt call thread and hand their rows to the
     * caller through a small queue; the caller gives up with ServiceUnavailableException as soon as the
     * {@link BoltHeartbeat} finds the server silent, or when no row has come for LIAISON_BOLT_CALL_TIMEOUT
     * (time the sink itself spends, a slow client, does not count). The transaction is then ended on its
     * own thread.
     */
    public <R> void readStreamed(StreamedRead<R> work, RowSink<R> sink) throws IOException {
        DatabaseManagementService local = inProcess();
        if (local != null) {
            transactions.inProcessRead.increment();
            var api = (GraphDatabaseAPI) local.database(database);
            try (Transaction tx = api.beginTransaction(KernelTransaction.Type.EXPLICIT, READ_ONLY, ClientConnectionInfo.EMBEDDED_CONNECTION)) {
                work.run(new InProcessTransaction(tx), row -> {
                    try {
                        sink.accept(row);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                tx.commit();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            } catch (RuntimeException e) {
                throw InProcessErrors.translate(e);
            }
            return;
        }
        transactions.boltRead.increment();
        SessionConfig readSession = SessionConfig.builder().withDatabase(database).withDefaultAccessMode(org.neo4j.driver.AccessMode.READ).build();
        if (boltCalls == null) {
            try (var session = driver.session(readSession); var tx = session.beginTransaction()) {
                work.run(tx, row -> {
                    try {
                        sink.accept(row);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            return;
        }
        var rows = new java.util.concurrent.ArrayBlockingQueue<Object>(STREAMED_ROWS_AHEAD);
        var abandoned = new java.util.concurrent.atomic.AtomicBoolean();
        startBoltCall(() -> {
            try (var session = driver.session(readSession); var tx = session.beginTransaction()) {
                work.run(tx, row -> handOn(rows, row, abandoned));
                handOn(rows, END_OF_ROWS, abandoned);
            } catch (StreamAbandoned e) {
                // The caller has gone; closing the transaction above was all there was left to do.
            } catch (RuntimeException e) {
                if (!abandoned.get()) {
                    handOn(rows, new FailedRead(e), abandoned);
                }
            }
            return null;
        });
        try {
            long lastRowAt = System.nanoTime();
            while (true) {
                Object next = rows.poll(BOLT_CALL_CHECK.toMillis(), TimeUnit.MILLISECONDS);
                if (next == null) {
                    if (boltSilent()) {
                        throw new ServiceUnavailableException("The Neo4j server stopped answering during a streamed read");
                    }
                    if (System.nanoTime() - lastRowAt > boltCallTimeout.toNanos()) {
                        throw new ServiceUnavailableException("No row of a streamed read came for " + boltCallTimeout.toMillis() + " ms");
                    }
                    continue;
                }
                if (next == END_OF_ROWS) {
                    return;
                }
                if (next instanceof FailedRead failed) {
                    throw failed.failure();
                }
                @SuppressWarnings("unchecked")
                R row = (R) next;
                sink.accept(row);
                lastRowAt = System.nanoTime();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("Interrupted while waiting for the Neo4j server");
        } finally {
            abandoned.set(true);
            rows.clear(); // frees a Bolt thread waiting to hand on a row
        }
    }

    /** Puts {@code item} in the queue, waiting while it is full, unless the caller has given up. */
    private static void handOn(java.util.concurrent.BlockingQueue<Object> rows, Object item, java.util.concurrent.atomic.AtomicBoolean abandoned) {
        try {
            while (!rows.offer(item, BOLT_CALL_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
                if (abandoned.get()) {
                    throw new StreamAbandoned();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamAbandoned();
        }
        if (abandoned.get()) {
            throw new StreamAbandoned();
        }
    }

    public <T> T read(TransactionCallback<T> work) {
        return conflicts.run(() -> {
            DatabaseManagementService local = inProcess();
            if (local != null) {
                return inProcess(local, work, null, true);
            }
            transactions.boltRead.increment();
            return overBolt(() -> {
                try (var session = driver.session(sessionConfig)) {
                    return session.executeRead(work);
                }
            });
        });
    }

    /** A read that the server abandons after {@code timeout}: the bound on queries whose cost depends on the graph. */
    public <T> T read(TransactionCallback<T> work, Duration timeout) {
        DatabaseManagementService local = inProcess();
        if (local != null) {
            return inProcess(local, work, timeout, true);
        }
        transactions.boltRead.increment();
        return overBolt(() -> {
            try (var session = driver.session(sessionConfig)) {
                return session.executeRead(work, TransactionConfig.builder().withTimeout(timeout).build());
            }
        });
    }

    /**
     * One write transaction. Inside a request, whatever the request asked to commit with its first write
     * ({@link RequestFirstWrite}) runs at the end of this transaction, so it commits with it or not at all.
     */
    public <T> T write(TransactionCallback<T> work) {
        RequestFirstWrite request = RequestFirstWrite.ofCurrentRequest();
        RequestFirstWrite.Statements alsoCommit = request == null ? null : request.pending();
        if (alsoCommit == null) {
            return writeOnly(work);
        }
        T result = writeOnly(tx -> {
            T answer = work.execute(tx);
            alsoCommit.run(tx);
            return answer;
        });
        request.committed(alsoCommit);
        return result;
    }

    /**
     * Runs {@code work} in a write transaction that is always rolled back: its statements are parsed,
     * planned and executed as a request's would be, and nothing is committed (see {@link PlanWarmUp}).
     */
    public void rehearse(TransactionCallback<?> work) {
        try {
            writeOnly(tx -> {
                work.execute(tx);
                throw new RolledBack();
            });
        } catch (RolledBack expected) {
            // The rehearsal ran to its end and was rolled back.
        }
    }

    /** Thrown at the end of a rehearsal so that its transaction rolls back, in process or over Bolt. */
    private static final class RolledBack extends RuntimeException {
        RolledBack() {
            super("rehearsal rolled back", null, false, false);
        }
    }

    private <T> T writeOnly(TransactionCallback<T> work) {
        return conflicts.run(() -> {
            DatabaseManagementService local = inProcess();
            if (local != null) {
                return inProcess(local, work, null, false);
            }
            transactions.boltWrite.increment();
            return overBolt(() -> {
                try (var session = driver.session(sessionConfig)) {
                    return session.executeWrite(work);
                }
            });
        });
    }

    /** The in-process way's read transactions: every statement may read, none may write. */
    private static final LoginContext READ_ONLY = new LoginContext(AuthSubject.AUTH_DISABLED, ClientConnectionInfo.EMBEDDED_CONNECTION) {
        @Override
        public SecurityContext authorize(IdLookup idLookup, PrivilegeDatabaseReference database, AbstractSecurityLog securityLog) {
            return SecurityContext.AUTH_DISABLED.withMode(AccessMode.Static.READ);
        }
    };

    /** The database itself when it runs in this JVM (Neo4j's Java API, for work that needs no Cypher); empty over Bolt. */
    Optional<GraphDatabaseService> inProcessDatabase() {
        return Optional.ofNullable(inProcess()).map(dbms -> dbms.database(database));
    }

    /** The DBMS to run on directly, or null for Bolt: looked up per transaction, as it may stop and start. */
    private DatabaseManagementService inProcess() {
        return InProcessNeo4j.at(inProcessPort).orElse(null);
    }

    /**
     * One transaction on the in-process DBMS: committed when the work returns, rolled back when it
     * throws. A read runs in read-only access mode, as the driver's read transactions do on a server,
     * so a statement that writes in a read fails here too, not first in a cluster.
     */
    private <T> T inProcess(DatabaseManagementService dbms, TransactionCallback<T> work, Duration timeout, boolean readOnly) {
        (readOnly ? transactions.inProcessRead : transactions.inProcessWrite).increment();
        var api = (GraphDatabaseAPI) dbms.database(database);
        LoginContext login = readOnly ? READ_ONLY : LoginContext.AUTH_DISABLED;
        try (Transaction tx = timeout == null
                ? api.beginTransaction(KernelTransaction.Type.EXPLICIT, login, ClientConnectionInfo.EMBEDDED_CONNECTION)
                : api.beginTransaction(KernelTransaction.Type.EXPLICIT, login, ClientConnectionInfo.EMBEDDED_CONNECTION,
                        timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            T result = work.execute(new InProcessTransaction(tx));
            tx.commit();
            return result;
        } catch (RuntimeException e) {
            throw InProcessErrors.translate(e);
        }
    }

    public Driver driver() {
        return driver;
    }

    public SessionConfig sessionConfig() {
        return sessionConfig;
    }
}
