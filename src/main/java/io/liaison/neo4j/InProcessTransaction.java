package io.liaison.neo4j;

import java.lang.reflect.Array;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.neo4j.driver.Query;
import org.neo4j.driver.Record;
import org.neo4j.driver.Result;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;
import org.neo4j.driver.exceptions.NoSuchRecordException;
import org.neo4j.driver.exceptions.ResultConsumedException;
import org.neo4j.driver.internal.InternalNode;
import org.neo4j.driver.internal.InternalPath;
import org.neo4j.driver.internal.InternalRecord;
import org.neo4j.driver.internal.InternalRelationship;
import org.neo4j.driver.internal.summary.InternalSummaryCounters;
import org.neo4j.driver.summary.DatabaseInfo;
import org.neo4j.driver.summary.GqlStatusObject;
import org.neo4j.driver.summary.Notification;
import org.neo4j.driver.summary.Plan;
import org.neo4j.driver.summary.ProfiledPlan;
import org.neo4j.driver.summary.QueryType;
import org.neo4j.driver.summary.ResultSummary;
import org.neo4j.driver.summary.ServerInfo;
import org.neo4j.driver.summary.SummaryCounters;
import org.neo4j.driver.types.Entity;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Path;
import org.neo4j.graphdb.QueryStatistics;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;

/**
 * A transaction of an in-process DBMS, seen through the driver's {@link TransactionContext}: the
 * repositories' code is the same whichever way it runs. Parameters go in as the plain Java values
 * the driver would have sent; rows come back as the driver's records, converted lazily row by row
 * (nodes, relationships and paths become the driver's types, with their element ids), so streaming
 * reads stay streaming. Statement failures surface as the driver's exceptions (see
 * {@link InProcessErrors}).
 */
final class InProcessTransaction implements TransactionContext {

    private final Transaction tx;

    InProcessTransaction(Transaction tx) {
        this.tx = tx;
    }

    /** The transaction itself, for work that uses Neo4j's Java core API instead of Cypher ({@link InProcessNeo4j#coreApi}). */
    Transaction coreTransaction() {
        return tx;
    }

    @Override
    public Result run(String query, Value parameters) {
        return execute(query, parameters == null ? Map.of() : parameters.asMap(Values.ofObject()));
    }

    @Override
    public Result run(String query, Map<String, Object> parameters) {
        return execute(query, parameters == null ? Map.of() : parameters);
    }

    @Override
    public Result run(String query, Record parameters) {
        return execute(query, parameters == null ? Map.of() : parameters.asMap());
    }

    @Override
    public Result run(String query) {
        return execute(query, Map.of());
    }

    @Override
    public Result run(Query query) {
        return run(query.text(), query.parameters());
    }

    private Result execute(String query, Map<String, Object> parameters) {
        try {
            return new InProcessResult(tx.execute(query, plainParameters(parameters)));
        } catch (RuntimeException e) {
            throw InProcessErrors.translate(e);
        }
    }

    /** The driver's Values (anywhere in the map) become the plain Java values Neo4j takes in-process. */
    private static Map<String, Object> plainParameters(Map<String, Object> parameters) {
        Map<String, Object> plain = new HashMap<>(parameters.size() * 2);
        parameters.forEach((name, value) -> plain.put(name, plain(value)));
        return plain;
    }

    private static Object plain(Object value) {
        if (value instanceof Value driverValue) {
            return driverValue.isNull() ? null : plain(driverValue.asObject());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> plain = new HashMap<>(map.size() * 2);
            map.forEach((k, v) -> plain.put(String.valueOf(k), plain(v)));
            return plain;
        }
        if (value instanceof Iterable<?> list) {
            List<Object> plain = new ArrayList<>();
            list.forEach(v -> plain.add(plain(v)));
            return plain;
        }
        return value;
    }

