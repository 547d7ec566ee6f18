package io.liaison.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuotedValuesTest {

    @Test
    void aShortValueIsQuotedWhole() {
        String atTheBound = "x".repeat(QuotedValues.DEFAULT_LENGTH);
        assertEquals(atTheBound, QuotedValues.abbreviate(atTheBound));
    }

    @Test
    void aLongValueIsCutAtTheBoundAndMarked() {
        assertEquals("x".repeat(64) + "…", QuotedValues.abbreviate("x".repeat(1_000_000)));
        assertEquals("abc…", QuotedValues.abbreviate("abcdef", 3));
    }
}
