package io.liaison.bulk;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What happened to one item of a bulk request. */
public enum ItemStatus {
    CREATED, UPDATED, DELETED, FAILED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
