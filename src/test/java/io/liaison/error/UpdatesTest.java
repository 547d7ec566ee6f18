package io.liaison.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The update convention: left out keeps, empty clears, a value replaces; a null keyed value clears. */
class UpdatesTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Nested
    class BodyMembers {
        @Test
        void leftOutKeepsTheCurrentValue() {
            assertEquals("kept", Updates.text(null, "kept"));
        }

        @Test
        void emptyOrBlankClears() {
            assertNull(Updates.text("", "kept"));
            assertNull(Updates.text("  \t", "kept"));
        }

        @Test
        void aValueReplacesWithoutItsSurroundingSpaces() {
            assertEquals("new", Updates.text("  new ", "kept"));
            assertEquals("new", Updates.text(" new"));
        }

        @Test
        void aCreateStoresNothingForNullOrBlank() {
            assertNull(Updates.text(null));
            assertNull(Updates.text(" "));
        }
    }

    @Nested
    class Changes {
        @Test
        void aMemberLeftOutIsNoChange() {
            Map<String, Object> changes = new HashMap<>();
            Updates.putIfSent(changes, "city", null);
            assertFalse(changes.containsKey("city"));
        }

        @Test
        void anEmptyMemberIsAChangeToNothing() {
            Map<String, Object> changes = new HashMap<>();
            Updates.putIfSent(changes, "city", "");
            assertTrue(changes.containsKey("city"));
            assertNull(changes.get("city"));
        }

        @Test
        void aSentMemberIsAChangeToItsStrippedText() {
            Map<String, Object> changes = new HashMap<>();
            Updates.putIfSent(changes, "city", " Lisbon ");
            assertEquals(Map.of("city", "Lisbon"), changes);
        }
    }

    @Nested
    class KeyedValues {
        @Test
        void nullAndBlankTextClear() {
            assertTrue(Updates.clears(null));
            assertTrue(Updates.clears(JSON.nullNode()));
            assertTrue(Updates.clears(JSON.textNode(" ")));
        }

        @Test
        void otherValuesDoNotClear() {
            assertFalse(Updates.clears(JSON.textNode("x")));
            assertFalse(Updates.clears(JSON.numberNode(0)));
            assertFalse(Updates.clears(JSON.booleanNode(false)));
            assertFalse(Updates.clears(JSON.arrayNode()));
        }
    }
}
