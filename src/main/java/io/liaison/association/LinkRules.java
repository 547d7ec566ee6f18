package io.liaison.association;

import io.liaison.error.ApiException;
import io.liaison.error.Errors;
import java.util.Map;
import java.util.Optional;

/**
 * The rules a new link must keep, as plain Java: both records exist in the caller's location and
 * are of the label's objects, the pair is not linked yet under the label, the label's cardinality
 * holds, and neither record exceeds the per-label cap (the help article's 1,000 linked records).
 *
 * <p>The rules are stated once, as {@link Limits}: the link statement, the cardinality check of a
 * label change and the usage report compare a record's links (see {@link AssociationLinks}) with these
 * numbers, and {@link #refusal} explains a refused link with the same numbers.
 */
public final class LinkRules {

    /** No limit: larger than any count of links. */
    public static final long UNLIMITED = Long.MAX_VALUE;

    private LinkRules() {
    }

    /**
     * How many links under a label one record may have. {@code maxAsFirst} bounds the links where
     * the record is the first record, {@code maxAsSecond} those where it is the second, and
     * {@code maxByCardinality} all of them (a symmetric label has no sides, so a one-to-one
     * symmetric label bounds the total). {@code cap} is the per-label cap.
     */
    public record Limits(long maxAsFirst, long maxAsSecond, long maxByCardinality, long cap) {

        /** The bound on a record's links of both ends together: the cap or the cardinality, whichever is tighter. */
        public long maxLinks() {
            return Math.min(cap, maxByCardinality);
        }
    }

    public static Limits limits(Association association, long cap) {
        return limits(association.cardinality(), association.isSymmetric(), cap);
    }

    public static Limits limits(Cardinality cardinality, boolean symmetric, long cap) {
        if (symmetric) {
            return new Limits(UNLIMITED, UNLIMITED, cardinality.firstLinksToOne() ? 1 : UNLIMITED, cap);
        }
        return new Limits(cardinality.firstLinksToOne() ? 1 : UNLIMITED, cardinality.secondLinksToOne() ? 1 : UNLIMITED,
                UNLIMITED, cap);
    }

    /** A record's links under the label, by the end it sits on; empty when the record is not in the location. */
    public record RecordLinks(String id, String objectKey, long asFirst, long asSecond) {
        public long total() {
            return asFirst + asSecond;
        }
    }

    /** What the link statement found under the locks. */
    public record LinkState(Optional<RecordLinks> first, Optional<RecordLinks> second, Optional<String> existingRelationId) {
    }

    /** Whether a link may be created: exactly when {@link #refusal} finds nothing. */
    public static boolean allows(Association association, Limits limits, LinkState state) {
        return refusal(association, limits, state, "", "").isEmpty();
    }

    /**
     * Why the link is refused, in the order a client fixes things: a missing record, a record of
     * the wrong object, an existing link, the cardinality, the cap.
     */
    public static Optional<ApiException> refusal(Association association, Limits limits, LinkState state, String firstId,
            String secondId) {
        if (state.first().isEmpty()) {
            return Optional.of(new Errors.NotFound("Record", "firstRecordId", firstId));
        }
        if (state.second().isEmpty()) {
            return Optional.of(new Errors.NotFound("Record", "secondRecordId", secondId));
        }
        RecordLinks first = state.first().get();
        RecordLinks second = state.second().get();
        if (!association.firstObjectKey().equals(first.objectKey())) {
            return Optional.of(new Errors.WrongObject("firstRecordId", first.id(), String.valueOf(first.objectKey()),
                    association.firstObjectKey()));
        }
        if (!association.secondObjectKey().equals(second.objectKey())) {
            return Optional.of(new Errors.WrongObject("secondRecordId", second.id(), String.valueOf(second.objectKey()),
                    association.secondObjectKey()));
        }
        if (state.existingRelationId().isPresent()) {
            return Optional.of(new Errors.DuplicateRelation(state.existingRelationId().get(), association.id()));
        }
        if (first.asFirst() >= limits.maxAsFirst()) {
            return Optional.of(cardinality(association, first.id(), first.asFirst()));
        }
        if (second.asSecond() >= limits.maxAsSecond()) {
            return Optional.of(cardinality(association, second.id(), second.asSecond()));
        }
        if (first.total() >= limits.maxByCardinality()) {
            return Optional.of(cardinality(association, first.id(), first.total()));
        }
        if (second.total() >= limits.maxByCardinality()) {
            return Optional.of(cardinality(association, second.id(), second.total()));
        }
        if (first.total() >= limits.cap()) {
            return Optional.of(cap(association, "firstRecordId", first, limits.cap()));
        }
        if (second.total() >= limits.cap()) {
            return Optional.of(cap(association, "secondRecordId", second, limits.cap()));
        }
        return Optional.empty();
    }

    private static ApiException cardinality(Association association, String recordId, long links) {
        return new Errors.LimitExceeded("cardinality", 1, links,
                "Record " + recordId + " already has a link under association '" + association.key() + "', whose cardinality "
                        + association.cardinality() + " allows one",
                Map.of("cardinality", association.cardinality().name(), "recordId", recordId, "associationId", association.id()));
    }

    /** The help article's cap: one record links to at most this many records under one label. */
    private static ApiException cap(Association association, String field, RecordLinks record, long cap) {
        return new Errors.LimitExceeded("recordsPerLabel", cap, record.total(),
                "Record " + record.id() + " already links to " + record.total() + " records under association '" + association.key()
                        + "'; the limit is " + cap,
                Map.of("recordId", record.id(), "field", field, "associationId", association.id()));
    }
}
