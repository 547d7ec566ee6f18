package io.liaison.graph;

import io.liaison.association.Association;
import io.liaison.association.LinkRules;
import io.liaison.association.AssociationService;
import io.liaison.config.LiaisonConfig;
import io.liaison.error.Errors;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.TransactionContext;

/**
 * The graph queries Liaison adds to HighLevel's API. Each walks outward from records found by id,
 * level by level, following at most {@link GraphConfig#fanOut()} links from any one record and
 * keeping at most the asked number of records, so a record with thousands of links costs no more
 * than one with a hundred: the answer is cut and says {@code truncated: true}.
 */
@ApplicationScoped
class GraphService {

    public static final int MAX_DEPTH = 3;
    public static final int DEFAULT_MAX_PATH_DEPTH = 4;
    public static final int DEFAULT_SUGGESTIONS = 20;
    public static final int MAX_SUGGESTIONS = 100;
    /** Edges in a neighbourhood: at most this many per node kept. */
    public static final int EDGES_PER_NODE = 4;
    /** The near-limit list of a label's usage: the most linked records first. */
    public static final int MAX_NEAR_LIMIT = 100;
    /** A record is near the per-label cap from this share of it on. */
    static final double NEAR_CAP_SHARE = 0.8;

    private static final Comparator<GraphNode> BY_NAME = Comparator
            .comparing((GraphNode n) -> n.name() == null ? "" : n.name(), String.CASE_INSENSITIVE_ORDER)
            .thenComparing(GraphNode::id);

    private final GraphDatabase db;
    private final GraphRepository repository;
    private final GraphConfig config;
    private final LiaisonConfig liaison;
    private final AssociationService associations;

    public GraphService(GraphDatabase db, GraphRepository repository, GraphConfig config, LiaisonConfig liaison, AssociationService associations) {
        this.db = db;
        this.repository = repository;
        this.config = config;
        this.liaison = liaison;
        this.associations = associations;
    }

    /**
     * Every record within depth links of the start and the links walked to reach them: a link is
     * in the answer when one of its ends is fewer than depth links from the start.
     */
    public GraphViews.Neighborhood neighborhood(String locationId, String recordId, String depthParam, String limitParam,
            List<String> associationIds) {
        int depth = intParam("depth", depthParam, 1, 1, MAX_DEPTH);
        int maxNodes = intParam("limit", limitParam, config.defaultNodes(), 1, config.maxNodes());
        int maxEdges = maxNodes * EDGES_PER_NODE;
        requireRecordId("recordId", recordId);
        List<String> labels = filter(associationIds);
        int fanOut = config.fanOut();
        return read(tx -> {
            GraphNode start = repository.record(tx, locationId, recordId).orElseThrow(() -> new Errors.NotFound("Record", recordId));
            Map<String, GraphNode> nodes = new LinkedHashMap<>();
            Map<String, Integer> distance = new HashMap<>();
            Map<String, GraphEdge> edges = new TreeMap<>();
            nodes.put(start.id(), start);
            distance.put(start.id(), 0);
            boolean truncated = false;
            List<String> frontier = List.of(start.id());
            for (int level = 1; level <= depth && !frontier.isEmpty(); level++) {
                List<GraphRepository.Hop> hops = new ArrayList<>(repository.expand(tx, locationId, frontier, labels, fanOut + 1));
                Map<String, Integer> position = positions(frontier);
                hops.sort(Comparator.comparing((GraphRepository.Hop h) -> position.get(h.sourceId()))
                        .thenComparing(GraphRepository.Hop::other, BY_NAME).thenComparing(h -> h.edge().id()));
                Map<String, Integer> followed = new HashMap<>();
                List<String> next = new ArrayList<>();
                for (GraphRepository.Hop hop : hops) {
                    if (followed.merge(hop.sourceId(), 1, Integer::sum) > fanOut) {
                        truncated = true;
                        continue;
                    }
                    GraphNode other = hop.other();
                    if (!nodes.containsKey(other.id())) {
                        if (nodes.size() >= maxNodes) {
                            truncated = true;
                            continue;
                        }
                        nodes.put(other.id(), other);
                        distance.put(other.id(), level);
                        next.add(other.id());
                    }
                    if (!edges.containsKey(hop.edge().id())) {
                        if (edges.size() >= maxEdges) {
                            truncated = true;
                            continue;
                        }
                        edges.put(hop.edge().id(), hop.edge());
                    }
                }
                frontier = next;
            }
            List<GraphNode> ordered = nodes.values().stream()
                    .sorted(Comparator.comparing((GraphNode n) -> distance.get(n.id())).thenComparing(BY_NAME)).toList();
            return new GraphViews.Neighborhood(ordered, withLabels(tx, locationId, edges.values()), truncated);
        });
    }

