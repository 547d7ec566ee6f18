package io.liaison.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * How deliveries are shared between locations, without a database: which due deliveries a lease takes
 * ({@link DeliveryTurns#take}) and how many senders one location may hold ({@link LocationSenders}).
 */
class DeliveryTurnsTest {

    private static List<String> queue(String prefix, int size) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            ids.add(prefix + i);
        }
        return ids;
    }

    @Nested
    class Leases {

        private final Map<String, List<String>> due = new LinkedHashMap<>(Map.of("A", queue("a", 10), "B", queue("b", 1)));

        @Test
        void eachLocationGetsItsShareInTurnsBeforeAnyGetsMore() {
            assertEquals(List.of("a1", "b1", "a2"), DeliveryTurns.take(due, location -> 2, null, 8, 0));
        }

        @Test
        void pastTheSharesTheFreeSendersGoToLocationsWithMoreDueUpToTheBound() {
            assertEquals(List.of("a1", "b1", "a2", "a3", "a4", "a5", "a6", "a7"), DeliveryTurns.take(due, location -> 2, null, 8, 5));
            assertEquals(List.of("a1", "b1", "a2", "a3"), DeliveryTurns.take(due, location -> 2, null, 4, 5), "the limit holds");
        }

        @Test
        void theLocationServedFirstLastTimeGoesLast() {
            Map<String, List<String>> both = new LinkedHashMap<>(Map.of("A", queue("a", 3), "B", queue("b", 3)));
            assertEquals(List.of("b1", "a1"), DeliveryTurns.take(both, location -> 1, "A", 2, 0));
        }

        @Test
        void aLocationWithoutRoomGetsNothingWithinSharesButMayGetWhatIsBeyond() {
            Map<String, Integer> room = Map.of("A", 0);
            assertEquals(List.of("b1"), DeliveryTurns.take(due, location -> room.getOrDefault(location, 2), null, 8, 0));
            assertEquals(List.of("b1", "a1", "a2"), DeliveryTurns.take(due, location -> room.getOrDefault(location, 2), null, 8, 2));
        }
    }

    @Nested
    class Senders {

        /** Submits {@code count} sends of {@code location} that hold their sender until {@code release}; answers how many started. */
        private AtomicInteger submit(LocationSenders senders, String location, int count, CountDownLatch release) {
            AtomicInteger started = new AtomicInteger();
            for (int i = 0; i < count; i++) {
                senders.submit(location, () -> {
                    started.incrementAndGet();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            return started;
        }

        private static void awaitCount(AtomicInteger counter, int expected) throws InterruptedException {
            long giveUpAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (counter.get() < expected && System.nanoTime() < giveUpAt) {
                Thread.sleep(5);
            }
        }

        @Test
        void aLoneLocationUsesEverySenderButOneSharesWorthAndAnotherLocationStillStartsAtOnce() throws Exception {
            LocationSenders senders = new LocationSenders(8, 2, () -> { });
            CountDownLatch release = new CountDownLatch(1);
            try {
                AtomicInteger busy = submit(senders, "busy", 20, release);
                awaitCount(busy, 6);
                Thread.sleep(50);
                assertEquals(6, busy.get(), "its 2, and 4 more: 2 of the 8 stay free");
                assertEquals(0, senders.free(), "20 outstanding for 8 senders: none to lease more for");
                AtomicInteger other = submit(senders, "other", 2, release);
                awaitCount(other, 2);
                assertEquals(2, other.get(), "another location's share starts at once");
                AtomicInteger third = submit(senders, "third", 1, release);
                Thread.sleep(50);
                assertEquals(0, third.get(), "no sender is left; it waits in its own queue");
            } finally {
                release.countDown();
                senders.close(Duration.ofSeconds(5));
            }
        }
    }

    /**
     * The dispatcher's statements keep their first plan (CYPHER replan=skip), so that plan must not depend
     * on the statistics of the moment it was made: every index hint forces a seek. With plain USING INDEX,
     * a plan made while a store had few deliveries scanned the index in each NOT EXISTS, and the cache kept
     * it: bench/events.sh fell to 19 deliveries/s (683/s with seeks forced).
     */
    @Test
    void theDispatchersStatementsKeepTheirPlanAndEveryHintForcesASeek() {
        for (String statement : List.of(DeliveryRepository.DUE_DELIVERIES, DeliveryRepository.LEASE_DELIVERIES,
                DeliveryRepository.RECORD_ATTEMPTS, EventRepository.NUMBER_NEW_EVENTS, EventRepository.NEXT_LOCATION_WITH_NEW_EVENTS)) {
            assertEquals(statement.split("USING INDEX").length - 1, statement.split("USING INDEX SEEK").length - 1,
                    "every hint a seek: " + statement);
            assertTrue(statement.contains("USING INDEX SEEK"), statement);
        }
        for (String statement : List.of(DeliveryRepository.DUE_DELIVERIES, DeliveryRepository.RECORD_ATTEMPTS,
                EventRepository.NUMBER_NEW_EVENTS, EventRepository.NEXT_LOCATION_WITH_NEW_EVENTS)) {
            assertTrue(statement.startsWith("CYPHER replan=skip"), statement);
        }
    }
}
