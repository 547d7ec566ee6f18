package io.liaison.association;

/**
 * "The links of a record under an association" (the help article's "label"), defined once as Cypher for every query that needs it:
 * the link statement, the cardinality check of a label change, and the label's usage report.
 * A link is a relationship of the label's type ({@code $type}) carrying its id
 * ({@code $associationId}) between two records; the type alone is not enough, since every
 * location that uses the same key shares it.
 *
 * <p>These are fragments of constant text, put together when the classes load; no request
 * value ever becomes part of a query.
 */
public final class AssociationLinks {
    private AssociationLinks() {
    }

    /** A link under the label, seen from its first record (the start of the relationship). */
    static final String OUTGOING = "-[link:$($type) WHERE link.associationId = $associationId]->(:Record)";
    /** A link under the label, seen from its second record. */
    static final String INCOMING = "<-[link:$($type) WHERE link.associationId = $associationId]-(:Record)";
    /** A link under the label, from either end. */
    static final String EITHER = "-[link:$($type) WHERE link.associationId = $associationId]-(:Record)";

    /** The record's links where it is the first record, walked and filtered: O(the record's degree). */
    public static String asFirst(String record) {
        return "COUNT { (" + record + ")" + OUTGOING + " }";
    }

    /** The record's links where it is the second record, walked and filtered: O(the record's degree). */
    public static String asSecond(String record) {
        return "COUNT { (" + record + ")" + INCOMING + " }";
    }

    /**
     * The record's links where it is the first record, from Neo4j's degree counts: O(1) of its degree,
     * and equal to {@link #asFirst} because of the invariant below.
     *
     * <h2>Why the type and direction alone find a record's links under the label</h2>
     * A record belongs to one location, and a label's key (whose upper case is the relationship type)
     * is unique within its location; links join two records of the label's location, and nothing else
     * ever links to a record. So every relationship of the type at a record is a link of the one
     * label of that key in the record's location, outgoing where the record is the first record,
     * incoming where it is the second. No link outlives its label: deleting a label (forced) removes
     * its links in the same transaction, under the label's exclusive lock, before a label with the same
     * key can be created again; deleting an object removes its labels and records with their links;
     * deleting a record removes its links. A symmetric label counts from both ends, as
     * {@link #asFirst} and {@link #asSecond} do. {@code LinkDegreesTest} checks these cases against
     * the Cypher form.
     */
    static String asFirstByDegree(String record) {
        return io.liaison.neo4j.Degrees.OUT + "(" + record + ", $type)";
    }

    /** The record's links where it is the second record, from Neo4j's degree counts (see {@link #asFirstByDegree}). */
    static String asSecondByDegree(String record) {
        return io.liaison.neo4j.Degrees.IN + "(" + record + ", $type)";
    }

    /**
     * Every record of the location with at least one link under the label, once each, with its
     * links by end ({@code asFirst}, {@code asSecond}, {@code links}). One walk over the label's
     * links, starting from the records of its two objects in the location (an index seek), not
     * from the type that other locations share.
     */
    public static final String RECORDS_WITH_LINKS = """
            MATCH (x:Record {locationId: $locationId})%s
            WHERE x.objectKey IN [$firstObjectKey, $secondObjectKey]
            WITH x, count(link) AS links, count(CASE WHEN startNode(link) = x THEN 1 END) AS asFirst
            WITH x, links, asFirst, links - asFirst AS asSecond
            """.formatted(EITHER);
}
