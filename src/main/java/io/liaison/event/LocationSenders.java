package io.liaison.event;

import io.liaison.neo4j.CooperativeStop;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The senders of one dispatcher: {@code total} threads. A location always gets up to {@code perLocation}
 * of them at once, and more only while {@code perLocation} others stay free: so a location whose
 * receivers hang (each attempt holds a sender for its whole timeout) leaves senders for the others'
 * next deliveries, and a location alone is not held to its share while the rest sit idle. A location's
 * further deliveries wait in its own queue, never in front of another location's.
 */
final class LocationSenders {

    private final int total;
    private final int perLocation;
    private final ExecutorService pool;
    private final Runnable onFinished;
    private final Map<String, ArrayDeque<Runnable>> waiting = new HashMap<>();
    private final Map<String, Integer> running = new HashMap<>();
    private int outstanding;
    private int runningInAll;
    private boolean closed;

    LocationSenders(int total, int perLocation, Runnable onFinished) {
        this.total = total;
        this.perLocation = Math.max(1, Math.min(perLocation, total));
        this.onFinished = onFinished;
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(total, task -> {
            Thread thread = new Thread(task, "liaison-webhook-sender-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    int perLocation() {
        return perLocation;
    }

    /** Deliveries this dispatcher could start at once now: free senders, whichever location. */
    synchronized int free() {
        return Math.max(0, total - outstanding);
    }

    /** Every location with deliveries running or waiting here, with how many. */
    synchronized Map<String, Integer> outstandingByLocation() {
        Map<String, Integer> byLocation = new HashMap<>(running);
        waiting.forEach((location, queue) -> byLocation.merge(location, queue.size(), Integer::sum));
        return byLocation;
    }

    /**
     * Runs {@code send} now if its location holds fewer than its share of senders, or if a share's worth
     * of senders would still be free; else after its location's earlier ones.
     */
    synchronized void submit(String locationId, Runnable send) {
        if (closed) {
            return; // its lease expires and it is sent again
        }
        outstanding++;
        if (running.getOrDefault(locationId, 0) < perLocation || runningInAll + 1 <= total - perLocation) {
            start(locationId, send);
        } else {
            waiting.computeIfAbsent(locationId, l -> new ArrayDeque<>()).add(send);
        }
    }

    private void start(String locationId, Runnable send) {
        running.merge(locationId, 1, Integer::sum);
        runningInAll++;
        pool.execute(() -> {
            try {
                send.run();
            } finally {
                finished(locationId);
            }
        });
    }

    private void finished(String locationId) {
        synchronized (this) {
            outstanding--;
            ArrayDeque<Runnable> queue = waiting.get(locationId);
            Runnable next = queue == null ? null : queue.poll();
            if (queue != null && queue.isEmpty()) {
                waiting.remove(locationId);
            }
            if (running.merge(locationId, -1, Integer::sum) == 0) {
                running.remove(locationId);
            }
            runningInAll--;
            if (next != null) {
                start(locationId, next);
            }
        }
        onFinished.run();
    }

    /**
     * No new delivery starts; those running finish and record their outcome within {@code grace}, never
     * interrupted (they record in a transaction). Waiting ones are dropped: their leases expire and they
     * are sent again.
     */
    void close(Duration grace) {
        synchronized (this) {
            closed = true;
            waiting.values().forEach(queue -> outstanding -= queue.size());
            waiting.clear();
        }
        CooperativeStop.stop(pool, grace, "Webhook senders");
    }
}
