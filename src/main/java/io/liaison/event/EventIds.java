package io.liaison.event;

import com.github.f4b6a3.ulid.UlidFactory;

/**
 * Event ids are ULIDs (10 characters of milliseconds then 16 random ones, Crockford's base 32), so ids
 * sort by creation time as strings. Within one instance they are strictly increasing, even within one
 * millisecond, because two events of one record are written one after the other and their ids must
 * keep that order: ulid-creator's monotonic factory increments the random part within a millisecond.
 * It starts afresh (smaller id) when the clock steps back more than 10 seconds, so the time handed to it
 * never goes back here.
 */
final class EventIds {
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int LENGTH = 26;
    private static final UlidFactory MONOTONIC = UlidFactory.newMonotonicInstance();

    private static long lastMillis = -1;

    private EventIds() {
    }

    static synchronized String next(long nowMillis) {
        lastMillis = Math.max(nowMillis, lastMillis);
        return MONOTONIC.create(lastMillis).toString();
    }

    /** The wire form only (upper-case Crockford base 32, 26 characters), as ids are compared as strings. */
    static boolean looksLikeEventId(String value) {
        if (value == null || value.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (ALPHABET.indexOf(value.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
