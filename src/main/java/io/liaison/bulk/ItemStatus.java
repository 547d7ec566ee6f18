package io.liaison.bulk;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;

/** What happened to one item of a bulk request. */
public enum ItemStatus {
    CREATED, UPDATED, DELETED, FAILED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One item's result in a bulk answer: whatever it carries, it says what happened to the item. */
    public interface HasStatus {
        ItemStatus status();
    }

    /** How many of a bulk answer's items ended with this status: its created, updated, deleted or failed count. */
    public int countIn(List<? extends HasStatus> results) {
        return (int) results.stream().filter(r -> r.status() == this).count();
    }
}
