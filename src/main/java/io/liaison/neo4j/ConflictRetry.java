package io.liaison.neo4j;

import io.smallrye.faulttolerance.api.Guard;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import org.neo4j.driver.exceptions.TransientException;

/**
 * Runs a transaction again when it lost a lock conflict to a concurrent one (a deadlock, a lock wait
 * cut short: {@link Neo4jErrors#isTransactionConflict}), after a random pause, for up to a bound; any
 * other failure goes to the caller at once. The retry is SmallRye Fault Tolerance's {@link Guard}.
 *
 * <p>Interrupts keep the behaviour Liaison had before the Guard: a transaction that ran to its end on an
 * interrupted thread returns its result (a commit is not reported as a failure), its failure stays its
 * failure, and the interrupt flag stays set; only a retry is not made, and a pause cut short by an
 * interrupt ends the retrying with {@link IllegalStateException}, the flag set. The Guard alone would
 * answer InterruptedException, flag cleared, after any attempt made on an interrupted thread.
 */
public final class ConflictRetry {

    /** How long a transaction that lost a lock conflict is tried again: it will win within moments, so a long bound costs nothing. */
    static final Duration BOUND = Duration.ofSeconds(30);
    static final Duration SHORTEST_PAUSE = Duration.ofMillis(10);
    static final Duration LONGEST_PAUSE = Duration.ofMillis(100);

    private final Guard guard;

    /** The service's retry: {@link #BOUND}, pauses from {@link #SHORTEST_PAUSE} to {@link #LONGEST_PAUSE}. */
    public static ConflictRetry forTransactions() {
        return new ConflictRetry(BOUND, SHORTEST_PAUSE, LONGEST_PAUSE);
    }

    /** Retries for up to {@code bound}, pausing a random time from {@code shortestPause} to {@code longestPause} between attempts. */
    ConflictRetry(Duration bound, Duration shortestPause, Duration longestPause) {
        long middle = (shortestPause.toMillis() + longestPause.toMillis()) / 2;
        this.guard = Guard.create()
                .withRetry()
                .maxRetries(-1) // bounded by time alone
                .maxDuration(bound.toMillis(), ChronoUnit.MILLIS)
                .delay(middle, ChronoUnit.MILLIS)
                .jitter(longestPause.toMillis() - middle, ChronoUnit.MILLIS)
                .whenException(ConflictRetry::isConflict)
                .done()
                .build();
    }

    private static boolean isConflict(Throwable e) {
        return e instanceof TransientException transientFailure && Neo4jErrors.isTransactionConflict(transientFailure);
    }

    /** The transaction's result, once an attempt of it did not lose a conflict. */
    @SuppressWarnings("unchecked")
    public <T> T run(Supplier<T> transaction) {
        var interruptedDuringAttempt = new boolean[1];
        try {
            return (T) guard.call(() -> {
                try {
                    return transaction.get();
                } catch (TransientException e) {
                    if (isConflict(e) && Thread.currentThread().isInterrupted()) {
                        throw new IllegalStateException("Interrupted while retrying a transaction", e);
                    }
                    throw e;
                } finally {
                    // Hidden from the Guard, which turns any attempt on an interrupted thread into InterruptedException.
                    if (Thread.interrupted()) {
                        interruptedDuringAttempt[0] = true;
                    }
                }
            }, Object.class);
        } catch (InterruptedException pauseCutShort) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying a transaction", pauseCutShort);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception impossible) {
            // The transaction is a Supplier: nothing else checked can come out of it.
            throw new IllegalStateException(impossible);
        } finally {
            if (interruptedDuringAttempt[0]) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
