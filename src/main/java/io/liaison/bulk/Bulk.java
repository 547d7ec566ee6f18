package io.liaison.bulk;

import io.liaison.error.Errors;
import java.util.List;

/**
 * What every bulk endpoint shares: at most {@link #MAX_ITEMS} items, judged one by one by the rules
 * of the single endpoint, each answered at its index; the valid ones are written together.
 */
public final class Bulk {

    /** HighLevel-sized batches: big enough to move a graph fast, small enough for one transaction. */
    public static final int MAX_ITEMS = 1000;

    private Bulk() {
    }

    public static <T> List<T> items(List<T> items, String field) {
        if (items == null || items.isEmpty()) {
            throw Errors.ValidationFailed.of(field, "should contain 1 to " + MAX_ITEMS + " items");
        }
        if (items.size() > MAX_ITEMS) {
            throw Errors.ValidationFailed.of(field, "must contain at most " + MAX_ITEMS + " items (got " + items.size() + ")");
        }
        return items;
    }

    /** An item null in the list fails alone, as a body that was not sent. */
    public static Errors.ValidationFailed missingItem(String field, int index) {
        return Errors.ValidationFailed.of(field + "[" + index + "]", "should be an object");
    }
}
