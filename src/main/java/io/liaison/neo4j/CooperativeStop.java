package io.liaison.neo4j;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Stops a background executor without interrupting it. Its threads run in-process Neo4j
 * transactions, and an interrupt that lands inside a commit closes the store's file channels
 * (ClosedByInterruptException) and panics the database: every later transaction fails until a
 * restart, and the stop's checkpoint with them. So a stop only signals: no new task starts, the task
 * in progress finishes its unit of work (each task checks its own stop flag between units), and the
 * wait is bounded. A task still running after the bound is left alone: its thread is a daemon, its
 * transaction is ended by the database's own shutdown (terminated, not interrupted), and its work is
 * retried after a restart like any unacknowledged work.
 *
 * <p>One budget for the whole stop ({@link #BACKGROUND_BUDGET}): every component is first told to
 * stop (its observer at {@link #SIGNAL} priority only sets its flag), then each waits, but all waits
 * end by one deadline, so background work overlaps its ends instead of adding them up. A clean stop
 * must fit in 3 s on 2 cores, and the database's checkpoint and close take most of the rest.
 */
public final class CooperativeStop {

    private static final Logger LOG = Logger.getLogger(CooperativeStop.class);
    /** How long background work, all of it together, may take to end its current unit once the service stops. */
    public static final Duration BACKGROUND_BUDGET = Duration.ofMillis(1500);
    /**
     * The ShutdownEvent priority of the observers that only signal the stop: before every observer that
     * waits (the default priority is 2500), so all background work hears of the stop at once.
     */
    public static final int SIGNAL = 100;
    /** System.nanoTime() by which every wait of the current stop ends; 0 while the service runs. */
    private static volatile long stopDeadline;

    private CooperativeStop() {
    }

    /**
     * {@code shutdown()} (periodic tasks are cancelled, nothing new is accepted), then waits at most
     * {@code grace} for the running task. Never {@code shutdownNow()}. Answers whether it ended.
     */
    public static boolean stop(ExecutorService executor, Duration grace, String what) {
        signal(executor);
        boolean interrupted = false;
        // Asked before any wait: past the shared deadline there is no time left, but work already ended has ended.
        boolean ended = executor.isTerminated();
        long deadline = System.nanoTime() + grace.toNanos();
        long shared = stopDeadline;
        if (shared != 0 && shared - deadline < 0) {
            deadline = shared;
        }
        while (!ended) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                ended = executor.awaitTermination(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                // The stopping thread was interrupted: keep waiting for the bound, then pass the interrupt on.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (!ended) {
            LOG.warnf("%s did not finish within the stop's bound; it is left to end with the database, not interrupted", what);
        }
        return ended;
    }

    /** Tells the executor to stop (no new task, periodic ones cancelled) without waiting: a signal observer's part. */
    public static void signal(ExecutorService executor) {
        if (executor instanceof ScheduledThreadPoolExecutor scheduled) {
            // A delayed task not yet started is dropped, not run after the stop.
            scheduled.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        }
        executor.shutdown();
    }

    /** The service begins to stop: from now on every wait ends within {@link #BACKGROUND_BUDGET}. */
    public static void serviceStopping() {
        long deadline = System.nanoTime() + BACKGROUND_BUDGET.toNanos();
        stopDeadline = deadline == 0 ? 1 : deadline;
    }

    /** The service (re)started: waits are bound by their own grace only (tests start and stop the service repeatedly). */
    public static void serviceStarted() {
        stopDeadline = 0;
    }
}
