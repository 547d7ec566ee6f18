package io.liaison.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * JSON as a README shows it, with {@code ...} for what it leaves out, compared with what a command
 * printed:
 * <ul>
 * <li>{@code ...} as a value matches any value; as an object's member, any further members (without
 * it, the object has exactly the members shown); as an array's last element, any further elements;
 * {@code {...}} and {@code [...]} match any object or array;</li>
 * <li>a string containing {@code ...} matches any string it stands for ({@code "lk_..."}:
 * starts with {@code lk_});</li>
 * <li>anything else matches equal JSON (numbers by value).</li>
 * </ul>
 * Several values may follow one another; text after the last one (a remark in brackets) is ignored.
 */
final class ExpectedJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    sealed interface Shape permits AnyValue, ObjectShape, ArrayShape, Glob, Exact {
    }

    record AnyValue() implements Shape {
    }

    record ObjectShape(Map<String, Shape> members, boolean open) implements Shape {
    }

    record ArrayShape(List<Shape> elements, boolean open) implements Shape {
    }

    record Glob(Pattern pattern, String text) implements Shape {
    }

    record Exact(JsonNode value) implements Shape {
    }

    private final String text;
    private int at;

    private ExpectedJson(String text) {
        this.text = text;
    }

    /** Whether the text opens more brackets than it closes (outside strings): a value continued on the next line. */
    static boolean unbalanced(String text) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return depth > 0;
    }

    /** The values shown, in order. */
    static List<Shape> parse(String shown) {
        ExpectedJson parser = new ExpectedJson(shown);
        List<Shape> values = new ArrayList<>();
        parser.skipSpace();
        while (parser.at < shown.length() && (parser.peek() == '{' || parser.peek() == '[')) {
            values.add(parser.value());
            parser.skipSpace();
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no JSON value in: " + shown);
        }
        return values;
    }

    /** Every value a command printed, one after the other (one per line or pretty-printed). */
    static List<JsonNode> readAll(String printed) throws java.io.IOException {
        List<JsonNode> values = new ArrayList<>();
        try (var parser = JSON.getFactory().createParser(printed)) {
            Iterator<JsonNode> it = JSON.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                values.add(it.next());
            }
        }
        return values;
    }

    /** What differs, one line each, empty when the value matches. */
    static List<String> differences(Shape shape, JsonNode actual, String path) {
        List<String> out = new ArrayList<>();
        compare(shape, actual, path, out);
        return out;
    }

    private static void compare(Shape shape, JsonNode actual, String path, List<String> out) {
        if (shape instanceof AnyValue) {
            if (actual == null || actual.isMissingNode()) {
                out.add(path + ": missing");
            }
        } else if (shape instanceof Exact exact) {
            boolean same = actual != null && (exact.value().isNumber() && actual.isNumber()
                    ? exact.value().decimalValue().compareTo(actual.decimalValue()) == 0
                    : exact.value().equals(actual));
            if (!same) {
                out.add(path + ": expected " + exact.value() + ", got " + actual);
            }
        } else if (shape instanceof Glob glob) {
            if (actual == null || !actual.isTextual() || !glob.pattern().matcher(actual.textValue()).matches()) {
                out.add(path + ": expected \"" + glob.text() + "\", got " + actual);
            }
        } else if (shape instanceof ObjectShape object) {
            if (actual == null || !actual.isObject()) {
                out.add(path + ": expected an object, got " + actual);
                return;
            }
            object.members().forEach((name, member) -> {
                if (!actual.has(name)) {
                    out.add(path + "." + name + ": missing");
                } else {
                    compare(member, actual.get(name), path + "." + name, out);
                }
            });
            if (!object.open()) {
                actual.fieldNames().forEachRemaining(name -> {
                    if (!object.members().containsKey(name)) {
                        out.add(path + "." + name + ": not shown, and the object shown has no ...");
                    }
                });
            }
        } else if (shape instanceof ArrayShape array) {
            if (actual == null || !actual.isArray()) {
                out.add(path + ": expected an array, got " + actual);
                return;
            }
            int shown = array.elements().size();
            if (array.open() ? actual.size() < shown : actual.size() != shown) {
                out.add(path + ": expected " + (array.open() ? "at least " : "") + shown + " elements, got " + actual.size());
                return;
            }
            for (int i = 0; i < shown; i++) {
                compare(array.elements().get(i), actual.get(i), path + "[" + i + "]", out);
            }
        }
    }

    private char peek() {
        return text.charAt(at);
    }

    private void skipSpace() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }

    private boolean ellipsis() {
        skipSpace();
        if (text.startsWith("...", at)) {
            at += 3;
            skipSpace();
            return true;
        }
        return false;
    }

    private void expect(char c) {
        skipSpace();
        if (at >= text.length() || text.charAt(at) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + at + " in: " + text);
        }
        at++;
    }

    private Shape value() {
        skipSpace();
        if (ellipsis()) {
            return new AnyValue();
        }
        char c = peek();
        if (c == '{') {
            return object();
        }
        if (c == '[') {
            return array();
        }
        if (c == '"') {
            return string();
        }
        int start = at;
        while (at < text.length() && ",}] \t".indexOf(text.charAt(at)) < 0) {
            at++;
        }
        try {
            return new Exact(JSON.readTree(text.substring(start, at)));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a JSON value: " + text.substring(start, at) + " in: " + text, e);
        }
    }

    private Shape object() {
        expect('{');
        Map<String, Shape> members = new LinkedHashMap<>();
        boolean open = false;
        skipSpace();
        if (peek() == '}') {
            at++;
            return new ObjectShape(members, false);
        }
        while (true) {
            if (ellipsis()) {
                open = true;
            } else {
                skipSpace();
                String name = ((Exact) rawString()).value().textValue();
                expect(':');
                members.put(name, value());
            }
            skipSpace();
            if (peek() == ',') {
                at++;
                continue;
            }
            expect('}');
            return new ObjectShape(members, open);
        }
    }

    private Shape array() {
        expect('[');
        List<Shape> elements = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            at++;
            return new ArrayShape(elements, false);
        }
        while (true) {
            skipSpace();
            if (text.startsWith("...", at)) {
                ellipsis();
                expect(']');
                return new ArrayShape(elements, true);
            }
            elements.add(value());
            skipSpace();
            if (peek() == ',') {
                at++;
                continue;
            }
            expect(']');
            return new ArrayShape(elements, false);
        }
    }

    private Shape string() {
        Exact raw = (Exact) rawString();
        String value = raw.value().textValue();
        if (!value.contains("...")) {
            return raw;
        }
        StringBuilder regex = new StringBuilder();
        for (String part : value.split("\\.\\.\\.", -1)) {
            if (regex.length() > 0) {
                regex.append("(?s:.*)");
            }
            regex.append(Pattern.quote(part));
        }
        return new Glob(Pattern.compile(regex.toString()), value);
    }

    private Shape rawString() {
        expect('"');
        int start = at - 1;
        while (at < text.length() && text.charAt(at) != '"') {
            if (text.charAt(at) == '\\') {
                at++;
            }
            at++;
        }
        at++;
        try {
            return new Exact(JSON.readTree(text.substring(start, at)));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a JSON string at " + start + " in: " + text, e);
        }
    }
}
