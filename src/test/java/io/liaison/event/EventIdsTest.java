package io.liaison.event;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void idsIncreaseWithinOneMillisecondAndWhenTheClockStepsBack() {
        long now = 1_800_000_000_000L;
        String previous = EventIds.next(now);
        for (int i = 0; i < 10_000; i++) {
            long time = i == 5_000 ? now - 60_000 : now;
            String id = EventIds.next(time);
            assertTrue(id.compareTo(previous) > 0, previous + " then " + id);
            assertTrue(EventIds.looksLikeEventId(id), id);
            previous = id;
        }
    }

    @Test
    void aLaterMillisecondSortsAfterAndOnlyTheWireFormLooksLikeAnId() {
        String earlier = EventIds.next(1_900_000_000_000L);
        String later = EventIds.next(1_900_000_000_001L);
        assertTrue(later.compareTo(earlier) > 0);
        assertFalse(EventIds.looksLikeEventId(later.toLowerCase()));
        assertFalse(EventIds.looksLikeEventId(later.substring(1)));
        assertFalse(EventIds.looksLikeEventId("0".repeat(25) + "U"));
    }
}
