package io.liaison.neo4j;

import io.liaison.error.Errors;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.Priorities;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;

/**
 * Brings the database into service: applies the schema at start-up, then lets the first-run
 * bootstrap follow ({@link SchemaApplied}).
 *
 * <p>An external server may not answer yet (a container still starting, a cluster still electing a
 * leader). The service then starts anyway, reports not ready on /q/health/ready
 * ({@link SchemaHealthCheck}), answers every API call with 503 and Retry-After, and keeps trying in
 * the background with a growing pause. Requests wait for the schema because its uniqueness constraints are what keep ids, emails and phones unique.
 * The embedded database lives in this process, so a failure there still stops the start.
 */
@ApplicationScoped
public class DatabaseReadiness {

    /** Fired once the schema is in place; the first-run bootstrap observes it. */
    public record SchemaApplied() {
    }

    private static final Logger LOG = Logger.getLogger(DatabaseReadiness.class);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);
    private static final Duration EMBEDDED_FIRST_CONNECTION = Duration.ofSeconds(60);

    private final GraphDatabase db;
    private final SchemaMigrations migrations;
    private final EmbeddedNeo4jLifecycle embedded;
    private final Event<SchemaApplied> schemaApplied;
    private final PlanWarmUp planWarmUp;
    private final ScheduledExecutorService retries = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "liaison-schema-retry");
        thread.setDaemon(true);
        return thread;
    });
    /** How often a lost database is asked whether it is back. */
    private static final Duration OUTAGE_PROBE_PAUSE = Duration.ofMillis(500);

    private volatile boolean ready;
    /** Set on the first sign of an outage; requests are then answered 503 at once, without waiting on the driver. */
    private final AtomicBoolean away = new AtomicBoolean();
    private volatile String lastFailure = "starting";

    public DatabaseReadiness(GraphDatabase db, SchemaMigrations migrations, EmbeddedNeo4jLifecycle embedded,
            Event<SchemaApplied> schemaApplied, PlanWarmUp planWarmUp) {
        this.db = db;
        this.planWarmUp = planWarmUp;
        this.migrations = migrations;
        this.embedded = embedded;
        this.schemaApplied = schemaApplied;
    }

    void onStart(@Observes @Priority(EmbeddedNeo4jLifecycle.APPLY_SCHEMA) StartupEvent event) {
        if (embedded.isEmbeddedMode()) {
            bringEmbeddedIntoService();
        } else {
            attempt(FIRST_PAUSE);
        }
    }

    void signalStop(@Observes @Priority(CooperativeStop.SIGNAL) ShutdownEvent event) {
        CooperativeStop.signal(retries);
    }

    void onStop(@Observes ShutdownEvent event) {
        CooperativeStop.stop(retries, Duration.ofSeconds(5), "The database readiness check");
    }

    /** Also false while a Bolt server is silent (paused, see {@link BoltHeartbeat}): readiness is DOWN at once, without a call. */
    public boolean isReady() {
        return ready && !away.get() && !db.boltSilent();
    }

    /**
     * A request found the database gone (connection refused or lost). Until a probe gets through
     * again, every request is answered 503 at once: no client waits on the driver's retries and no
     * worker thread piles up behind them. The first probe runs at once, so a false alarm costs
     * nothing; then one every 500 ms, and the service recovers by itself when the database is back.
     */
    public void reportOutage(String reason) {
        if (ready && away.compareAndSet(false, true)) {
            lastFailure = reason;
            LOG.warnf("Neo4j does not answer (%s): the API answers 503 until it does again", reason);
            probeIn(Duration.ZERO);
        }
    }

    private void probeIn(Duration pause) {
        try {
            retries.schedule(this::probeUntilBack, pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // The service is stopping; nothing to bring back.
        }
    }

    private void probeUntilBack() {
        try {
            db.driver().verifyConnectivity();
            away.set(false);
            LOG.info("Neo4j answers again: the API is back in service");
        } catch (RuntimeException e) {
            lastFailure = String.valueOf(e.getMessage());
            probeIn(OUTAGE_PROBE_PAUSE);
        }
    }

    /** Why the service is not ready, for the health check. */
    public String lastFailure() {
        return db.boltSilent() ? "the Neo4j server has not answered for " + BoltHeartbeat.SILENT_AFTER.toMillis() + " ms" : lastFailure;
    }

    /** Runs before authentication, which itself needs the database. */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 100)
    public void refuseUntilReady() {
        if (away.get() || db.boltSilent()) {
            throw new Errors.DatabaseUnavailable("The graph database does not answer; retry shortly");
        }
        if (!ready) {
            throw new Errors.DatabaseUnavailable("The graph database is not ready yet; retry shortly");
        }
    }

    private void attempt(Duration pause) {
        try {
            bringIntoService();
        } catch (RuntimeException e) {
            if (!isUnreachable(e)) {
                throw e;
            }
            lastFailure = String.valueOf(e.getMessage());
            LOG.warnf("Neo4j at %s does not answer (%s); the API answers 503 and the schema is retried in %d s",
                    embedded.configuredUri(), e.getMessage(), pause.toSeconds());
            Duration next = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            retries.schedule(() -> attemptInBackground(next), pause.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void attemptInBackground(Duration pause) {
        try {
            attempt(pause);
        } catch (RuntimeException e) {
            // Not a connection problem (an edited migration, bad credentials): retrying cannot help.
            lastFailure = String.valueOf(e.getMessage());
            LOG.error("The schema cannot be applied; the service stays not ready", e);
        }
    }

    /**
     * The embedded DBMS has started, but on a starved machine its first Bolt connection (handshake,
     * authentication, warm-up) can take longer than the pool's 2 s acquisition timeout: that is worth
     * waiting for, up to a minute. Anything else stops the start.
     */
    private void bringEmbeddedIntoService() {
        long giveUpAt = System.nanoTime() + EMBEDDED_FIRST_CONNECTION.toNanos();
        while (true) {
            try {
                bringIntoService();
                return;
            } catch (RuntimeException e) {
                if (!isUnreachable(e) || System.nanoTime() - giveUpAt > 0) {
                    throw e;
                }
                LOG.infof("The embedded Neo4j does not answer yet (%s); trying again", e.getMessage());
                pause(OUTAGE_PROBE_PAUSE);
            }
        }
    }

    private static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the embedded Neo4j", e);
        }
    }

    private void bringIntoService() {
        // Fails at once when nothing listens; a managed transaction would keep retrying for 30 s.
        db.driver().verifyConnectivity();
        planWarmUp.beginLoadingCypher();
        migrations.migrate();
        StartClock.stepDone("schema migrations");
        schemaApplied.fire(new SchemaApplied());
        db.cutOffWhenSilent();
        ready = true;
        StartClock.stepDone("after the schema: first-run bootstrap, import resumption, dispatcher; ready");
        // After ready, not before: the plans are an optimisation of the first requests, not a condition of serving them.
        planWarmUp.begin();
    }

    private static boolean isUnreachable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ServiceUnavailableException || cause instanceof SessionExpiredException
                    || cause instanceof TransientException
                    || cause instanceof ClientException client && Neo4jErrors.isNoConnectionInTime(client)) {
                return true;
            }
        }
        return false;
    }
}