    /** All shortest paths (at most {@link GraphRepository#MAX_PATHS}) of at most maxDepth links. */
    public GraphViews.Paths paths(String locationId, String from, String to, String maxDepthParam) {
        int maxDepth = intParam("maxDepth", maxDepthParam, DEFAULT_MAX_PATH_DEPTH, 1, GraphRepository.MAX_PATH_DEPTH);
        requireParam("from", from);
        requireParam("to", to);
        requireRecordId("from", from);
        requireRecordId("to", to);
        if (from.equals(to)) {
            throw Errors.ValidationFailed.of("to", "must be another record than from");
        }
        return read(tx -> {
            repository.record(tx, locationId, from).orElseThrow(() -> new Errors.NotFound("Record", "from", from));
            repository.record(tx, locationId, to).orElseThrow(() -> new Errors.NotFound("Record", "to", to));
            List<GraphRepository.RawPath> found = repository.shortestPaths(tx, locationId, from, to, maxDepth, GraphRepository.MAX_PATHS + 1);
            if (found.isEmpty()) {
                throw new Errors.NoPath(from, to, maxDepth);
            }
            boolean truncated = found.size() > GraphRepository.MAX_PATHS;
            List<GraphRepository.RawPath> kept = found.subList(0, Math.min(found.size(), GraphRepository.MAX_PATHS));
            Map<String, GraphNode> nodes = new LinkedHashMap<>();
            Map<String, GraphEdge> edges = new TreeMap<>();
            List<GraphViews.Path> paths = new ArrayList<>();
            for (GraphRepository.RawPath path : kept) {
                path.nodes().forEach(n -> nodes.putIfAbsent(n.id(), n));
                path.edges().forEach(e -> edges.putIfAbsent(e.id(), e));
                paths.add(new GraphViews.Path(path.nodes().stream().map(GraphNode::id).toList(),
                        path.edges().stream().map(GraphEdge::id).toList()));
            }
            paths.sort(Comparator.comparing(p -> String.join(",", p.nodeIds())));
            return new GraphViews.Paths(kept.get(0).edges().size(), List.copyOf(nodes.values()),
                    withLabels(tx, locationId, edges.values()), List.copyOf(paths), truncated);
        });
    }

    /** The records linked to both records, by name. */
    public GraphViews.Mutual mutual(String locationId, String recordId, String otherId, String limitParam, List<String> associationIds) {
        int limit = intParam("limit", limitParam, config.defaultNodes(), 1, config.maxNodes());
        requireRecordId("recordId", recordId);
        requireParam("with", otherId);
        requireRecordId("with", otherId);
        if (recordId.equals(otherId)) {
            throw Errors.ValidationFailed.of("with", "must be another record than recordId");
        }
        List<String> labels = filter(associationIds);
        int fanOut = config.fanOut();
        return read(tx -> {
            repository.record(tx, locationId, recordId).orElseThrow(() -> new Errors.NotFound("Record", recordId));
            repository.record(tx, locationId, otherId).orElseThrow(() -> new Errors.NotFound("Record", "with", otherId));
            List<GraphRepository.Hop> mine = repository.expand(tx, locationId, List.of(recordId), labels, fanOut + 1);
            List<GraphRepository.Hop> theirs = repository.expand(tx, locationId, List.of(otherId), labels, fanOut + 1);
            boolean truncated = mine.size() > fanOut || theirs.size() > fanOut;
            Set<String> theirIds = new HashSet<>();
            theirs.stream().limit(fanOut).forEach(h -> theirIds.add(h.other().id()));
            Map<String, GraphNode> both = new HashMap<>();
            mine.stream().limit(fanOut).map(GraphRepository.Hop::other)
                    .filter(n -> theirIds.contains(n.id()) && !n.id().equals(recordId) && !n.id().equals(otherId))
                    .forEach(n -> both.putIfAbsent(n.id(), n));
            List<GraphNode> records = both.values().stream().sorted(BY_NAME).toList();
            if (records.size() > limit) {
                truncated = true;
                records = records.subList(0, limit);
            }
            return new GraphViews.Mutual(List.copyOf(records), records.size(), truncated);
        });
    }

