package io.liaison.neo4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A stop lets the running task finish and never interrupts it; the wait is bounded. */
class CooperativeStopTest {

    /** Works for {@code millis} without sleeping (a sleep would hide an interrupt), noting any interrupt. */
    private static Runnable work(long millis, CountDownLatch started, AtomicBoolean interrupted, AtomicBoolean finished) {
        return () -> {
            started.countDown();
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (System.nanoTime() < until) {
                if (Thread.currentThread().isInterrupted()) {
                    interrupted.set(true);
                }
                Thread.onSpinWait();
            }
            finished.set(true);
        };
    }

    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();

    /** A single-thread executor already running a task of {@code millis}. */
    private ExecutorService running(long millis) throws InterruptedException {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        CountDownLatch started = new CountDownLatch(1);
        executor.submit(work(millis, started, interrupted, finished));
        started.await();
        return executor;
    }

    @Test
    void theRunningTaskFinishesWithoutAnInterrupt() throws Exception {
        ExecutorService executor = running(300);

        assertTrue(CooperativeStop.stop(executor, Duration.ofSeconds(10), "test"));
        assertTrue(finished.get());
        assertFalse(interrupted.get(), "a thread that may be inside a commit is never interrupted");
    }

    @Test
    void theWaitIsBoundedAndALateTaskIsStillNotInterrupted() throws Exception {
        ExecutorService executor = running(1500);

        long before = System.nanoTime();
        assertFalse(CooperativeStop.stop(executor, Duration.ofMillis(200), "test"));
        assertTrue(Duration.ofNanos(System.nanoTime() - before).toMillis() < 1000);
        assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
        assertTrue(finished.get());
        assertFalse(interrupted.get());
    }

    @Test
    void delayedTasksNotYetStartedAreDropped() throws Exception {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        AtomicBoolean ran = new AtomicBoolean();
        scheduler.schedule(() -> ran.set(true), 300, TimeUnit.MILLISECONDS);

        assertTrue(CooperativeStop.stop(scheduler, Duration.ofSeconds(5), "test"));
        Thread.sleep(500);
        assertFalse(ran.get());
    }
}
