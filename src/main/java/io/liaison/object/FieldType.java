package io.liaison.object;

import java.util.Arrays;
import java.util.Optional;

/**
 * The data types a custom-object field can declare: HighLevel's ICustomField.dataType except
 * FILE_UPLOAD, which Liaison refuses (it stores no files). CHECKBOX follows HighLevel when it has
 * options (a list of option keys) and is a plain boolean when it has none. MONETORY is HighLevel's
 * spelling. A TEXTBOX_LIST holds one text per option, written and answered as
 * {@code "<field>.<option>": "text"}, as HighLevel does.
 */
enum FieldType {
    TEXT, LARGE_TEXT, NUMERICAL, DATE, CHECKBOX, SINGLE_OPTIONS, MULTIPLE_OPTIONS, PHONE, MONETORY, RADIO, TEXTBOX_LIST;

    /** Only these may be an object's primary display property (HighLevel's rule). */
    boolean canBePrimary() {
        return this == TEXT || this == NUMERICAL;
    }

    boolean needsOptions() {
        return this == SINGLE_OPTIONS || this == MULTIPLE_OPTIONS || this == RADIO || this == TEXTBOX_LIST;
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
