package io.liaison.location;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Remembers what was found for a short while, never what was not found. An entry's life counts from
 * before the lookup that produced it, so a value changed or removed in the database at time T is
 * gone from every instance's cache by T + ttl, whatever the lookup's own duration. A Caffeine cache
 * bounded by {@code maxEntries} holds the entries; its per-entry expiry takes the lookup's start, which
 * Caffeine's {@code expireAfterWrite} (counting from the write, after the lookup) cannot.
 */
final class ShortLivedCache<K, V> {

    private record Entry<V>(V value, long lookupStartedNanos) {
    }

    private final long ttlNanos;
    private final Ticker ticker;
    private final Cache<K, Entry<V>> entries;

    ShortLivedCache(Duration ttl, int maxEntries) {
        this(ttl, maxEntries, Ticker.systemTicker());
    }

    ShortLivedCache(Duration ttl, int maxEntries, Ticker ticker) {
        this.ttlNanos = ttl.toNanos();
        this.ticker = ticker;
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(ticker)
                .executor(Runnable::run)
                .expireAfter(new Expiry<K, Entry<V>>() {
                    @Override
                    public long expireAfterCreate(K key, Entry<V> entry, long now) {
                        return Math.max(0, entry.lookupStartedNanos() + ttlNanos - now);
                    }

                    @Override
                    public long expireAfterUpdate(K key, Entry<V> entry, long now, long currentDuration) {
                        return expireAfterCreate(key, entry, now);
                    }

                    @Override
                    public long expireAfterRead(K key, Entry<V> entry, long now, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    Optional<V> get(K key, Function<K, Optional<V>> lookup) {
        Entry<V> entry = entries.getIfPresent(key);
        if (entry != null) {
            return Optional.of(entry.value());
        }
        long started = ticker.read();
        Optional<V> found = lookup.apply(key);
        if (found.isEmpty()) {
            entries.invalidate(key);
            return found;
        }
        if (ttlNanos > 0) {
            entries.put(key, new Entry<>(found.get(), started));
        }
        return found;
    }

    /** What is remembered for {@code key}, without looking anything up. */
    Optional<V> getIfPresent(K key) {
        Entry<V> entry = entries.getIfPresent(key);
        return entry == null ? Optional.empty() : Optional.of(entry.value());
    }

    void forget(K key) {
        entries.invalidate(key);
    }
}
