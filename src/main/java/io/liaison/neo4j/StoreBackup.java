package io.liaison.neo4j;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterable;
import org.neo4j.graphdb.Transaction;
import org.neo4j.values.storable.DurationValue;

/**
 * Backup and restore of the whole embedded store as newline-delimited JSON, streamed both ways: every
 * location's graph (labels, records, links, key hashes, webhooks, event cursors, custom fields and
 * objects), Liaison's own settings and migration records, and the schema (constraints and indexes).
 * Nothing is left out or interpreted, so a restored store is the same graph, and Liaison started on
 * it finds its migrations applied.
 *
 * <p>The export reads in one transaction. Neo4j Community's transactions are read-committed, not
 * snapshots, so the export is consistent when nothing writes meanwhile: run it with the service
 * stopped (a short stop; see docs/operations/backup-restore.md). Run as a command:
 *
 * <pre>
 * java -cp 'target/quarkus-app/app/*:target/quarkus-app/lib/main/*:target/quarkus-app/lib/boot/*' \
 *     io.liaison.neo4j.StoreBackup export DATA_DIR BACKUP.ndjson
 * java -cp ... io.liaison.neo4j.StoreBackup restore BACKUP.ndjson FRESH_DATA_DIR
 * </pre>
 *
 * Lines: one {@code header}, the {@code schema} statements, every {@code node} (a number local to the
 * file, labels, typed properties), every {@code relationship} (type, the two nodes' numbers, typed
 * properties), and an {@code end} line with the counts, so a truncated file is refused on restore.
 * A property is {@code [type, value]}: JSON alone cannot tell a long from a double, a list's element
 * type when it is empty, or a date from a string.
 */
public final class StoreBackup {

    static final String FORMAT = "liaison-store-backup";
    static final int VERSION = 1;
    private static final int RESTORE_BATCH = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = """
            SHOW CONSTRAINTS YIELD name, createStatement RETURN createStatement ORDER BY name
            """;
    private static final String INDEXES = """
            SHOW INDEXES YIELD name, type, owningConstraint, createStatement
            WHERE owningConstraint IS NULL AND type <> 'LOOKUP'
            RETURN createStatement ORDER BY name
            """;

    /** The counts written or read. */
    public record Counts(long nodes, long relationships, int schemaStatements) {
    }

