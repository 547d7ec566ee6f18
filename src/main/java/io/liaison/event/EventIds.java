package io.liaison.event;

import java.security.SecureRandom;

/**
 * Event ids in the ULID layout: 10 characters of milliseconds then 16 random ones, in Crockford's
 * base 32, so ids sort by creation time as strings. Within one instance they are strictly
 * increasing, even within one millisecond, because two events of one record are written one after
 * the other and their ids must keep that order.
 */
final class EventIds {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int RANDOM_CHARS = 16;

    private static long lastMillis = -1;
    private static final char[] lastRandom = new char[RANDOM_CHARS];

    private EventIds() {
    }

    static synchronized String next(long nowMillis) {
        long millis = Math.max(nowMillis, lastMillis);
        if (millis == lastMillis) {
            increment(lastRandom);
        } else {
            for (int i = 0; i < RANDOM_CHARS; i++) {
                lastRandom[i] = ALPHABET[RANDOM.nextInt(32)];
            }
            // Leave headroom so increments within one millisecond never overflow the random part.
            lastRandom[0] = ALPHABET[RANDOM.nextInt(16)];
            lastMillis = millis;
        }
        char[] id = new char[10 + RANDOM_CHARS];
        long time = millis;
        for (int i = 9; i >= 0; i--) {
            id[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        System.arraycopy(lastRandom, 0, id, 10, RANDOM_CHARS);
        return new String(id);
    }

    private static void increment(char[] digits) {
        for (int i = digits.length - 1; i >= 0; i--) {
            int value = indexOf(digits[i]);
            if (value < 31) {
                digits[i] = ALPHABET[value + 1];
                return;
            }
            digits[i] = ALPHABET[0];
        }
    }

    private static int indexOf(char c) {
        for (int i = 0; i < ALPHABET.length; i++) {
            if (ALPHABET[i] == c) {
                return i;
            }
        }
        throw new IllegalStateException("Not an id character: " + c);
    }

    static boolean looksLikeEventId(String value) {
        if (value == null || value.length() != 10 + RANDOM_CHARS) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (new String(ALPHABET).indexOf(value.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
