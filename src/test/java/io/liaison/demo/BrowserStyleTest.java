package io.liaison.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * cypher/liaison.grass read as Neo4j Browser reads it: every rule parses to a selector of the graph's own
 * labels and relationship types, with its properties intact. A plain test: no service, no database.
 */
class BrowserStyleTest {

    private static final Path GRASS = Path.of("cypher/liaison.grass");
    private static final Pattern SELECTOR = Pattern.compile("^(node|relationship)(?:\\.([A-Za-z_][A-Za-z0-9_]*))?$");
    /** The labels of a node pattern in Liaison's Cypher: (c:Record:Contact ...). */
    private static final Pattern NODE_LABELS = Pattern.compile("\\(\\w*((?::[A-Z][A-Za-z0-9]*)+)");
    /** The type of a relationship pattern: [:HAS_KEY]. */
    private static final Pattern RELATIONSHIP_TYPE = Pattern.compile("\\[\\w*:([A-Z][A-Z0-9_]*)");
    /** The label GraphLabels derives from the demo object's singular name, "Surfboard". */
    private static final String DEMO_OBJECT_LABEL = "Surfboard";

    /**
     * Neo4j Browser 5's grass parser (GraphStyleModel.parse in the Browser bundle), written out in Java:
     * outside a block every non-space character goes to the selector, '{' opens a block and '}' closes it,
     * only a single quote quotes (its characters are dropped), and a property is split at ';' and then ':',
     * keeping what lies between the first and the second ':'.
     */
    static Map<String, Map<String, String>> parseAsTheBrowserDoes(String grass) {
        boolean insideString = false;
        boolean insideProps = false;
        StringBuilder keyword = new StringBuilder();
        StringBuilder props = new StringBuilder();
        Map<String, String> raw = new LinkedHashMap<>();
        for (char c : grass.toCharArray()) {
            boolean skip = true;
            switch (c) {
                case '{' -> {
                    if (insideString) {
                        skip = false;
                    } else {
                        insideProps = true;
                    }
                }
                case '}' -> {
                    if (insideString) {
                        skip = false;
                    } else {
                        insideProps = false;
                        raw.put(keyword.toString(), props.toString());
                        keyword.setLength(0);
                        props.setLength(0);
                    }
                }
                case '\'' -> insideString = !insideString;
                default -> skip = false;
            }
            if (!skip) {
                if (insideProps) {
                    props.append(c);
                } else if (!Character.isWhitespace(c)) {
                    keyword.append(c);
                }
            }
        }
        Map<String, Map<String, String>> rules = new LinkedHashMap<>();
        raw.forEach((selector, body) -> {
            Map<String, String> properties = new LinkedHashMap<>();
            for (String property : body.split(";")) {
                String[] parts = property.split(":", -1);
                if (parts.length >= 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
                    properties.put(parts[0].strip(), parts[1].strip());
                }
            }
            rules.put(selector, properties);
        });
        return rules;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every node label and relationship type the Cypher of src/main/java and cypher/schema names. */
    private static Set<String> namesInCypher(Pattern pattern) {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main/java")), Files.walk(Path.of("cypher/schema")))) {
            files.filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".cypher")).forEach(file -> {
                Matcher m = pattern.matcher(read(file));
                while (m.find()) {
                    for (String name : m.group(1).split(":")) {
                        if (!name.isEmpty()) {
                            names.add(name);
                        }
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    @Test
    void everyRuleParsesToASelectorTheGraphUses() {
        String grass = read(GRASS);
        Map<String, Map<String, String>> rules = parseAsTheBrowserDoes(grass);
        assertEquals(grass.lines().filter(line -> line.endsWith("{")).count(), rules.size(),
                "each block is one rule; a selector glued to text before it (a comment) or a block broken open would change the count");

        Set<String> nodeLabels = new TreeSet<>(namesInCypher(NODE_LABELS));
        nodeLabels.add(DEMO_OBJECT_LABEL);
        Set<String> relationshipTypes = new TreeSet<>(namesInCypher(RELATIONSHIP_TYPE));
        DemoCompany.LABELS.forEach(label -> relationshipTypes.add(label.key().toUpperCase(Locale.ROOT)));
        assertTrue(nodeLabels.containsAll(Set.of("Record", "Contact", "Business", "Association", "Location", "ApiKey")), nodeLabels.toString());

        List<String> problems = new ArrayList<>();
        rules.forEach((selector, properties) -> {
            Matcher m = SELECTOR.matcher(selector);
            if (!m.matches()) {
                problems.add("'" + selector + "' is not a node or relationship selector");
                return;
            }
            String name = m.group(2);
            if (name != null && m.group(1).equals("node") && !nodeLabels.contains(name)) {
                problems.add(selector + ": the graph has no label " + name + " (its labels: " + nodeLabels + ")");
            }
            if (name != null && m.group(1).equals("relationship") && !relationshipTypes.contains(name)) {
                problems.add(selector + ": the graph has no relationship type " + name + " (its types: " + relationshipTypes + ")");
            }
            if (properties.isEmpty()) {
                problems.add(selector + " has no properties the Browser can read");
            }
            properties.forEach((property, value) -> {
                if (value.contains("\"") || value.contains("{") != value.contains("}")) {
                    problems.add(selector + " " + property + ": '" + value + "' is not what the file means (quote with ')");
                }
            });
        });
        assertEquals(List.of(), problems);
    }

    @Test
    void recordsAreCaptionedByNameAndTheDemosLinksByTheirRoleNames() {
        Map<String, Map<String, String>> rules = parseAsTheBrowserDoes(read(GRASS));
        for (String selector : List.of("node.Record", "node.Contact", "node.Business", "node.Surfboard")) {
            assertEquals("{displayName}", rules.get(selector).get("caption"), selector);
        }
        assertEquals("{name}", rules.get("node.Location").get("caption"));
        assertFalse(rules.containsKey("node.Company"), "businesses are (:Record:Business) nodes");
        for (DemoCompany.Label label : DemoCompany.LABELS) {
            String caption = rules.get("relationship." + label.key().toUpperCase(Locale.ROOT)).get("caption");
            assertEquals(label.secondLabel() == null ? label.firstLabel() : label.firstLabel() + " -> " + label.secondLabel(), caption,
                    label.key());
        }
    }

    /** The test's parser is the Browser's: the old file's comments and double quotes broke its rules. */
    @Test
    void theParserSeesWhatTheBrowserSees() {
        Map<String, Map<String, String>> rules = parseAsTheBrowserDoes("""
                /* A comment */
                node {
                  caption: '{name}';
                }
                node.Contact {
                  caption: "{displayName}";
                  color: #4C8EDA;
                }
                """);
        assertEquals(List.of("/*Acomment*/node", "node.Contact", "\";color:#4C8EDA;"), List.copyOf(rules.keySet()));
        assertEquals("\"displayName", rules.get("node.Contact").get("caption"), "the double-quoted '{' opened a block of its own");
    }
}
