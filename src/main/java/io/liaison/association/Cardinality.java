package io.liaison.association;

/**
 * How many records one record may link to under a label, chosen when the label is created.
 * "One" on a side means: a record of the other side links to at most one record of this side.
 */
public enum Cardinality {
    /** The default: no limit beyond the per-label cap. */
    MANY_TO_MANY(false, false),
    /** Each first-side record links to at most one second-side record; a second-side record links to many. */
    MANY_TO_ONE(true, false),
    /** The mirror of MANY_TO_ONE: each second-side record links to at most one first-side record. */
    ONE_TO_MANY(false, true),
    ONE_TO_ONE(true, true);

    private final boolean firstLinksToOne;
    private final boolean secondLinksToOne;

    Cardinality(boolean firstLinksToOne, boolean secondLinksToOne) {
        this.firstLinksToOne = firstLinksToOne;
        this.secondLinksToOne = secondLinksToOne;
    }

    /** A first-side record may have at most one link under the label. */
    public boolean firstLinksToOne() {
        return firstLinksToOne;
    }

    /** A second-side record may have at most one link under the label. */
    public boolean secondLinksToOne() {
        return secondLinksToOne;
    }

    /** Symmetric labels have no sides, so only the cardinalities that treat both sides alike fit them. */
    public boolean fitsSymmetricLabel() {
        return firstLinksToOne == secondLinksToOne;
    }
}
