package io.liaison.association;

import io.liaison.error.Errors;

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

    /** The same rule seen from the second object: HighLevel's secondObjectToFirstObjectCardinality. */
    public Cardinality mirrored() {
        return switch (this) {
            case MANY_TO_ONE -> ONE_TO_MANY;
            case ONE_TO_MANY -> MANY_TO_ONE;
            default -> this;
        };
    }

    /**
     * The one cardinality a request means, from Liaison's {@code cardinality} and HighLevel's
     * per-direction {@code firstObjectToSecondObjectCardinality} (the same rule) and
     * {@code secondObjectToFirstObjectCardinality} (its mirror). Null when none is given; 422 naming
     * the field when they contradict each other.
     */
    public static Cardinality fromFields(Cardinality cardinality, Cardinality firstToSecond, Cardinality secondToFirst) {
        Cardinality meant = cardinality;
        if (firstToSecond != null) {
            if (meant != null && meant != firstToSecond) {
                throw Errors.ValidationFailed.of("firstObjectToSecondObjectCardinality", "is " + firstToSecond
                        + ", which contradicts cardinality " + meant + "; they name the same rule");
            }
            meant = firstToSecond;
        }
        if (secondToFirst != null) {
            if (meant != null && meant.mirrored() != secondToFirst) {
                throw Errors.ValidationFailed.of("secondObjectToFirstObjectCardinality", "is " + secondToFirst
                        + ", which contradicts " + (firstToSecond != null ? "firstObjectToSecondObjectCardinality " : "cardinality ")
                        + meant + "; seen from the second object that rule is " + meant.mirrored());
            }
            meant = secondToFirst.mirrored();
        }
        return meant;
    }
}
