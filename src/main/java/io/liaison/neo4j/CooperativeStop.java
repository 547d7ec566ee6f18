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
 */
public final class CooperativeStop {

    private static final Logger LOG = Logger.getLogger(CooperativeStop.class);

    private CooperativeStop() {
    }

    /**
     * {@code shutdown()} (periodic tasks are cancelled, nothing new is accepted), then waits at most
     * {@code grace} for the running task. Never {@code shutdownNow()}. Answers whether it ended.
     */
    public static boolean stop(ExecutorService executor, Duration grace, String what) {
        if (executor instanceof ScheduledThreadPoolExecutor scheduled) {
            // A delayed task not yet started is dropped, not run after the stop.
            scheduled.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        }
        executor.shutdown();
        boolean interrupted = false;
        boolean ended = false;
        long deadline = System.nanoTime() + grace.toNanos();
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
            LOG.warnf("%s did not finish within %d ms of the stop; it is left to end with the database, not interrupted",
                    what, grace.toMillis());
        }
        return ended;
    }
}
