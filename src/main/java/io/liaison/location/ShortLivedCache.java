package io.liaison.location;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers what was found for a short while, never what was not found. An entry's life counts from
 * before the lookup that produced it, so a value changed or removed in the database at time T is
 * gone from every instance's cache by T + ttl, whatever the lookup's own duration. Full means
 * emptied, not evicted one by one: the bound on memory is what matters, and a refill costs one read
 * per entry.
 */
final class ShortLivedCache<K, V> {

    private record Entry<V>(V value, long expiresAtNanos) {
    }

    private final long ttlNanos;
    private final int maxEntries;
    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();

    ShortLivedCache(Duration ttl, int maxEntries) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    Optional<V> get(K key, Function<K, Optional<V>> lookup) {
        long now = System.nanoTime();
        Entry<V> entry = entries.get(key);
        if (entry != null && now - entry.expiresAtNanos() < 0) {
            return Optional.of(entry.value());
        }
        Optional<V> found = lookup.apply(key);
        if (found.isEmpty()) {
            entries.remove(key);
            return found;
        }
        if (ttlNanos > 0) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, new Entry<>(found.get(), now + ttlNanos));
        }
        return found;
    }

    void forget(K key) {
        entries.remove(key);
    }

    int size() {
        return entries.size();
    }
}
