package io.liaison.ops;

import io.liaison.config.LiaisonConfig;
import io.liaison.error.Errors;
import io.liaison.location.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * HighLevel's rate limits, per location: at most {@code burst} requests per burst window and
 * {@code daily} per UTC day, counted for all the location's keys together (a second key does not
 * double the budget); past either, 429 RATE_LIMITED. Every response to a key-authenticated
 * request carries HighLevel's headers: X-RateLimit-Max, X-RateLimit-Remaining,
 * X-RateLimit-Interval-Milliseconds, X-RateLimit-Limit-Daily and X-RateLimit-Daily-Remaining (and a
 * 429 also Retry-After). Off by default (LIAISON_RATE_LIMIT_ENABLED). The counts live in this
 * instance's memory: with several instances behind a balancer, each counts on its own. The agency
 * token is not limited.
 */
@ApplicationScoped
public class RateLimits {

    private static final String HEADERS = RateLimits.class.getName() + ".headers";
    /** Locations tracked before counters of past days are dropped; live locations are few compared with this. */
    private static final int TRACKED_LOCATIONS = 100_000;

    /** One location's fixed windows: the current burst window and the current day. */
    private static final class Usage {
        long windowStart;
        int inWindow;
        LocalDate day;
        int today;
    }

    private record Decision(boolean allowed, int burstRemaining, int dailyRemaining, long windowEndsInMillis, long dayEndsInMillis) {
    }

    private final boolean enabled;
    private final int burst;
    private final long intervalMillis;
    private final int daily;
    private final Caller caller;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Usage> usageByLocation = new ConcurrentHashMap<>();

    public RateLimits(LiaisonConfig config, Caller caller) {
        this.enabled = config.rateLimit().enabled();
        this.burst = config.rateLimit().burst();
        this.intervalMillis = Math.max(1, config.rateLimit().burstInterval().toMillis());
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
        headers.put("X-RateLimit-Interval-Milliseconds", String.valueOf(intervalMillis));
        headers.put("X-RateLimit-Limit-Daily", String.valueOf(daily));
        headers.put("X-RateLimit-Daily-Remaining", String.valueOf(decision.dailyRemaining()));
        if (!decision.allowed()) {
            long waitMillis = decision.dailyRemaining() == 0 ? decision.dayEndsInMillis() : decision.windowEndsInMillis();
            headers.put("Retry-After", String.valueOf(Math.max(1, (waitMillis + 999) / 1000)));
        }
        request.setProperty(HEADERS, headers);
        if (!decision.allowed()) {
            throw new Errors.RateLimited(decision.dailyRemaining() == 0
                    ? "This location's keys used its " + daily + " requests of the day (UTC); retry tomorrow"
                    : "This location's keys used its " + burst + " requests of the last " + intervalMillis + " ms; retry after Retry-After seconds",
                    Map.of("burst", burst, "intervalMilliseconds", intervalMillis, "daily", daily));
        }
    }

    /** Also on the 429 itself and on any error answered after the count. */
    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(HEADERS) instanceof Map<?, ?> headers) {
            headers.forEach((name, value) -> response.getHeaders().putSingle((String) name, value));
        }
    }

    private Decision decide(String locationId) {
        long now = clock.millis();
        LocalDate today = LocalDate.ofEpochDay(Math.floorDiv(now, 86_400_000L));
        long dayEndsIn = today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli() - now;
        if (usageByLocation.size() > TRACKED_LOCATIONS) {
            usageByLocation.values().removeIf(u -> !today.equals(u.day));
        }
        Usage usage = usageByLocation.computeIfAbsent(locationId, k -> new Usage());
        synchronized (usage) {
            if (now - usage.windowStart >= intervalMillis) {
                usage.windowStart = now;
                usage.inWindow = 0;
            }
            if (!today.equals(usage.day)) {
                usage.day = today;
                usage.today = 0;
            }
            boolean allowed = usage.inWindow < burst && usage.today < daily;
            if (allowed) {
                usage.inWindow++;
                usage.today++;
            }
            return new Decision(allowed, burst - usage.inWindow, daily - usage.today,
                    usage.windowStart + intervalMillis - now, dayEndsIn);
        }
    }
}
