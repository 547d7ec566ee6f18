package io.liaison.object;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Timestamps as the API writes them: UTC, millisecond precision, ISO-8601. */
final class Times {
    private Times() {
    }

    static ZonedDateTime now() {
        return ZonedDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }

    static String iso(ZonedDateTime time) {
        return time == null ? null : DateTimeFormatter.ISO_INSTANT.format(time.toInstant());
    }
}
