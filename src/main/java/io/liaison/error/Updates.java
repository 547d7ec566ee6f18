package io.liaison.error;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * How every write treats a field of its body, written once (docs/design/README.md, "Updates"):
 *
 * <ul>
 * <li>A member of the body (a contact's {@code firstName}, an object's {@code description}): left out
 * or sent as {@code null} keeps the stored value (Jackson reads a JSON null as left out); sent empty or
 * blank clears it; any other text is stored without its surrounding spaces.
 * <li>A value keyed by field in a map ({@code customFields}, a record's {@code properties}): left out
 * keeps it; {@code null} or blank text clears it; anything else is converted by the field's type.
 * </ul>
 *
 * A required member (a name, a role name) is checked by its service before this applies: clearing it is
 * a 422 naming it.
 */
public final class Updates {

    private Updates() {
    }

    /** What a write stores for a text it was sent: null (nothing, or cleared) when null or blank, else stripped. */
    public static String text(String sent) {
        return sent == null || sent.isBlank() ? null : sent.strip();
    }

    /** A member's new value: the current one when the body left it out, otherwise {@link #text(String)}. */
    public static String text(String sent, String current) {
        return sent == null ? current : text(sent);
    }

    /** Records a member among an update's changes only when the body has it; null (clear) when blank. */
    public static void putIfSent(Map<String, Object> changes, String member, String sent) {
        if (sent != null) {
            changes.put(member, text(sent));
        }
    }

    /** Whether a value keyed by field clears that field: JSON null, or blank text. */
    public static boolean clears(JsonNode value) {
        return value == null || value.isNull() || value.isTextual() && value.asText().isBlank();
    }
}