    private StoreBackup() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3 || !(args[0].equals("export") || args[0].equals("restore"))) {
            System.err.println("usage: StoreBackup export DATA_DIR BACKUP.ndjson | StoreBackup restore BACKUP.ndjson FRESH_DATA_DIR");
            System.exit(2);
        }
        boolean export = args[0].equals("export");
        Path dataDir = Path.of(export ? args[1] : args[2]);
        Path file = Path.of(export ? args[2] : args[1]);
        if (export && !Files.isDirectory(dataDir.resolve("data").resolve("databases"))) {
            throw new IllegalArgumentException(dataDir + " holds no Neo4j store (no data/databases folder)");
        }
        DatabaseManagementService dbms = open(dataDir);
        try {
            GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            Counts counts;
            if (export) {
                try (OutputStream out = Files.newOutputStream(file)) {
                    counts = export(db, out);
                }
            } else {
                try (InputStream in = Files.newInputStream(file)) {
                    counts = restore(in, db);
                }
            }
            System.out.printf("%s: %d nodes, %d relationships, %d schema statements%n",
                    export ? "Exported" : "Restored", counts.nodes(), counts.relationships(), counts.schemaStatements());
        } finally {
            dbms.shutdown();
        }
    }

    /** The store of a Liaison data folder (LIAISON_DATA_DIR), opened without Bolt or HTTP; the service must not be running on it. */
    public static DatabaseManagementService open(Path dataDir) {
        return new DatabaseManagementServiceBuilder(dataDir.toAbsolutePath().normalize())
                .setConfig(BoltConnector.enabled, false)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .build();
    }

    public static Counts export(GraphDatabaseService db, OutputStream out) throws IOException {
        JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        json.setRootValueSeparator(null);
        long nodes = 0;
        long relationships = 0;
        int schema = 0;
        line(json, fields("kind", "header", "format", FORMAT, "version", VERSION));
        List<String> statements = new ArrayList<>();
        // Schema commands take a transaction of their own.
        for (String show : List.of(SCHEMA, INDEXES)) {
            try (Transaction tx = db.beginTx()) {
                tx.execute(show).forEachRemaining(row -> statements.add((String) row.get("createStatement")));
                tx.commit();
            }
        }
        for (String statement : statements) {
            line(json, fields("kind", "schema", "statement", statement));
            schema++;
        }
        try (Transaction tx = db.beginTx()) {
            // Numbers local to the file, in scan order: a restored store numbers its nodes the same way.
            Map<String, Long> numbers = new HashMap<>();
            try (ResourceIterable<Node> all = tx.getAllNodes()) {
                for (Node node : all) {
                    long number = nodes++;
                    numbers.put(node.getElementId(), number);
                    List<String> labels = new ArrayList<>();
                    node.getLabels().forEach(label -> labels.add(label.name()));
                    labels.sort(null);
                    line(json, fields("kind", "node", "n", number, "labels", labels, "properties", typed(node.getAllProperties())));
                }
            }
            try (ResourceIterable<Relationship> all = tx.getAllRelationships()) {
                for (Relationship relationship : all) {
                    relationships++;
                    line(json, fields("kind", "relationship", "type", relationship.getType().name(),
                            "start", numberOf(numbers, relationship.getStartNode()), "end", numberOf(numbers, relationship.getEndNode()),
                            "properties", typed(relationship.getAllProperties())));
                }
            }
            line(json, fields("kind", "end", "nodes", nodes, "relationships", relationships));
            tx.commit();
        }
        json.flush();
        return new Counts(nodes, relationships, schema);
    }

    /** A line's fields in a fixed order, "kind" first, so that two exports of one graph are the same text. */
    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    /** A relationship to a node the scan did not see means the store changed during the export. */
    private static long numberOf(Map<String, Long> numbers, Node node) {
        Long number = numbers.get(node.getElementId());
        if (number == null) {
            throw new IllegalStateException("The store changed during the export (a link to a node created after the nodes were read); "
                    + "stop the service and export again");
        }
        return number;
    }

    private static void line(JsonGenerator json, Object value) throws IOException {
        JSON.writeValue(json, value);
        json.writeRaw('\n');
    }

    /**
     * Into a store with no data: the schema first, then nodes and relationships in transactions of
     * {@value #RESTORE_BATCH}. Refused before anything is written when the store holds any node, and
     * at the end when the file stops before its end line or its counts do not match.
     */
    public static Counts restore(InputStream in, GraphDatabaseService db) throws IOException {
        try (Transaction tx = db.beginTx()) {
            try (ResourceIterable<Node> all = tx.getAllNodes(); var nodes = all.iterator()) {
                if (nodes.hasNext()) {
                    throw new IllegalStateException("The store to restore into already holds data; restore into a fresh data folder");
                }
            }
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String first = reader.readLine();
        JsonNode header = first == null ? null : JSON.readTree(first);
        if (header == null || !FORMAT.equals(header.path("format").asText()) || header.path("version").asInt() != VERSION) {
            throw new IllegalArgumentException("Not a Liaison store backup of version " + VERSION);
        }
        Map<Long, String> restoredIds = new HashMap<>();
        long nodes = 0;
        long relationships = 0;
        int schema = 0;
        JsonNode end = null;
        List<JsonNode> batch = new ArrayList<>();
        for (String text = reader.readLine(); text != null; text = reader.readLine()) {
            JsonNode line = JSON.readTree(text);
            String kind = line.path("kind").asText();
            if (kind.equals("schema")) {
                db.executeTransactionally(line.get("statement").asText());
                schema++;
                continue;
            }
            if (kind.equals("end")) {
                end = line;
                break;
            }
            if (!kind.equals("node") && !kind.equals("relationship")) {
                throw new IllegalArgumentException("Unknown line in the backup: " + kind);
            }
            batch.add(line);
            if (batch.size() == RESTORE_BATCH) {
                long[] written = writeBatch(db, batch, restoredIds);
                nodes += written[0];
                relationships += written[1];
                batch.clear();
            }
        }
        long[] written = writeBatch(db, batch, restoredIds);
        nodes += written[0];
        relationships += written[1];
        if (end == null || end.path("nodes").asLong() != nodes || end.path("relationships").asLong() != relationships) {
            throw new IllegalStateException("The backup is incomplete: it stops before its end line or its counts differ ("
                    + nodes + " nodes, " + relationships + " relationships read)");
        }
        return new Counts(nodes, relationships, schema);
    }

    private static long[] writeBatch(GraphDatabaseService db, List<JsonNode> batch, Map<Long, String> restoredIds) {
        long nodes = 0;
        long relationships = 0;
        try (Transaction tx = db.beginTx()) {
            for (JsonNode line : batch) {
                if (line.get("kind").asText().equals("node")) {
                    Node node = tx.createNode();
                    line.get("labels").forEach(label -> node.addLabel(Label.label(label.asText())));
                    untyped(line.get("properties")).forEach(node::setProperty);
                    restoredIds.put(line.get("n").asLong(), node.getElementId());
                    nodes++;
                } else {
                    Node start = tx.getNodeByElementId(restoredIds.get(line.get("start").asLong()));
                    Node end = tx.getNodeByElementId(restoredIds.get(line.get("end").asLong()));
                    Relationship relationship = start.createRelationshipTo(end, RelationshipType.withName(line.get("type").asText()));
                    untyped(line.get("properties")).forEach(relationship::setProperty);
                    relationships++;
                }
            }
            tx.commit();
        }
        return new long[] {nodes, relationships};
    }

    /** Properties as name to [type, value], in name order. */
    static Map<String, Object> typed(Map<String, Object> properties) {
        Map<String, Object> typed = new TreeMap<>();
        properties.forEach((name, value) -> typed.put(name, typedValue(value)));
        return typed;
    }

    private static List<Object> typedValue(Object value) {
        if (value.getClass().isArray()) {
            String element = typeName(value.getClass().getComponentType());
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                Object item = Array.get(value, i);
                items.add(plain(item));
            }
            return List.of(element + "[]", items);
        }
        return List.of(typeName(value.getClass()), plain(value));
    }

    private static Object plain(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean ? value
                : value instanceof Character c ? String.valueOf(c) : value.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == String.class) {
            return "string";
        } else if (type == Long.class || type == long.class) {
            return "long";
        } else if (type == Integer.class || type == int.class) {
            return "int";
        } else if (type == Short.class || type == short.class) {
            return "short";
        } else if (type == Byte.class || type == byte.class) {
            return "byte";
        } else if (type == Double.class || type == double.class) {
            return "double";
        } else if (type == Float.class || type == float.class) {
            return "float";
        } else if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        } else if (type == Character.class || type == char.class) {
            return "char";
        } else if (ZonedDateTime.class.isAssignableFrom(type)) {
            return "datetime";
        } else if (type == LocalDateTime.class) {
            return "localdatetime";
        } else if (type == LocalDate.class) {
            return "date";
        } else if (type == OffsetTime.class) {
            return "time";
        } else if (type == LocalTime.class) {
            return "localtime";
        } else if (DurationValue.class.isAssignableFrom(type)) {
            return "duration";
        }
        // Never lose a value silently: Liaison stores none of the other kinds (points).
        throw new IllegalStateException("A property of a type the backup does not know: " + type.getName());
    }

    static Map<String, Object> untyped(JsonNode properties) {
        Map<String, Object> values = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = properties.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String type = field.getValue().get(0).asText();
            JsonNode value = field.getValue().get(1);
            values.put(field.getKey(), type.endsWith("[]") ? array(type.substring(0, type.length() - 2), (ArrayNode) value) : scalar(type, value));
        }
        return values;
    }

    private static Object array(String type, ArrayNode items) {
        Object array = Array.newInstance(componentType(type), items.size());
        for (int i = 0; i < items.size(); i++) {
            Array.set(array, i, scalar(type, items.get(i)));
        }
        return array;
    }

    private static Class<?> componentType(String type) {
        return switch (type) {
            case "long" -> long.class;
            case "int" -> int.class;
            case "short" -> short.class;
            case "byte" -> byte.class;
            case "double" -> double.class;
            case "float" -> float.class;
            case "boolean" -> boolean.class;
            case "char" -> char.class;
            default -> scalar(type, null).getClass();
        };
    }

    private static Object scalar(String type, JsonNode value) {
        if (value == null) {
            // Only the element class is wanted (an empty array): a representative of the type.
            return switch (type) {
                case "string" -> "";
                case "datetime" -> ZonedDateTime.parse("1970-01-01T00:00Z");
                case "localdatetime" -> LocalDateTime.MIN;
                case "date" -> LocalDate.MIN;
                case "time" -> OffsetTime.MIN;
                case "localtime" -> LocalTime.MIN;
                case "duration" -> DurationValue.parse("PT0S");
                default -> throw new IllegalArgumentException("Unknown property type in the backup: " + type);
            };
        }
        return switch (type) {
            case "string" -> value.asText();
            case "long" -> value.asLong();
            case "int" -> value.asInt();
            case "short" -> (short) value.asInt();
            case "byte" -> (byte) value.asInt();
            case "double" -> value.asDouble();
            case "float" -> (float) value.asDouble();
            case "boolean" -> value.asBoolean();
            case "char" -> value.asText().charAt(0);
            case "datetime" -> ZonedDateTime.parse(value.asText());
            case "localdatetime" -> LocalDateTime.parse(value.asText());
            case "date" -> LocalDate.parse(value.asText());
            case "time" -> OffsetTime.parse(value.asText());
            case "localtime" -> LocalTime.parse(value.asText());
            case "duration" -> DurationValue.parse(value.asText());
            default -> throw new IllegalArgumentException("Unknown property type in the backup: " + type);
        };
    }
}
