package io.liaison.neo4j;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.neo4j.driver.TransactionContext;

/**
 * Plans the hot statements once the service is ready, in the background, so the first requests after
 * a start find their plans in Cypher's query cache instead of planning them (the link statement's
 * first plan alone takes a second or more of CPU on two busy cores; before this, the first link, contact
 * and relations read after a restart took seconds each).
 *
 * <p>EXPLAIN would not do: Neo4j caches an EXPLAIN under another key than the statement itself. So each
 * feature names its hot statements as a {@link Rehearsal}: it runs them through its own repository,
 * with the same text and parameter types as a request, on records that do not exist, in a write
 * transaction that is always rolled back ({@link GraphDatabase#rehearse}). Nothing is written; readiness
 * does not wait for it; a stop ends it between two rehearsals ({@link CooperativeStop}), never inside one.
 */
@ApplicationScoped
public class PlanWarmUp {

    /** A feature's hot statements, run on nothing: what they do is rolled back, their plans stay cached. */
    public interface Rehearsal {
        /** What is rehearsed, for the log. */
        String what();

        void rehearse(TransactionContext tx);
    }

    /** The location a rehearsal works in: not an id's shape, so no tenant can ever have it. */
    public static final String NO_LOCATION = "plan-warm-up";

    private static final Logger LOG = Logger.getLogger(PlanWarmUp.class);

    private final GraphDatabase db;
    private final Instance<Rehearsal> rehearsals;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "liaison-plan-warm-up");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;
    private final AtomicBoolean cypherLoadingBegun = new AtomicBoolean();
    private volatile CompletableFuture<Integer> done = new CompletableFuture<>();

    public PlanWarmUp(GraphDatabase db, Instance<Rehearsal> rehearsals) {
        this.db = db;
        this.rehearsals = rehearsals;
    }

    /**
     * Loads Cypher itself in the background while the start goes on: one small read, whatever the
     * schema. The first Cypher statement of a JVM loads and compiles Neo4j's Cypher stack, seconds of
     * CPU that the start's own first statements would otherwise wait for; started while the schema's
     * indexes come online, it overlaps that wait. The rehearsals of {@link #begin} run after it.
     */
    public void beginLoadingCypher() {
        // Only a database in this JVM loads Cypher here (over Bolt the server plans), and once: the start may
        // try again after a failure, and a second read would only queue ahead of the rehearsals.
        if (db.inProcessDatabase().isEmpty() || !cypherLoadingBegun.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(() -> {
                try {
                    db.read(tx -> tx.run("MATCH (n:PlanWarmUp {id: $id}) RETURN n.id AS id", java.util.Map.of("id", NO_LOCATION)).list());
                } catch (RuntimeException e) {
                    LOG.debugf("Loading Cypher ahead failed (%s); the first statement loads it", e.getMessage());
                }
            });
        } catch (RejectedExecutionException stopped) {
            // The service is stopping.
        }
    }

    /** Starts the warm-up in the background; answers at once. */
    public void begin() {
        try {
            worker.execute(() -> done.complete(warmUp()));
        } catch (RejectedExecutionException stopped) {
            // The service is stopping: nothing to warm.
        }
    }

    /** Completes with the number of rehearsals run once the warm-up has ended (for tests). */
    public CompletableFuture<Integer> done() {
        return done;
    }

    /** Runs every rehearsal now, on the caller's thread; answers how many ran. */
    public int warmUp() {
        long started = System.nanoTime();
        int ran = 0;
        for (Rehearsal rehearsal : rehearsals.stream().toList()) {
            if (stopping) {
                break;
            }
            try {
                db.rehearse(tx -> {
                    rehearsal.rehearse(tx);
                    return null;
                });
                ran++;
            } catch (RuntimeException e) {
                // A plan not cached costs the first request its planning, nothing else.
                LOG.warnf("Warming the plans of %s failed (%s); the first such request plans them", rehearsal.what(), e.getMessage());
            }
        }
        LOG.debugf("Plans of %d hot statement groups warmed in %d ms", ran, (System.nanoTime() - started) / 1_000_000);
        return ran;
    }

    void signalStop(@Observes @Priority(CooperativeStop.SIGNAL) ShutdownEvent event) {
        stopping = true;
        CooperativeStop.signal(worker);
    }

    void onStop(@Observes ShutdownEvent event) {
        CooperativeStop.stop(worker, Duration.ofSeconds(2), "The plan warm-up");
    }
}
