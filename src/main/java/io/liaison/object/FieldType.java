package io.liaison.object;

import java.util.Arrays;
import java.util.Optional;

/**
 * The data types a custom-object field can declare (a subset of HighLevel's ICustomField.dataType).
 * CHECKBOX follows HighLevel when it has options (a list of option keys) and is a plain boolean
 * when it has none.
 */
public enum FieldType {
    TEXT, LARGE_TEXT, NUMERICAL, DATE, CHECKBOX, SINGLE_OPTIONS, MULTIPLE_OPTIONS;

    /** Only these may be an object's primary display property (HighLevel's rule). */
    boolean canBePrimary() {
        return this == TEXT || this == NUMERICAL;
    }

    boolean needsOptions() {
        return this == SINGLE_OPTIONS || this == MULTIPLE_OPTIONS;
    }

    boolean takesOptions() {
        return needsOptions() || this == CHECKBOX;
    }

    static Optional<FieldType> parse(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
    }

    static String supported() {
        return String.join(", ", Arrays.stream(values()).map(Enum::name).toList());
    }
}
