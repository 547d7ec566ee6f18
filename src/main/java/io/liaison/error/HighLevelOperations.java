package io.liaison.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The operations of the HighLevel API documents whose wire contract Liaison takes on, read from
 * HighLevel's own OpenAPI files (CC0, copied under src/main/resources/highlevel/apps). A request that
 * no Liaison resource answers but that names one of these operations is a 501 naming it, so an SDK
 * caller can tell "not implemented here" from "no such record" (see {@link ErrorMappers#routingMiss}).
 */
@Startup
@Singleton
public class HighLevelOperations {

    /** The documents Liaison implements, in whole or in part. */
    public static final List<String> SPECS = List.of("apps/contacts.json", "apps/associations.json", "apps/objects.json",
            "apps/custom-fields.json", "apps/businesses.json");

    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

    /**
     * One operation of a document: its method, its path template ("/contacts/{contactId}/tasks"), its
     * summary and its operationId ("get-all-tasks", from which HighLevel's SDK names its method).
     */
    public record Operation(String spec, String method, String path, String summary, String operationId) {

        /** "GET /contacts/{contactId}/tasks (Get all Tasks)". */
        public String describe() {
            return method + " " + path + (summary == null || summary.isBlank() ? "" : " (" + summary + ")");
        }

        private List<String> segments() {
            return HighLevelOperations.segments(path);
        }

        private boolean matches(String requestMethod, List<String> requestSegments) {
            List<String> template = segments();
            if (!method.equalsIgnoreCase(requestMethod) || template.size() != requestSegments.size()) {
                return false;
            }
            for (int i = 0; i < template.size(); i++) {
                String part = template.get(i);
                if (!isVariable(part) && !part.equals(requestSegments.get(i))) {
                    return false;
                }
            }
            return true;
        }

        /** Literal segments win over variables: DELETE .../campaigns/removeAll before .../campaigns/{campaignId}. */
        private long literals() {
            return segments().stream().filter(part -> !isVariable(part)).count();
        }
    }

    private final List<Operation> operations;

    public HighLevelOperations() {
        this(operationsOf(SPECS));
    }

    HighLevelOperations(List<Operation> operations) {
        this.operations = List.copyOf(operations);
    }

    /** Every operation of the documents, in document order. */
    public List<Operation> all() {
        return operations;
    }

    /** The operation a request names, if any; the path is the request's, without query string. */
    public Optional<Operation> find(String method, String path) {
        if (method == null || path == null || path.length() > 2048) {
            return Optional.empty();
        }
        List<String> requestSegments = segments(path);
        return operations.stream()
                .filter(operation -> operation.matches(method, requestSegments))
                .max(Comparator.comparingLong(Operation::literals));
    }

    /** Every operation of the given documents (under highlevel/ on the classpath), in document order. */
    public static List<Operation> operationsOf(List<String> specs) {
        ObjectMapper json = new ObjectMapper();
        List<Operation> operations = new ArrayList<>();
        for (String spec : specs) {
            JsonNode paths = read(json, spec).path("paths");
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    if (METHODS.contains(op.getKey())) {
                        operations.add(new Operation(spec, op.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                                op.getValue().path("summary").asText(null), op.getValue().path("operationId").asText(null)));
                    }
                }
            }
        }
        return operations;
    }

    private static JsonNode read(ObjectMapper json, String spec) {
        try (InputStream in = HighLevelOperations.class.getClassLoader().getResourceAsStream("highlevel/" + spec)) {
            if (in == null) {
                throw new IllegalStateException("HighLevel's document highlevel/" + spec + " is missing from the classpath");
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isVariable(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    /** "/contacts/" and "/contacts" are one path, as they are to Liaison's resources. */
    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                segments.add(part);
            }
        }
        return segments;
    }
}
