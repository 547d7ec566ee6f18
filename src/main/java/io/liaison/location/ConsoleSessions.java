package io.liaison.location;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's signed-in browsers. A browser hands its token over once, at sign-in; from then on
 * it holds only a random session id in an HttpOnly, SameSite=Strict cookie, so the token is never
 * in a URL, in the page's script-readable storage or in a log. The token stays in this process's
 * memory and is checked again on every request, so a revoked key ends its console sessions within
 * the key cache's bound, like any other use of the key.
 *
 * <p>Sessions live in this instance's memory: a restart, or a request that reaches another
 * instance, asks the user to sign in again (put sticky sessions in front of several instances).
 * The table is bounded; when it is full the least recently used session is dropped.
 */
@ApplicationScoped
class ConsoleSessions {

    public static final String COOKIE = "liaison_console";
    /** Every write through a session carries this header with the session's CSRF token. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    static final Duration IDLE = Duration.ofHours(8);
    static final int MAXIMUM = 10_000;
    private static final int ID_BYTES = 32;
    private static final int MAX_ID_LENGTH = 64;

    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();

    /**
     * A signed-in browser: the token it signed in with, for the agency token the location it chose,
     * and the CSRF token its writes must echo.
     */
    public static final class Session {
        final String id;
        final String token;
        final boolean agency;
        final String csrfToken;
        private volatile String locationId;
        private volatile long lastUsedMillis;

        Session(String id, String token, boolean agency, String locationId, String csrfToken) {
            this.id = id;
            this.token = token;
            this.agency = agency;
            this.locationId = locationId;
            this.csrfToken = csrfToken;
            this.lastUsedMillis = System.currentTimeMillis();
        }

        public String locationId() {
            return locationId;
        }

        String csrfToken() {
            return csrfToken;
        }
    }

    Session open(String token, boolean agency, String locationId) {
        evictIfFull();
        Session session = new Session(randomToken(), token, agency, locationId, randomToken());
        sessions.put(session.id, session);
        return session;
    }

    /** The session a cookie names, when it exists and has been used within the idle limit. */
    Optional<Session> find(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > MAX_ID_LENGTH) {
            return Optional.empty();
        }
        Session session = sessions.get(cookieValue);
        if (session == null) {
            return Optional.empty();
        }
        long now = System.currentTimeMillis();
        if (now - session.lastUsedMillis > IDLE.toMillis()) {
            sessions.remove(cookieValue, session);
            return Optional.empty();
        }
        session.lastUsedMillis = now;
        return Optional.of(session);
    }

    void chooseLocation(Session session, String locationId) {
        session.locationId = locationId;
    }

    void close(Session session) {
        sessions.remove(session.id, session);
    }

    int size() {
        return sessions.size();
    }

    private void evictIfFull() {
        while (sessions.size() >= MAXIMUM) {
            sessions.values().stream().min(Comparator.comparingLong(s -> s.lastUsedMillis))
                    .ifPresent(oldest -> sessions.remove(oldest.id, oldest));
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
