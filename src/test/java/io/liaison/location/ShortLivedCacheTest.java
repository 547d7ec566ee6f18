package io.liaison.location;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ShortLivedCacheTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final AtomicInteger lookups = new AtomicInteger();

    private Optional<String> found(String key) {
        lookups.incrementAndGet();
        return Optional.of("value of " + key);
    }

    @Test
    void anEntryLivesFromBeforeItsLookupNotFromItsWrite() {
        ShortLivedCache<String, String> cache = new ShortLivedCache<>(Duration.ofMillis(100), 10, nanos::get);
        cache.get("k", key -> {
            nanos.addAndGet(Duration.ofMillis(60).toNanos()); // a slow lookup
            return found(key);
        });
        nanos.addAndGet(Duration.ofMillis(39).toNanos());
        assertEquals(Optional.of("value of k"), cache.get("k", this::found));
        assertEquals(1, lookups.get());
        nanos.addAndGet(Duration.ofMillis(1).toNanos()); // 100 ms after the lookup began
        cache.get("k", this::found);
        assertEquals(2, lookups.get());
    }

    @Test
    void whatWasNotFoundIsNeverRememberedAndForgettingAsksAgain() {
        ShortLivedCache<String, String> cache = new ShortLivedCache<>(Duration.ofSeconds(1), 10, nanos::get);
        cache.get("k", this::found);
        assertEquals(Optional.empty(), cache.get("gone", key -> {
            lookups.incrementAndGet();
            return Optional.empty();
        }));
        cache.get("gone", this::found);
        assertEquals(3, lookups.get());
        cache.forget("k");
        cache.get("k", this::found);
        assertEquals(4, lookups.get());
    }

    @Test
    void aZeroTtlCachesNothing() {
        ShortLivedCache<String, String> cache = new ShortLivedCache<>(Duration.ZERO, 10, nanos::get);
        cache.get("k", this::found);
        cache.get("k", this::found);
        assertEquals(2, lookups.get());
    }
}
