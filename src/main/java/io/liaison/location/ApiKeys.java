package io.liaison.location;

import io.liaison.config.LiaisonConfig;
import io.liaison.error.Errors;
import io.liaison.neo4j.CooperativeStop;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.Locks;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;

/**
 * Location API keys: created, listed, revoked, and looked up on every request.
 *
 * <p>Lookups are cached in this process for at most {@code liaison.api-keys.cache-ttl} (0.9 s, never
 * more than 1 s). That bound, not a message between instances, is what makes a revocation hold
 * everywhere: every instance sharing the database asks it again within the TTL, so a revoked key is
 * refused by all of them within 1 s, with no extra moving part and whatever the number of instances.
 * A busy key costs about one read per second per instance instead of one per request.
 *
 * <p>"Last used" is kept in memory and written for all keys in one batch per
 * {@code liaison.api-keys.last-used-interval} (a minute), never once per request.
 */
@ApplicationScoped
public class ApiKeys {

    /** A key that authenticated a request. */
    public record Key(String id, String locationId, boolean readOnly) {
    }

    /** Names a key without its secret: its location and id. */
    public record KeyRef(String locationId, String id) {
    }

    /** A key about to be stored: only its hash and its first characters are kept. */
    record NewKey(String raw, String hash, String prefix, boolean readOnly) {
    }

