package io.liaison.ops;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.liaison.config.LiaisonConfig;
import io.liaison.error.Errors;
import io.liaison.location.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * HighLevel's rate limits, per location: at most {@code burst} requests per burst window and
 * {@code daily} per UTC day, counted for all the location's keys together (a second key does not
 * double the budget); past either, 429 RATE_LIMITED. Every response to a key-authenticated
 * request carries HighLevel's headers: X-RateLimit-Max, X-RateLimit-Remaining,
 * X-RateLimit-Interval-Milliseconds, X-RateLimit-Limit-Daily and X-RateLimit-Daily-Remaining (and a
 * 429 also Retry-After). Off by default (LIAISON_RATE_LIMIT_ENABLED). The agency token is not limited.
 *
 * <p>Each location has two Bucket4j buckets refilled whole at once: the burst one every burst
 * interval, the daily one at each UTC midnight. A request takes a token from both or from neither.
 * The buckets live in this instance's memory: with several instances behind a balancer, each counts
 * on its own (n instances allow up to n times the budget). Sharing them would take one of Bucket4j's
 * distributed back ends (Redis, Hazelcast, JCache, a JDBC database), none of which Liaison runs;
 * Neo4j, the only store the instances share, has none.
 */
@ApplicationScoped
public class RateLimits {

    private static final String HEADERS = RateLimits.class.getName() + ".headers";
    private static final Duration DAY = Duration.ofDays(1);

    /** One location's budget: the burst window's tokens and the day's. */
    private record Buckets(Bucket burst, Bucket daily) {
    }

    private record Decision(boolean allowed, long burstRemaining, long dailyRemaining, long waitNanos) {
    }

    private final boolean enabled;
    private final int burst;
    private final Duration interval;
    private final int daily;
    private final Caller caller;
    /** A location idle for a day would have its day's count reset anyway, so its buckets may go. */
    private final Cache<String, Buckets> bucketsByLocation = Caffeine.newBuilder().expireAfterAccess(DAY).build();

    public RateLimits(LiaisonConfig config, Caller caller) {
        this.enabled = config.rateLimit().enabled();
        this.burst = config.rateLimit().burst();
        this.interval = Duration.ofMillis(Math.max(1, config.rateLimit().burstInterval().toMillis()));
        this.daily = config.rateLimit().daily();
        this.caller = caller;
    }

    /** After authentication (which runs at Priorities.USER), so the key is known. */
    @ServerRequestFilter(priority = Priorities.USER + 100)
    public void count(ContainerRequestContext request) {
        if (!enabled || caller.keyId().isEmpty()) {
            return;
        }
        Decision decision = decide(caller.location());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-RateLimit-Max", String.valueOf(burst));
        headers.put("X-RateLimit-Remaining", String.valueOf(decision.burstRemaining()));
        headers.put("X-RateLimit-Interval-Milliseconds", String.valueOf(interval.toMillis()));
        headers.put("X-RateLimit-Limit-Daily", String.valueOf(daily));
        headers.put("X-RateLimit-Daily-Remaining", String.valueOf(decision.dailyRemaining()));
        if (!decision.allowed()) {
            headers.put("Retry-After", String.valueOf(Math.max(1, TimeUnit.NANOSECONDS.toSeconds(decision.waitNanos() + 999_999_999))));
        }
        request.setProperty(HEADERS, headers);
        if (!decision.allowed()) {
            throw new Errors.RateLimited(decision.dailyRemaining() == 0
                    ? "This location's keys used its " + daily + " requests of the day (UTC); retry tomorrow"
                    : "This location's keys used its " + burst + " requests of the last " + interval.toMillis() + " ms; retry after Retry-After seconds",
                    Map.of("burst", burst, "intervalMilliseconds", interval.toMillis(), "daily", daily));
        }
    }

    /** Also on the 429 itself and on any error answered after the count. */
    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(HEADERS) instanceof Map<?, ?> headers) {
            headers.forEach((name, value) -> response.getHeaders().putSingle((String) name, value));
        }
    }

    private Buckets newBuckets() {
        Instant nextMidnight = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        return new Buckets(
                Bucket.builder().withMillisecondPrecision()
                        .addLimit(limit -> limit.capacity(burst).refillIntervally(burst, interval)).build(),
                Bucket.builder().withMillisecondPrecision()
                        .addLimit(limit -> limit.capacity(daily).refillIntervallyAligned(daily, DAY, nextMidnight)).build());
    }

    private Decision decide(String locationId) {
        Buckets buckets = bucketsByLocation.get(locationId, k -> newBuckets());
        // Both buckets or neither: a request refused by the day gives its burst token back.
        synchronized (buckets) {
            ConsumptionProbe inWindow = buckets.burst().tryConsumeAndReturnRemaining(1);
            if (!inWindow.isConsumed()) {
                return new Decision(false, 0, buckets.daily().getAvailableTokens(), inWindow.getNanosToWaitForRefill());
            }
            ConsumptionProbe today = buckets.daily().tryConsumeAndReturnRemaining(1);
            if (!today.isConsumed()) {
                buckets.burst().addTokens(1);
                return new Decision(false, buckets.burst().getAvailableTokens(), 0, today.getNanosToWaitForRefill());
            }
            return new Decision(true, inWindow.getRemainingTokens(), today.getRemainingTokens(), 0);
        }
    }
}
