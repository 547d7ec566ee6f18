package io.liaison.location;

import io.liaison.error.Errors;
import java.util.Map;

import io.liaison.config.LiaisonConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bound on guessing: each client address may fail to authenticate (an unknown API key, a wrong
 * agency token) {@code liaison.rate-limit.failed-authentications} times per
 * {@code failed-authentications-window}; past that its requests are answered 429 with Retry-After
 * before the token is looked up, so a flood of bad tokens costs no database reads. Counted in fixed
 * windows in this instance's memory. The address is the connection's peer, or the forwarded client
 * when QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING trusts a proxy's X-Forwarded-For.
 *
 * <p>The check and the count are not one step: requests already past the check when the last
 * allowed failure is counted still finish, so concurrent guesses may exceed the bound by as many as
 * were in flight at that moment.
 */
@ApplicationScoped
class FailedAuthentications {

    /** Addresses tracked before expired windows are dropped, and, if that is not enough, all of them. */
    private static final int TRACKED_ADDRESSES = 100_000;

    private static final class Window {
        long start;
        int failures;
    }

    private final int maxFailures;
    private final long windowMillis;
    private final ConcurrentHashMap<String, Window> byAddress = new ConcurrentHashMap<>();

    public FailedAuthentications(LiaisonConfig config) {
        this.maxFailures = config.rateLimit().failedAuthentications();
        this.windowMillis = Math.max(1, config.rateLimit().failedAuthenticationsWindow().toMillis());
    }

    /** Milliseconds until {@code address} may try again; 0 when it may try now. */
    long blockedFor(String address) {
        if (maxFailures <= 0 || address == null) {
            return 0;
        }
        Window window = byAddress.get(address);
        if (window == null) {
            return 0;
        }
        long now = System.currentTimeMillis();
        synchronized (window) {
            long endsIn = window.start + windowMillis - now;
            return endsIn > 0 && window.failures >= maxFailures ? endsIn : 0;
        }
    }

    /** The one refusal of a blocked address (429 with Retry-After), for TokenIdentities and the console's sign-in alike. */
    void refuseIfBlocked(String address) {
        long blockedFor = blockedFor(address);
        if (blockedFor > 0) {
            long seconds = Math.max(1, (blockedFor + 999) / 1000);
            throw new Errors.RateLimited("Too many failed authentications from this address (" + maxFailures + " per "
                    + windowMillis / 1000 + " s); retry after Retry-After seconds", Map.of("retryAfterSeconds", seconds));
        }
    }

    /** The client's address as the bound counts it: the connection's peer, or the forwarded one when the proxy settings trust it. */
    static String addressOf(io.vertx.core.http.HttpServerRequest http) {
        return http == null || http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    }

    void failed(String address) {
        if (maxFailures <= 0 || address == null) {
            return;
        }
        long now = System.currentTimeMillis();
        if (byAddress.size() > TRACKED_ADDRESSES) {
            byAddress.values().removeIf(w -> now - w.start >= windowMillis);
            if (byAddress.size() > TRACKED_ADDRESSES) {
                byAddress.clear();
            }
        }
        Window window = byAddress.computeIfAbsent(address, a -> new Window());
        synchronized (window) {
            if (now - window.start >= windowMillis) {
                window.start = now;
                window.failures = 0;
            }
            window.failures++;
        }
    }

    int maxFailures() {
        return maxFailures;
    }

    long windowMillis() {
        return windowMillis;
    }
}
