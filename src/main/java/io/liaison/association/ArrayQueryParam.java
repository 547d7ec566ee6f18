package io.liaison.association;

import io.liaison.error.Errors;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Array query parameters in every form HighLevel clients send: axios' {@code ids[]=a&ids[]=b},
 * repeated {@code ids=a&ids=b}, and comma-separated {@code ids=a,b}.
 */
public final class ArrayQueryParam {

    public static final int MAX_VALUES = 50;
    public static final int MAX_VALUE_LENGTH = 64;

    private ArrayQueryParam() {
    }

    public static List<String> values(UriInfo uri, String name) {
        var query = uri.getQueryParameters();
        List<String> raw = new ArrayList<>();
        for (String key : List.of(name, name + "[]")) {
            List<String> given = query.get(key);
            if (given != null) {
                raw.addAll(given);
            }
        }
        LinkedHashSet<String> values = new LinkedHashSet<>();
        for (String entry : raw) {
            for (String value : entry.split(",")) {
                String trimmed = value.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (trimmed.length() > MAX_VALUE_LENGTH) {
                    throw Errors.ValidationFailed.of(name, "values must be at most " + MAX_VALUE_LENGTH + " characters");
                }
                values.add(trimmed);
            }
        }
        if (values.size() > MAX_VALUES) {
            throw Errors.ValidationFailed.of(name, "must name at most " + MAX_VALUES + " values");
        }
        return List.copyOf(values);
    }
}
