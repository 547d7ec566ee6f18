package io.liaison.neo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.TransientException;

/**
 * The retry of a transaction that lost a lock conflict, without Neo4j and without Quarkus: which
 * failures are tried again, the bound, and interrupts. Bounds and pauses are shortened so it runs fast.
 */
class ConflictRetryTest {

    private static final String DEADLOCK = "Neo.TransientError.Transaction.DeadlockDetected";
    private final AtomicInteger attempts = new AtomicInteger();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private static ConflictRetry retryFor(Duration bound) {
        return new ConflictRetry(bound, Duration.ofMillis(1), Duration.ofMillis(3));
    }

    @Test
    void aConflictIsTriedAgainUntilTheTransactionWins() {
        String result = retryFor(Duration.ofSeconds(30)).run(() -> {
            if (attempts.incrementAndGet() <= 3) {
                throw new TransientException(DEADLOCK, "lost a deadlock");
            }
            return "committed";
        });
        assertEquals("committed", result);
        assertEquals(4, attempts.get());
    }

    @Test
    void everyTransientTransactionCodeIsAConflict() {
        String result = retryFor(Duration.ofSeconds(30)).run(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new TransientException("Neo.TransientError.Transaction.LockClientStopped", "lock wait cut short");
            }
            return "committed";
        });
        assertEquals("committed", result);
        assertEquals(2, attempts.get());
    }

    @Test
    void aTransientFailureThatIsNoConflictIsNotTriedAgain() {
        var unavailable = new TransientException("Neo.TransientError.General.DatabaseUnavailable", "database unavailable");
        var thrown = assertThrows(TransientException.class, () -> retryFor(Duration.ofSeconds(30)).run(() -> {
            attempts.incrementAndGet();
            throw unavailable;
        }));
        assertSame(unavailable, thrown);
        assertEquals(1, attempts.get());
    }

    @Test
    void otherFailuresAreNotTriedAgain() {
        var constraint = new ClientException("Neo.ClientError.Schema.ConstraintValidationFailed", "already exists");
        assertSame(constraint, assertThrows(ClientException.class, () -> retryFor(Duration.ofSeconds(30)).run(() -> {
            attempts.incrementAndGet();
            throw constraint;
        })));
        var own = new IllegalArgumentException("a service's own failure");
        assertSame(own, assertThrows(IllegalArgumentException.class, () -> retryFor(Duration.ofSeconds(30)).run(() -> {
            attempts.incrementAndGet();
            throw own;
        })));
        assertEquals(2, attempts.get());
    }

    @Test
    void pastTheBoundTheLastConflictGoesToTheCaller() {
        AtomicReference<TransientException> last = new AtomicReference<>();
        var thrown = assertThrows(TransientException.class, () -> retryFor(Duration.ofMillis(100)).run(() -> {
            attempts.incrementAndGet();
            last.set(new TransientException(DEADLOCK, "lost a deadlock"));
            throw last.get();
        }));
        assertSame(last.get(), thrown);
        assertTrue(attempts.get() > 1, "tried again within the bound: " + attempts.get());
    }

    @Test
    void aTransactionThatRanOnAnInterruptedThreadKeepsItsResultAndTheInterrupt() {
        Thread.currentThread().interrupt();
        assertEquals("committed", retryFor(Duration.ofSeconds(30)).run(() -> {
            attempts.incrementAndGet();
            return "committed";
        }));
        assertTrue(Thread.currentThread().isInterrupted());
        assertEquals(1, attempts.get());
    }

    @Test
    void aConflictOnAnInterruptedThreadIsNotTriedAgain() {
        Thread.currentThread().interrupt();
        var thrown = assertThrows(IllegalStateException.class, () -> retryFor(Duration.ofSeconds(30)).run(() -> {
            attempts.incrementAndGet();
            throw new TransientException(DEADLOCK, "lost a deadlock");
        }));
        assertInstanceOf(TransientException.class, thrown.getCause());
        assertTrue(Thread.currentThread().isInterrupted());
        assertEquals(1, attempts.get());
    }

    @Test
    void anInterruptDuringThePauseEndsTheRetryingAndStaysSet() throws InterruptedException {
        var longPauses = new ConflictRetry(Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofMinutes(1));
        var firstAttemptLost = new CountDownLatch(1);
        var outcome = new AtomicReference<Throwable>();
        var interruptKept = new AtomicReference<Boolean>();
        Thread caller = new Thread(() -> {
            try {
                longPauses.run(() -> {
                    attempts.incrementAndGet();
                    firstAttemptLost.countDown();
                    throw new TransientException(DEADLOCK, "lost a deadlock");
                });
            } catch (RuntimeException e) {
                outcome.set(e);
            }
            interruptKept.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        assertTrue(firstAttemptLost.await(30, TimeUnit.SECONDS));
        while (caller.getState() != Thread.State.TIMED_WAITING) { // in the pause, not still in the attempt
            Thread.onSpinWait();
        }
        caller.interrupt();
        caller.join(TimeUnit.SECONDS.toMillis(30)); // a hang guard, not a timing: the pause is a minute
        assertFalse(caller.isAlive(), "still pausing after the interrupt");
        assertInstanceOf(IllegalStateException.class, outcome.get());
        assertInstanceOf(InterruptedException.class, outcome.get().getCause());
        assertEquals(Boolean.TRUE, interruptKept.get());
        assertEquals(1, attempts.get());
    }

    @Test
    void theServiceRetriesForThirtySecondsWithPausesOfTenToAHundredMilliseconds() {
        assertEquals(Duration.ofSeconds(30), ConflictRetry.BOUND);
        assertEquals(Duration.ofMillis(10), ConflictRetry.SHORTEST_PAUSE);
        assertEquals(Duration.ofMillis(100), ConflictRetry.LONGEST_PAUSE);
    }
}
