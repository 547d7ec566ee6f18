package io.liaison.graph;

import io.liaison.association.Association;
import io.liaison.association.AssociationLinks;
import io.liaison.association.LinkRules;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;

/**
 * The Cypher of the graph queries. Every query starts from records found by their unique id and
 * location, and every hop checks the location again on the link and on the record it reaches, so
 * a location never sees another's nodes. Links are the relationships that carry an associationId;
 * any other relationship between records is ignored. Each method runs one statement in the read its
 * caller ({@link GraphService}) opened, bounded by the query timeout.
 */
@ApplicationScoped
class GraphRepository {

    /** The most shortest paths one answer carries. */
    static final int MAX_PATHS = 10;
    /** The deepest path search; the number sits in the query text because Cypher cannot take it as a parameter. */
    static final int MAX_PATH_DEPTH = 6;

    private static final String RECORD = """
            MATCH (r:Record {id: $id, locationId: $locationId})
            RETURN r.id AS id, r.objectKey AS objectKey, r.displayName AS name""";
    /**
     * One level of a walk: the links of each source record, at most $perSource of them. The LIMIT
     * inside the subquery stops reading a supernode's links early instead of sorting them all.
     */
    private static final String EXPAND = """
            UNWIND $sourceIds AS sourceId
            MATCH (s:Record {id: sourceId, locationId: $locationId})
            CALL (s) {
              MATCH (s)-[r]-(o:Record {locationId: $locationId})
              WHERE r.locationId = $locationId AND r.associationId IS NOT NULL
                AND ($associationIds IS NULL OR r.associationId IN $associationIds)
              RETURN r, o
              LIMIT $perSource
            }
            RETURN s.id AS sourceId, r.id AS id, r.associationId AS associationId,
                   startNode(r).id AS first, endNode(r).id AS second,
                   o.id AS otherId, o.objectKey AS otherObjectKey, o.displayName AS otherName""";
    private static final String LABELS = """
            MATCH (a:Association)
            WHERE a.id IN $ids AND a.locationId = $locationId
            RETURN a.id AS id, a.firstObjectLabel AS first, a.secondObjectLabel AS second""";
    /** Which candidates are not linked to the record under any label. */
    private static final String UNLINKED = """
            MATCH (me:Record {id: $recordId, locationId: $locationId})
            UNWIND $candidateIds AS candidateId
            MATCH (c:Record {id: candidateId, locationId: $locationId})
            WHERE NOT EXISTS { (me)-[r]-(c) WHERE r.locationId = $locationId AND r.associationId IS NOT NULL }
            RETURN c.id AS id""";
    /**
     * All shortest paths of at most %d links, over links of the location only. The predicates on
     * every link and node are evaluated during the breadth-first search, not after it.
     */
    private static final String SHORTEST_PATHS_TEMPLATE = """
            MATCH (a:Record {id: $from, locationId: $locationId}), (b:Record {id: $to, locationId: $locationId})
            MATCH p = allShortestPaths((a)-[*..%d]-(b))
            WHERE all(r IN relationships(p) WHERE r.locationId = $locationId AND r.associationId IS NOT NULL)
              AND all(n IN nodes(p) WHERE n:Record AND n.locationId = $locationId)
            WITH p LIMIT $maxPaths
            RETURN [n IN nodes(p) | {id: n.id, objectKey: n.objectKey, name: n.displayName}] AS nodes,
                   [r IN relationships(p) | {id: r.id, associationId: r.associationId,
                                             first: startNode(r).id, second: endNode(r).id}] AS edges""";
    /** One query per depth, fixed when the class loads: no request value ever reaches the query text. */
    private static final List<String> SHORTEST_PATHS = IntStream.rangeClosed(0, MAX_PATH_DEPTH)
            .mapToObj(SHORTEST_PATHS_TEMPLATE::formatted).toList();
    /**
     * Each record's links under one label (see {@link AssociationLinks}) and the limit it is at or near,
     * judged with the label's {@link LinkRules.Limits}: the start of both usage queries.
     */
    private static final String LINKS_PER_RECORD = AssociationLinks.RECORDS_WITH_LINKS + """
            WITH x, links, asFirst, asSecond,
              CASE
                WHEN links >= $nearCap THEN 'recordsPerLabel'
                WHEN asFirst >= $maxAsFirst OR asSecond >= $maxAsSecond OR links >= $maxByCardinality THEN 'cardinality'
              END AS reason
            """;
    private static final String USAGE_TOTALS = LINKS_PER_RECORD + """
            RETURN count(x) AS records, coalesce(sum(links), 0) / 2 AS links, count(reason) AS nearLimit""";
    private static final String NEAR_LIMIT = LINKS_PER_RECORD + """
            WITH x, reason,
              CASE
                WHEN reason = 'recordsPerLabel' OR links >= $maxByCardinality THEN links
                WHEN asFirst >= $maxAsFirst THEN asFirst
                ELSE asSecond
              END AS counted
            WHERE reason IS NOT NULL
            RETURN x.id AS recordId, x.displayName AS name, reason, counted,
                   CASE reason WHEN 'recordsPerLabel' THEN $cap ELSE 1 END AS maximum
            ORDER BY reason DESC, counted DESC, name, recordId
            LIMIT $max""";

