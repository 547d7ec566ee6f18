package io.liaison.event;

import io.liaison.neo4j.CooperativeStop;
import io.liaison.neo4j.DatabaseReadiness;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.Timestamps;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs the webhook dispatcher in the background once the schema is in place (LIAISON_WEBHOOKS_DISPATCH),
 * and prunes events past their retention. Every instance may run it: they share the work through
 * leases in the graph.
 */
@ApplicationScoped
public class DispatcherLifecycle {

    private static final Logger LOG = Logger.getLogger(DispatcherLifecycle.class);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);
    private static final int PRUNE_BATCH = 1000;

    private final GraphDatabase db;
    private final EventRepository events;
    private final Locks locks;
    private final WebhooksConfig webhooks;
    private final EventsConfig eventsConfig;
    private volatile ScheduledExecutorService scheduler;
    private volatile WebhookDispatcher dispatcher;
    private volatile boolean stopping;

    public DispatcherLifecycle(GraphDatabase db, Locks locks, EventRepository events, WebhooksConfig webhooks, EventsConfig eventsConfig) {
        this.db = db;
        this.locks = locks;
        this.events = events;
        this.webhooks = webhooks;
        this.eventsConfig = eventsConfig;
    }

    synchronized void onSchemaApplied(@Observes DatabaseReadiness.SchemaApplied applied) {
        if (scheduler != null) {
            return;
        }
        // Two threads: the dispatcher's loop holds one for as long as the service runs, pruning takes the other.
        scheduler = Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "liaison-events");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::prune, PRUNE_EVERY.toMillis(), PRUNE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        dispatcher = new WebhookDispatcher(db, locks, WebhookDispatcher.Settings.from(webhooks), Clock.systemUTC());
        scheduler.execute(this::dispatch);
    }

    /** Told at once, with every other background worker, so that their ends overlap (see CooperativeStop). */
    void signalStop(@Observes @jakarta.annotation.Priority(CooperativeStop.SIGNAL) ShutdownEvent event) {
        stopping = true;
        WebhookDispatcher running = dispatcher;
        if (running != null) {
            running.closing();
        }
        ScheduledExecutorService rounds = scheduler;
        if (rounds != null) {
            CooperativeStop.signal(rounds);
        }
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        // A round in progress finishes its transaction, never interrupted (see CooperativeStop); then the
        // senders finish the deliveries they hold and record them.
        stopping = true;
        if (dispatcher != null) {
            dispatcher.closing();
        }
        if (scheduler != null) {
            CooperativeStop.stop(scheduler, Duration.ofSeconds(10), "The webhook dispatcher's round");
        }
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    /** Without LIAISON_WEBHOOKS_DISPATCH this instance still numbers new events, so the feed moves on. */
    private void dispatch() {
        dispatcher.run(webhooks.pollInterval(), webhooks.dispatch());
    }

    private void prune() {
        try {
            long pruned;
            do {
                var cutoff = Timestamps.now().minus(eventsConfig.retention());
                pruned = db.write(tx -> events.prune(tx, cutoff, PRUNE_BATCH));
            } while (pruned == PRUNE_BATCH && !stopping);
        } catch (RuntimeException e) {
            LOG.warnf("Pruning old events failed: %s", e.getMessage());
        }
    }
}