    @Schema(name = "ApiKey", description = "A location API key as listed; the key itself is never shown again")
    public record KeyInfo(
            @Schema(description = "Identifies the key for DELETE", example = "3f1c9a0b7d2e4f6a8c1b") String id,
            @Schema(description = "The key's first characters, to recognise it", example = "lk_Ab3d") String prefix,
            @Schema(example = "2026-12-01T10:00:00Z") String createdAt,
            @Schema(description = "Up to a minute late; absent when never used") String lastUsedAt,
            @Schema(description = "A read-only key may call GET endpoints and searches only") boolean readOnly) {
    }

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);
    private static final Duration LONGEST_TTL = Duration.ofSeconds(1);
    private static final int ID_LENGTH = 20;
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{" + ID_LENGTH + "}");

    private final GraphDatabase db;
    private final Locks locks;
    private final LocationRepository repository;
    private final int maximumPerLocation;
    private final ShortLivedCache<String, Key> byHash;
    private final Map<String, Long> pendingUses = new ConcurrentHashMap<>();
    private final List<Consumer<KeyRef>> revocationListeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService usageWriter = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "liaison-key-usage");
        thread.setDaemon(true);
        return thread;
    });

    public ApiKeys(GraphDatabase db, Locks locks, LocationRepository repository, LiaisonConfig config) {
        this.db = db;
        this.locks = locks;
        this.repository = repository;
        this.maximumPerLocation = config.limits().apiKeysPerLocation();
        this.byHash = new ShortLivedCache<>(cacheTtl(config), config.apiKeys().cacheSize());
        long interval = Math.max(1, config.apiKeys().lastUsedInterval().toMillis());
        usageWriter.scheduleWithFixedDelay(this::writeUsage, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** How long a credential found in the database is trusted: the setting, but never more than 1 s. */
    static Duration cacheTtl(LiaisonConfig config) {
        Duration configured = config.apiKeys().cacheTtl();
        return configured.compareTo(LONGEST_TTL) > 0 ? LONGEST_TTL : configured;
    }

    /**
     * A key's id: the first 20 hex digits of its SHA-256 hash. Stable for keys created before ids
     * existed, and it says nothing about the key (the hash of a 40-character random key cannot be
     * reversed).
     */
    static String idOf(String hash) {
        return hash.substring(0, ID_LENGTH);
    }

    /** The key's location and rights, when the key exists; the use is remembered for "last used". */
    public Optional<Key> authenticate(String rawKey) {
        String hash = Tokens.hash(rawKey);
        Optional<Key> key = byHash.get(hash, h -> db.read(tx -> repository.keyByHash(tx, h)));
        key.ifPresent(k -> pendingUses.put(hash, System.currentTimeMillis()));
        return key;
    }

    /** {@link #authenticate}, when the key is in the cache; empty when only a lookup can tell. */
    Optional<Key> authenticateWithoutLookup(String rawKey) {
        String hash = Tokens.hash(rawKey);
        Optional<Key> key = byHash.getIfPresent(hash);
        key.ifPresent(k -> pendingUses.put(hash, System.currentTimeMillis()));
        return key;
    }

    /** A key just created: the only time the key itself is answered. */
    public record Created(String apiKey, String id, boolean readOnly) {
    }

    /** A new key; the raw key is answered once and only its hash is stored. */
    public Created create(String locationId, boolean readOnly) {
        String raw = Tokens.newLocationKey();
        NewKey key = new NewKey(raw, Tokens.hash(raw), raw.substring(0, 7), readOnly);
        if (!Ids.looksLikeId(locationId)) {
            throw new Errors.NotFound("Location", locationId);
        }
        // The location's lock makes the count exact under concurrent creations.
        long before = db.write(tx -> locks.location(tx, locationId)
                        ? Optional.of(repository.addKeyWithinLimit(tx, locationId, key, maximumPerLocation)) : Optional.<Long>empty())
                .orElseThrow(() -> new Errors.NotFound("Location", locationId));
        if (before >= maximumPerLocation) {
            throw new Errors.LimitExceeded("apiKeysPerLocation", maximumPerLocation, before,
                    "Location " + locationId + " already has " + before + " API keys, the most it may have ("
                            + maximumPerLocation + "); revoke one first", Map.of("locationId", locationId));
        }
        return new Created(raw, idOf(key.hash()), readOnly);
    }

    public List<KeyInfo> list(String locationId) {
        writeUsage();
        return (Ids.looksLikeId(locationId) ? db.read(tx -> repository.exists(tx, locationId)
                        ? Optional.of(repository.keysOf(tx, locationId)) : Optional.<List<KeyInfo>>empty())
                : Optional.<List<KeyInfo>>empty())
                .orElseThrow(() -> new Errors.NotFound("Location", locationId));
    }

    /** Refused here at once, and by every other instance within the cache's TTL. */
    public void revoke(String locationId, String keyId) {
        if (!Ids.looksLikeId(locationId) || keyId == null || !KEY_ID.matcher(keyId).matches()) {
            throw new Errors.NotFound("API key", keyId == null ? "" : keyId.length() > 64 ? keyId.substring(0, 64) : keyId);
        }
        String hash = db.write(tx -> repository.revokeKey(tx, locationId, keyId)).orElseThrow(() -> new Errors.NotFound("API key", keyId));
        byHash.forget(hash);
        pendingUses.remove(hash);
        KeyRef revoked = new KeyRef(locationId, keyId);
        for (Consumer<KeyRef> listener : revocationListeners) {
            try {
                listener.accept(revoked);
            } catch (RuntimeException e) {
                LOG.warnf("A listener of key revocations failed: %s", e.getMessage());
            }
        }
    }

    /** Told of every key revoked through this instance, at once (other instances' revocations: {@link #existing}). */
    public void onRevoke(Consumer<KeyRef> listener) {
        revocationListeners.add(listener);
    }

    /** Which of {@code keys} still exist, asked of the database now: the cache is not consulted. */
    public Set<KeyRef> existing(Collection<KeyRef> keys) {
        return keys.isEmpty() ? Set.of() : db.read(tx -> repository.existingKeys(tx, keys));
    }

    void signalStop(@Observes @jakarta.annotation.Priority(CooperativeStop.SIGNAL) ShutdownEvent event) {
        CooperativeStop.signal(usageWriter);
    }

    void onStop(@Observes ShutdownEvent event) {
        // A batch being written finishes (never interrupted inside its transaction); then the rest is written.
        CooperativeStop.stop(usageWriter, Duration.ofSeconds(5), "The API keys' usage writer");
        writeUsage();
    }

    private void writeUsage() {
        if (pendingUses.isEmpty()) {
            return;
        }
        Map<String, Long> batch = new HashMap<>();
        for (String hash : List.copyOf(pendingUses.keySet())) {
            Long at = pendingUses.remove(hash);
            if (at != null) {
                batch.put(hash, at);
            }
        }
        try {
            db.write(tx -> {
                repository.recordKeyUse(tx, batch);
                return null;
            });
        } catch (RuntimeException e) {
            // The database is away: keep the times for the next round, newest first.
            batch.forEach((hash, at) -> pendingUses.merge(hash, at, Math::max));
            LOG.debugf("Key usage not written yet: %s", e.getMessage());
        }
    }
}
