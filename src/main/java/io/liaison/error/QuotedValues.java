package io.liaison.error;

/**
 * How an error message quotes a value the client sent: whole when short, cut otherwise, so that a
 * megabyte-long id or URL is never echoed back (or logged) in full.
 */
public final class QuotedValues {

    /** The length an error message quotes by default. */
    public static final int DEFAULT_LENGTH = 64;

    private QuotedValues() {
    }

    public static String abbreviate(String value) {
        return abbreviate(value, DEFAULT_LENGTH);
    }

    public static String abbreviate(String value, int length) {
        return value.length() > length ? value.substring(0, length) + "…" : value;
    }
}
