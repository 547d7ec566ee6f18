package io.liaison.bulk;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.error.Errors;
import io.liaison.error.JsonErrors;
import java.util.ArrayList;
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

    /**
     * One item of a bulk request, read when it is judged: an item that does not fit its single endpoint's
     * body (an unknown field, a value of the wrong type, not an object) throws that endpoint's error then,
     * and fails alone at its index instead of failing the whole request.
     */
    @FunctionalInterface
    public interface Item<T> {
        /**
         * The item as its single endpoint's body, or null for a JSON null; throws the
         * {@link io.liaison.error.ApiException} that endpoint would answer.
         */
        T read();
    }

    /** Items already read (a CSV import's lines), each answered as it is. */
    public static <T> List<Item<T>> given(List<T> items) {
        return items == null ? null : items.stream().<Item<T>>map(item -> () -> item).toList();
    }

    /**
     * The items of a bulk body as sent, each read into {@code type} by {@code json} (the application's
     * mapper, so each is read exactly as its single endpoint's body is) when it is judged.
     */
    public static <T> List<Item<T>> read(ObjectMapper json, List<JsonNode> items, Class<T> type, String field) {
        if (items == null) {
            return null;
        }
        List<Item<T>> read = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            int index = i;
            read.add(() -> readItem(json, item, type, field, index));
        }
        return read;
    }

    private static <T> T readItem(ObjectMapper json, JsonNode item, Class<T> type, String field, int index) {
        if (item == null || item.isNull()) {
            return null;
        }
        if (type == String.class) {
            if (!item.isTextual()) {
                throw Errors.ValidationFailed.of(field + "[" + index + "]", "should be text");
            }
            return type.cast(item.textValue());
        }
        if (!item.isObject()) {
            throw missingItem(field, index);
        }
        try {
            return json.treeToValue(item, type);
        } catch (JsonMappingException e) {
            throw JsonErrors.of(e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Errors.BadRequest("MALFORMED_JSON", field + "[" + index + "] could not be read", field + "[" + index + "]");
        }
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
