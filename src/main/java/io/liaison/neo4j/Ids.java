package io.liaison.neo4j;

import java.security.SecureRandom;

/**
 * Opaque identifiers in HighLevel's style: 20 characters of [A-Za-z0-9]. One generator for every
 * kind of record, so a record id alone identifies a record across objects.
 */
public final class Ids {
    private static final char[] ALPHABET =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final int ID_LENGTH = 20;

    private Ids() {
    }

    public static String newId() {
        return random(ID_LENGTH);
    }

    public static String random(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(chars);
    }

    /** Cheap shape check, so ids that can never exist are refused before a query runs. */
    public static boolean looksLikeId(String value) {
        if (value == null || value.isEmpty() || value.length() > 64) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }
}
