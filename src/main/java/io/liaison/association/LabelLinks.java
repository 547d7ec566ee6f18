package io.liaison.association;

/**
 * "The links of a record under a label", defined once as Cypher for every query that needs it:
 * the link statement, the cardinality check of a label change, and the label's usage report.
 * A link is a relationship of the label's type ({@code $type}) carrying its id
 * ({@code $associationId}) between two records; the type alone is not enough, since every
 * location that uses the same key shares it.
 *
 * <p>These are fragments of constant text, put together when the classes load; no request
 * value ever becomes part of a query.
 */
public final class LabelLinks {
    private LabelLinks() {
    }

    /** A link under the label, seen from its first record (the start of the relationship). */
    static final String OUTGOING = "-[link:$($type) WHERE link.associationId = $associationId]->(:Record)";
    /** A link under the label, seen from its second record. */
    static final String INCOMING = "<-[link:$($type) WHERE link.associationId = $associationId]-(:Record)";
    /** A link under the label, from either end. */
    static final String EITHER = "-[link:$($type) WHERE link.associationId = $associationId]-(:Record)";

    /** The record's links where it is the first record. */
    public static String asFirst(String record) {
        return "COUNT { (" + record + ")" + OUTGOING + " }";
    }

    /** The record's links where it is the second record. */
    public static String asSecond(String record) {
        return "COUNT { (" + record + ")" + INCOMING + " }";
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