    /** Anything a row can hold, as the driver would have decoded it from Bolt. */
    static Value driverValue(Object value) {
        if (value == null) {
            return Values.NULL;
        }
        if (value instanceof Node node) {
            return driverNode(node).asValue();
        }
        if (value instanceof Relationship relationship) {
            return driverRelationship(relationship).asValue();
        }
        if (value instanceof Path path) {
            List<Entity> entities = new ArrayList<>();
            Iterator<Relationship> relationships = path.relationships().iterator();
            for (Node node : path.nodes()) {
                entities.add(driverNode(node));
                if (relationships.hasNext()) {
                    entities.add(driverRelationship(relationships.next()));
                }
            }
            return new InternalPath(entities).asValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Value> converted = new LinkedHashMap<>(map.size() * 2);
            map.forEach((k, v) -> converted.put(String.valueOf(k), driverValue(v)));
            return Values.value(converted);
        }
        if (value instanceof Iterable<?> list) {
            List<Value> converted = new ArrayList<>();
            list.forEach(v -> converted.add(driverValue(v)));
            return Values.value(converted);
        }
        if (value.getClass().isArray() && !(value instanceof byte[])) {
            int length = Array.getLength(value);
            List<Value> converted = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                converted.add(driverValue(Array.get(value, i)));
            }
            return Values.value(converted);
        }
        if (value instanceof TemporalAmount && !(value instanceof java.time.Duration) && !(value instanceof java.time.Period)) {
            // Cypher durations; the service stores none, but a Browser-made property must not break a read.
            return Values.value(value.toString());
        }
        return Values.value(value);
    }

    private static Map<String, Value> driverProperties(Map<String, Object> properties) {
        Map<String, Value> converted = new HashMap<>(properties.size() * 2);
        properties.forEach((k, v) -> converted.put(k, driverValue(v)));
        return converted;
    }

    @SuppressWarnings("deprecation") // the driver's types still carry the legacy numeric ids
    private static InternalNode driverNode(Node node) {
        List<String> labels = new ArrayList<>(2);
        for (Label label : node.getLabels()) {
            labels.add(label.name());
        }
        return new InternalNode(node.getId(), node.getElementId(), labels, driverProperties(node.getAllProperties()));
    }

    @SuppressWarnings("deprecation")
    private static InternalRelationship driverRelationship(Relationship relationship) {
        Node start = relationship.getStartNode();
        Node end = relationship.getEndNode();
        return new InternalRelationship(relationship.getId(), relationship.getElementId(), start.getId(), start.getElementId(),
                end.getId(), end.getElementId(), relationship.getType().name(), driverProperties(relationship.getAllProperties()));
    }

    /** A lazily converted in-process result with the driver's Result contract. */
    private static final class InProcessResult implements Result {
        private final org.neo4j.graphdb.Result rows;
        private final List<String> keys;
        private Record peeked;
        private boolean consumed;

        InProcessResult(org.neo4j.graphdb.Result rows) {
            this.rows = rows;
            this.keys = List.copyOf(rows.columns());
        }

        @Override
        public List<String> keys() {
            return keys;
        }

        @Override
        public boolean hasNext() {
            if (peeked != null) {
                return true;
            }
            if (consumed) {
                return false;
            }
            try {
                return rows.hasNext();
            } catch (RuntimeException e) {
                throw InProcessErrors.translate(e);
            }
        }

        @Override
        public Record next() {
            if (peeked != null) {
                Record record = peeked;
                peeked = null;
                return record;
            }
            if (!hasNext()) {
                throw new NoSuchRecordException("No more records");
            }
            try {
                Map<String, Object> row = rows.next();
                List<Value> values = new ArrayList<>(keys.size());
                for (String key : keys) {
                    values.add(driverValue(row.get(key)));
                }
                return new InternalRecord(keys, values);
            } catch (RuntimeException e) {
                throw InProcessErrors.translate(e);
            }
        }

        @Override
        public Record single() {
            if (!hasNext()) {
                throw new NoSuchRecordException("Cannot retrieve a single record, because this result is empty.");
            }
            Record first = next();
            if (hasNext()) {
                throw new NoSuchRecordException("Expected a result with a single record, but this result contains at least one more.");
            }
            return first;
        }

        @Override
        public Record peek() {
            if (peeked == null) {
                if (!hasNext()) {
                    throw new NoSuchRecordException("Cannot peek past the last record");
                }
                peeked = next();
            }
            return peeked;
        }

        @Override
        public Stream<Record> stream() {
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false);
        }

        @Override
        public List<Record> list() {
            return list(Function.identity());
        }

        @Override
        public <T> List<T> list(Function<Record, T> mapFunction) {
            List<T> all = new ArrayList<>();
            while (hasNext()) {
                all.add(mapFunction.apply(next()));
            }
            return all;
        }

        @Override
        public ResultSummary consume() {
            try {
                while (!consumed && rows.hasNext()) {
                    rows.next();
                }
                peeked = null;
                consumed = true;
                QueryStatistics statistics = rows.getQueryStatistics();
                rows.close();
                return new InProcessSummary(statistics);
            } catch (RuntimeException e) {
                throw InProcessErrors.translate(e);
            }
        }

        @Override
        public boolean isOpen() {
            return !consumed;
        }

        @Override
        public void remove() {
            throw new ResultConsumedException("Records cannot be removed from a result");
        }
    }

    /** What a consumed in-process statement reports: its counters; plans and server facts are Bolt's. */
    private record InProcessSummary(QueryStatistics statistics) implements ResultSummary {

        @Override
        public SummaryCounters counters() {
            return new InternalSummaryCounters(statistics.getNodesCreated(), statistics.getNodesDeleted(),
                    statistics.getRelationshipsCreated(), statistics.getRelationshipsDeleted(), statistics.getPropertiesSet(),
                    statistics.getLabelsAdded(), statistics.getLabelsRemoved(), statistics.getIndexesAdded(),
                    statistics.getIndexesRemoved(), statistics.getConstraintsAdded(), statistics.getConstraintsRemoved(),
                    statistics.getSystemUpdates());
        }

        @Override
        public Query query() {
            throw unavailable();
        }

        @Override
        public QueryType queryType() {
            throw unavailable();
        }

        @Override
        public boolean hasPlan() {
            return false;
        }

        @Override
        public boolean hasProfile() {
            return false;
        }

        @Override
        public Plan plan() {
            throw unavailable();
        }

        @Override
        public ProfiledPlan profile() {
            throw unavailable();
        }

        @Override
        public List<Notification> notifications() {
            return List.of();
        }

        @Override
        public java.util.Set<GqlStatusObject> gqlStatusObjects() {
            return java.util.Set.of();
        }

        @Override
        public long resultAvailableAfter(TimeUnit unit) {
            return -1;
        }

        @Override
        public long resultConsumedAfter(TimeUnit unit) {
            return -1;
        }

        @Override
        public ServerInfo server() {
            throw unavailable();
        }

        @Override
        public DatabaseInfo database() {
            throw unavailable();
        }

        private static UnsupportedOperationException unavailable() {
            return new UnsupportedOperationException("Only the counters are reported for in-process statements");
        }
    }

}
