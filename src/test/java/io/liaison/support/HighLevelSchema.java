package io.liaison.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a JSON document against a schema of HighLevel's own OpenAPI files (copied, CC0, under
 * src/main/resources/highlevel): required fields present, each field of the JSON type, enum values
 * among those allowed, nested objects and arrays alike. Fields the schema does not name are Liaison's
 * additions and are not judged.
 */
public final class HighLevelSchema {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, JsonNode> FILES = new ConcurrentHashMap<>();

    private HighLevelSchema() {
    }

    /** Fails with every mismatch listed. {@code file} is e.g. "apps/contacts.json". */
    public static void assertMatches(String file, String schemaName, String json) {
        assertMatches(file, schemaName, json, List.of());
    }

    /**
     * As above, except for the paths (such as "$.record.properties") where HighLevel's document is
     * known to be wrong; each caller says why.
     */
    public static void assertMatches(String file, String schemaName, String json, List<String> documentationBugs) {
        try {
            List<String> problems = new ArrayList<>();
            check(file, schema(file, schemaName), JSON.readTree(json), "$", problems);
            problems.removeIf(problem -> documentationBugs.stream().anyMatch(bug -> problem.startsWith(bug + " ")));
            assertEquals(List.of(), problems, schemaName + " of " + file + " does not describe " + json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The property names a schema defines, for tests that send every field HighLevel defines. */
    public static List<String> propertyNames(String file, String schemaName) {
        List<String> names = new ArrayList<>();
        schema(file, schemaName).path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * The payload schema of one of HighLevel's webhook documents (highlevel/webhooks/{event}.md, its
     * {@code json json_schema} block).
     */
    public static JsonNode webhookSchema(String event) {
        return FILES.computeIfAbsent("webhooks/" + event + ".md", f -> {
            try (InputStream in = HighLevelSchema.class.getClassLoader().getResourceAsStream("highlevel/" + f)) {
                if (in == null) {
                    throw new IllegalArgumentException("No HighLevel webhook document highlevel/" + f);
                }
                String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                int start = text.indexOf("```json json_schema");
                int from = text.indexOf('\n', start) + 1;
                return JSON.readTree(text.substring(from, text.indexOf("```", from)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The fields a webhook document names. */
    public static List<String> webhookPropertyNames(String event) {
        List<String> names = new ArrayList<>();
        webhookSchema(event).path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Fails with every way the payload differs from the types of the event's webhook document. */
    public static void assertMatchesWebhook(String event, String json) {
        try {
            List<String> problems = new ArrayList<>();
            check("webhooks/" + event + ".md", webhookSchema(event), JSON.readTree(json), "$", problems);
            assertEquals(List.of(), problems, event + " webhook document does not describe " + json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One operation of a document, as HighLevel names it. */
    public record Operation(String method, String path, String summary) {
        public String describe() {
            return method + " " + path + " (" + summary + ")";
        }
    }

    /** The operations of a document, in its order: "GET /contacts/{contactId}/tasks (Get all Tasks)". */
    public static List<Operation> operations(String file) {
        List<Operation> operations = new ArrayList<>();
        load(file).path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (List.of("get", "post", "put", "delete", "patch").contains(op.getKey())) {
                operations.add(new Operation(op.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(),
                        op.getValue().path("summary").asText()));
            }
        }));
        return operations;
    }

    public static JsonNode schema(String file, String schemaName) {
        JsonNode schema = load(file).path("components").path("schemas").path(schemaName);
        if (schema.isMissingNode()) {
            throw new IllegalArgumentException("No schema " + schemaName + " in " + file);
        }
        return schema;
    }

    private static JsonNode load(String file) {
        return FILES.computeIfAbsent(file, f -> {
            try (InputStream in = HighLevelSchema.class.getClassLoader().getResourceAsStream("highlevel/" + f)) {
                if (in == null) {
                    throw new IllegalArgumentException("No HighLevel spec highlevel/" + f);
                }
                return JSON.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void check(String file, JsonNode schema, JsonNode value, String at, List<String> problems) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            int hash = ref.indexOf('#');
            String refFile = hash == 0 ? file : resolve(file, ref.substring(0, hash));
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            check(refFile, schema(refFile, name), value, at, problems);
            return;
        }
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false)) {
                problems.add(at + " is null, which the schema does not allow");
            }
            return;
        }
        if (schema.has("anyOf")) {
            for (JsonNode option : schema.get("anyOf")) {
                List<String> optionProblems = new ArrayList<>();
                check(file, option, value, at, optionProblems);
                if (optionProblems.isEmpty()) {
                    return;
                }
            }
            problems.add(at + " matches none of the schema's anyOf");
            return;
        }
        String type = schema.path("type").asText("");
        boolean typed = switch (type) {
            case "string" -> value.isTextual();
            case "boolean" -> value.isBoolean();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber();
            case "array" -> value.isArray();
            case "object" -> !schema.has("properties") || value.isObject();
            default -> true;
        };
        if (!typed) {
            problems.add(at + " should be of type " + type + " but is " + value.getNodeType());
            return;
        }
        if (schema.has("enum")) {
            boolean allowed = false;
            for (JsonNode option : schema.get("enum")) {
                allowed |= option.equals(value);
            }
            if (!allowed) {
                problems.add(at + " is " + value + ", not one of " + schema.get("enum"));
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                check(file, schema.get("items"), value.get(i), at + "[" + i + "]", problems);
            }
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    problems.add(at + "." + required.asText() + " is required but missing");
                }
            }
            schema.path("properties").fields().forEachRemaining(p -> {
                if (value.has(p.getKey())) {
                    check(file, p.getValue(), value.get(p.getKey()), at + "." + p.getKey(), problems);
                }
            });
        }
    }

    private static String resolve(String file, String relative) {
        String dir = file.contains("/") ? file.substring(0, file.lastIndexOf('/')) : "";
        String path = dir.isEmpty() ? relative : dir + "/" + relative;
        return java.nio.file.Path.of(path).normalize().toString().replace('\\', '/');
    }
}
