package io.liaison.idempotency;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The Idempotency-Key settings (LIAISON_IDEMPOTENCY_*). */
@ConfigMapping(prefix = "liaison.idempotency")
public interface IdempotencyConfig {

    /** How long a key's answer is replayed (LIAISON_IDEMPOTENCY_TTL); Stripe keeps keys 24 hours too. */
    @WithDefault("PT24H")
    Duration ttl();

    /**
     * A key still "in flight" after this long belongs to a request that died without answering (the
     * process was killed); a retry may then take the key over and run again.
     */
    @WithDefault("PT10M")
    Duration abandonedAfter();

    /**
     * At most this many answers are stored per scope (a location, or the agency)
     * (LIAISON_IDEMPOTENCY_MAX_ANSWERS_PER_LOCATION); storing one more evicts the oldest.
     */
    @WithDefault("10000")
    long maxAnswersPerLocation();

    /**
     * At most this many bytes of answers (UTF-8 bodies) are stored per scope
     * (LIAISON_IDEMPOTENCY_MAX_BYTES_PER_LOCATION); storing one more evicts the oldest until they fit.
     * A single answer larger than this is still kept, alone.
     */
    @WithDefault("50M")
    MemorySize maxBytesPerLocation();

    /** How often expired keys are deleted (LIAISON_IDEMPOTENCY_SWEEP_EVERY). */
    @WithDefault("15m")
    String sweepEvery();
}
