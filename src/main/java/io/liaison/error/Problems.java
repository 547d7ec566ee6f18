package io.liaison.error;

import java.util.ArrayList;
import java.util.List;

/**
 * The field problems found while checking one request, each a field path and what is wrong with it, in the
 * order found. A check collects every problem before failing, so the client learns all of them from one 422;
 * the 422's {@code param} is the first problem's field, kept as a field rather than parsed back out of a
 * sentence.
 */
public final class Problems {

    /** One field at fault: {@code field} is its path in the request ("customFields[2].field_value"). */
    public record Problem(String field, String message) {
        /** The sentence the 422 lists: the field's path, then what is wrong with it. */
        public String text() {
            return message.isEmpty() ? field : field + " " + message;
        }
    }

    private final List<Problem> found = new ArrayList<>();

    public void add(String field, String message) {
        found.add(new Problem(field, message));
    }

    /** How many were found so far: a check compares it before and after a part to know whether that part failed. */
    public int size() {
        return found.size();
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<Problem> list() {
        return List.copyOf(found);
    }

    /** The sentences, in the order found. */
    public List<String> texts() {
        return found.stream().map(Problem::text).toList();
    }

    /** Throws 422 VALIDATION_FAILED listing every problem, if any was found. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new Errors.ValidationFailed(this);
        }
    }
}