    /** One link seen from a source record: the link (first record to second) and the record at its other end. */
    public record Hop(String sourceId, GraphEdge edge, GraphNode other) {
    }

    public record Totals(long links, long records, long nearLimit) {
    }

    public Optional<GraphNode> record(TransactionContext tx, String locationId, String id) {
        return tx.run(RECORD, Values.parameters("id", id, "locationId", locationId)).stream().findFirst()
                .map(r -> new GraphNode(r.get("id").asString(), r.get("objectKey").asString(null), r.get("name").asString(null)));
    }

    /** The links of each source (null associationIds: every label), at most perSource per source. */
    public List<Hop> expand(TransactionContext tx, String locationId, List<String> sourceIds, List<String> associationIds, int perSource) {
        if (sourceIds.isEmpty()) {
            return List.of();
        }
        return tx.run(EXPAND, Values.parameters("sourceIds", sourceIds, "locationId", locationId,
                "associationIds", associationIds, "perSource", perSource)).list(r -> new Hop(r.get("sourceId").asString(),
                        new GraphEdge(r.get("id").asString(), r.get("associationId").asString(), r.get("first").asString(),
                                r.get("second").asString(), null, null),
                        new GraphNode(r.get("otherId").asString(), r.get("otherObjectKey").asString(null),
                                r.get("otherName").asString(null))));
    }

    /** Each label's [first, second] object labels, by association id. */
    public Map<String, String[]> labels(TransactionContext tx, String locationId, Set<String> associationIds) {
        if (associationIds.isEmpty()) {
            return Map.of();
        }
        Map<String, String[]> labels = new HashMap<>();
        tx.run(LABELS, Values.parameters("ids", List.copyOf(associationIds), "locationId", locationId)).forEachRemaining(
                r -> labels.put(r.get("id").asString(), new String[] { r.get("first").asString(null), r.get("second").asString(null) }));
        return labels;
    }

    public Set<String> unlinked(TransactionContext tx, String locationId, String recordId, List<String> candidateIds) {
        if (candidateIds.isEmpty()) {
            return Set.of();
        }
        return tx.run(UNLINKED, Values.parameters("recordId", recordId, "locationId", locationId, "candidateIds", candidateIds))
                .stream().map(r -> r.get("id").asString()).collect(Collectors.toUnmodifiableSet());
    }

    /** At most maxPaths shortest paths of at most maxDepth links, each as its nodes and edges in walking order. */
    public List<RawPath> shortestPaths(TransactionContext tx, String locationId, String from, String to, int maxDepth, int maxPaths) {
        return tx.run(SHORTEST_PATHS.get(maxDepth), Values.parameters("from", from, "to", to, "locationId", locationId,
                "maxPaths", maxPaths)).list(GraphRepository::rawPath);
    }

    public Totals totals(TransactionContext tx, Association label, LinkRules.Limits limits, int nearCap) {
        Record r = tx.run(USAGE_TOTALS, usageParameters(label, limits, nearCap, 0)).single();
        return new Totals(r.get("links").asLong(), r.get("records").asLong(), r.get("nearLimit").asLong());
    }

    public List<GraphViews.NearLimit> nearLimit(TransactionContext tx, Association label, LinkRules.Limits limits, int nearCap, int max) {
        return tx.run(NEAR_LIMIT, usageParameters(label, limits, nearCap, max)).list(r -> new GraphViews.NearLimit(
                r.get("recordId").asString(), r.get("name").asString(null), r.get("counted").asLong(), r.get("maximum").asLong(),
                r.get("reason").asString()));
    }

    public record RawPath(List<GraphNode> nodes, List<GraphEdge> edges) {
    }

    private static RawPath rawPath(Record r) {
        List<GraphNode> nodes = r.get("nodes").asList(GraphRepository::node);
        List<GraphEdge> edges = r.get("edges").asList(v -> new GraphEdge(v.get("id").asString(), v.get("associationId").asString(),
                v.get("first").asString(), v.get("second").asString(), null, null));
        return new RawPath(nodes, edges);
    }

    private static GraphNode node(Value v) {
        return new GraphNode(v.get("id").asString(), v.get("objectKey").asString(null), v.get("name").asString(null));
    }

    private static Value usageParameters(Association label, LinkRules.Limits limits, int nearCap, int max) {
        return Values.value(Map.ofEntries(Map.entry("locationId", label.locationId()), Map.entry("type", label.relationshipType()),
                Map.entry("associationId", label.id()), Map.entry("firstObjectKey", label.firstObjectKey()),
                Map.entry("secondObjectKey", label.secondObjectKey()), Map.entry("maxAsFirst", limits.maxAsFirst()),
                Map.entry("maxAsSecond", limits.maxAsSecond()), Map.entry("maxByCardinality", limits.maxByCardinality()),
                Map.entry("cap", limits.cap()), Map.entry("nearCap", nearCap), Map.entry("max", max)));
    }
}
