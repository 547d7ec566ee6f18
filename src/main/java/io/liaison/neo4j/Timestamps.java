package io.liaison.neo4j;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Stored times are UTC and truncated to milliseconds, so a time a client receives (ISO or epoch
 * millis, as in a paging cursor) compares equal to the stored one.
 */
public final class Timestamps {
    private Timestamps() {
    }

    public static ZonedDateTime now() {
        return ZonedDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }

    /** ISO-8601 in UTC, as the API writes times ("2025-06-13T20:23:51.000Z" style, millisecond precision). */
    public static String iso(ZonedDateTime time) {
        return time == null ? null : DateTimeFormatter.ISO_INSTANT.format(time.toInstant());
    }

    /** A stored time as the API writes it; null when the property is absent. */
    public static String iso(org.neo4j.driver.Value stored) {
        return stored == null || stored.isNull() ? null : iso(stored.asZonedDateTime());
    }
}