    /**
     * "People you may know": records two links away that the record is not linked to under any
     * label, ranked by how many of its linked records link to them, then by name and id.
     */
    public GraphViews.Suggestions suggestions(String locationId, String recordId, String limitParam, List<String> associationIds) {
        int limit = intParam("limit", limitParam, DEFAULT_SUGGESTIONS, 1, MAX_SUGGESTIONS);
        requireRecordId("recordId", recordId);
        List<String> labels = filter(associationIds);
        int fanOut = config.fanOut();
        return read(tx -> {
            repository.record(tx, locationId, recordId).orElseThrow(() -> new Errors.NotFound("Record", recordId));
            List<GraphRepository.Hop> first = repository.expand(tx, locationId, List.of(recordId), labels, fanOut + 1);
            boolean truncated = first.size() > fanOut;
            Set<String> linked = new LinkedHashSet<>();
            first.stream().limit(fanOut).forEach(h -> linked.add(h.other().id()));
            List<GraphRepository.Hop> second = repository.expand(tx, locationId, List.copyOf(linked), labels, fanOut + 1);
            Map<String, Integer> followed = new HashMap<>();
            Map<String, Set<String>> sharedBy = new HashMap<>();
            Map<String, GraphNode> candidates = new HashMap<>();
            for (GraphRepository.Hop hop : second) {
                if (followed.merge(hop.sourceId(), 1, Integer::sum) > fanOut) {
                    truncated = true;
                    continue;
                }
                GraphNode candidate = hop.other();
                if (candidate.id().equals(recordId) || linked.contains(candidate.id())) {
                    continue;
                }
                candidates.putIfAbsent(candidate.id(), candidate);
                sharedBy.computeIfAbsent(candidate.id(), id -> new HashSet<>()).add(hop.sourceId());
            }
            // A link beyond the fan-out or under a label outside the filter still means "linked already".
            Set<String> unlinked = repository.unlinked(tx, locationId, recordId, List.copyOf(candidates.keySet()));
            List<GraphViews.Suggestion> ranked = candidates.values().stream()
                    .filter(c -> unlinked.contains(c.id()))
                    .sorted(Comparator.comparing((GraphNode c) -> -sharedBy.get(c.id()).size()).thenComparing(BY_NAME))
                    .map(c -> new GraphViews.Suggestion(c.id(), c.objectKey(), c.name(), sharedBy.get(c.id()).size()))
                    .toList();
            if (ranked.size() > limit) {
                ranked = ranked.subList(0, limit);
            }
            return new GraphViews.Suggestions(List.copyOf(ranked), truncated);
        });
    }

    /**
     * How much a label is used and which records are at or near its limits: the per-label cap
     * (from {@link #NEAR_CAP_SHARE} of it) or the one link a one-sided cardinality allows.
     */
    public GraphViews.Usage usage(String locationId, String associationId) {
        Association association = associations.get(locationId, associationId);
        int cap = liaison.limits().recordsPerLabel();
        int nearCap = Math.max(1, (int) Math.ceil(cap * NEAR_CAP_SHARE));
        LinkRules.Limits limits = LinkRules.limits(association, cap);
        return read(tx -> {
            GraphRepository.Totals totals = repository.totals(tx, association, limits, nearCap);
            List<GraphViews.NearLimit> near = repository.nearLimit(tx, association, limits, nearCap, MAX_NEAR_LIMIT);
            return new GraphViews.Usage(association.id(), totals.links(), totals.records(), cap, near, totals.nearLimit());
        });
    }

    /** One graph query in a single read transaction, bounded by the query timeout: every level of a walk sees the same graph. */
    private <T> T read(TransactionCallback<T> query) {
        return db.read(query, config.queryTimeout());
    }

    private List<GraphEdge> withLabels(TransactionContext tx, String locationId, java.util.Collection<GraphEdge> edges) {
        Set<String> ids = new HashSet<>();
        edges.forEach(e -> ids.add(e.associationId()));
        Map<String, String[]> labels = repository.labels(tx, locationId, ids);
        return edges.stream().map(e -> {
            String[] pair = labels.getOrDefault(e.associationId(), new String[2]);
            return e.withLabels(pair[0], pair[1]);
        }).toList();
    }

    private static Map<String, Integer> positions(List<String> ids) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            positions.put(ids.get(i), i);
        }
        return positions;
    }

    private static List<String> filter(List<String> associationIds) {
        return associationIds == null || associationIds.isEmpty() ? null : associationIds;
    }

    /** Query integers arrive as text so that "ten" is a 422 naming the field, like an out-of-range number. */
    static int intParam(String field, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below, with the range
        }
        throw Errors.ValidationFailed.of(field, "must be an integer between " + min + " and " + max);
    }

    private static void requireParam(String field, String value) {
        if (value == null || value.isBlank()) {
            throw Errors.ValidationFailed.of(field, "is required: the id of a record");
        }
    }

    /** An id that can never exist is answered like a missing record, before any query runs. */
    private static void requireRecordId(String field, String id) {
        if (!Ids.looksLikeId(id)) {
            String shown = id == null ? "" : id.length() > 64 ? id.substring(0, 64) + "…" : id;
            throw "recordId".equals(field) ? new Errors.NotFound("Record", shown) : new Errors.NotFound("Record", field, shown);
        }
    }
}
