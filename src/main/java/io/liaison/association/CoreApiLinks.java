package io.liaison.association;

import io.liaison.event.EventOutbox;
import io.liaison.neo4j.InProcessNeo4j;
import io.liaison.neo4j.Locks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;

/**
 * A batch of links under one label through Neo4j's Java core API, for in-process transactions: what
 * {@link RelationRepository}'s link statement does for each item, without Cypher, whose runtime costs
 * about half a millisecond a row on Community (docs/design/bulk-writes.md). Same locks ({@link Locks},
 * the label shared, then the records in id order), the same facts read under them, judged by
 * {@link LinkRules} (the one statement of the rules, which also explains the Cypher form's refusals),
 * and the same writes: the relationship of the label's type from the first record to the second with
 * its id, associationId, locationId and createdAt, and the prepared RelationCreate event
 * ({@link EventOutbox#append}). {@code LinkPathsParityTest} checks that both forms leave the same graph.
 */
final class CoreApiLinks {

    private final Locks locks;

    CoreApiLinks(Locks locks) {
        this.locks = locks;
    }

    /**
     * Each link judged and, when allowed, created with its event, in order, so an item sees the links
     * the items before it made; empty when the label is not (or no longer) in the location.
     */
    Optional<List<RelationRepository.LinkOutcome>> linkEach(Transaction tx, Association given, long cap,
            List<RelationRepository.NewLink> links, List<Map<String, Object>> relationCreated) {
        String locationId = given.locationId();
        Optional<Node> labelNode = locks.labelForLinking(tx, locationId, given.id());
        if (labelNode.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Node> records = locks.records(tx, locationId,
                links.stream().flatMap(l -> Stream.of(l.firstId(), l.secondId())).toList());
        // What never changes about a label (type, objects, sides) comes from the caller, as in the statement;
        // its cardinality is the one under the lock.
        Association label = Association.from(InProcessNeo4j.driverNode(labelNode.get()));
        LinkRules.Limits limits = LinkRules.limits(label.cardinality(), given.isSymmetric(), cap);
        RelationshipType type = RelationshipType.withName(given.relationshipType());
        List<RelationRepository.LinkOutcome> outcomes = new ArrayList<>(links.size());
        for (int i = 0; i < links.size(); i++) {
            RelationRepository.NewLink link = links.get(i);
            Node first = records.get(link.firstId());
            Node second = records.get(link.secondId());
            Optional<String> existing = first == null || second == null ? Optional.empty()
                    : existingLink(first, second, type, given.id(), given.isSymmetric());
            LinkRules.LinkState state = new LinkRules.LinkState(recordLinks(link.firstId(), first, type),
                    recordLinks(link.secondId(), second, type), existing);
            boolean allowed = LinkRules.allows(given, limits, state);
            if (allowed) {
                Relationship r = first.createRelationshipTo(second, type);
                r.setProperty("id", link.relationId());
                r.setProperty("associationId", given.id());
                r.setProperty("locationId", locationId);
                r.setProperty("createdAt", link.createdAt());
                EventOutbox.append(tx, relationCreated.get(i));
            }
            outcomes.add(new RelationRepository.LinkOutcome(allowed, label, state));
        }
        return Optional.of(outcomes);
    }

    /**
     * The record's links under the label by end, from its degree counts (O(1) of its degree, for the
     * reason given at {@link AssociationLinks#asFirstByDegree}); empty when the record is not in the location.
     */
    private static Optional<LinkRules.RecordLinks> recordLinks(String id, Node record, RelationshipType type) {
        if (record == null) {
            return Optional.empty();
        }
        return Optional.of(new LinkRules.RecordLinks(id, (String) record.getProperty("objectKey", null),
                record.getDegree(type, Direction.OUTGOING), record.getDegree(type, Direction.INCOMING)));
    }

    /**
     * The id of a link under the label from {@code first} to {@code second} (either way on a symmetric
     * label), walking the links of the type at whichever end has fewer of them: at most the per-label cap.
     */
    private static Optional<String> existingLink(Node first, Node second, RelationshipType type, String associationId,
            boolean symmetric) {
        Optional<String> forward = linkBetween(first, second, type, associationId);
        return forward.isPresent() || !symmetric ? forward : linkBetween(second, first, type, associationId);
    }

    private static Optional<String> linkBetween(Node from, Node to, RelationshipType type, String associationId) {
        boolean fromStart = from.getDegree(type, Direction.OUTGOING) <= to.getDegree(type, Direction.INCOMING);
        Node walked = fromStart ? from : to;
        Node other = fromStart ? to : from;
        try (var relationships = walked.getRelationships(fromStart ? Direction.OUTGOING : Direction.INCOMING, type)) {
            for (Relationship r : relationships) {
                if (r.getOtherNode(walked).equals(other) && associationId.equals(r.getProperty("associationId", null))) {
                    return Optional.of((String) r.getProperty("id"));
                }
            }
        }
        return Optional.empty();
    }
}
