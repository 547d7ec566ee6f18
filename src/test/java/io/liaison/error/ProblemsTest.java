package io.liaison.error;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The 422 names its field from the collected pair, never by parsing the sentence. */
class ProblemsTest {

    @Test
    void nothingFoundThrowsNothing() {
        assertDoesNotThrow(() -> new Problems().throwIfAny());
    }

    @Test
    void theFirstProblemsFieldIsTheParamEvenWhenItsMessageStartsWithAQuote() {
        Problems problems = new Problems();
        problems.add("options[0].key", "'a b' is given twice");
        problems.add("name", "should not be empty");

        Errors.ValidationFailed failure = assertThrows(Errors.ValidationFailed.class, problems::throwIfAny);

        assertEquals("options[0].key", failure.param());
        assertEquals(List.of("options[0].key 'a b' is given twice", "name should not be empty"), failure.problems());
        assertEquals(422, failure.status());
        assertEquals("VALIDATION_FAILED", failure.code());
    }

    @Test
    void aFieldWhosePathHoldsASpaceIsStillNamedWhole() {
        Problems problems = new Problems();
        problems.add("customFields[my field]", "must be a number");

        Errors.ValidationFailed failure = assertThrows(Errors.ValidationFailed.class, problems::throwIfAny);

        assertEquals("customFields[my field]", failure.param());
    }
}
