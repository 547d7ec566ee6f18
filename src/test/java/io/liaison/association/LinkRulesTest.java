package io.liaison.association;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.error.ApiException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The link rules as plain Java: no database, just the numbers a record has under a label. */
class LinkRulesTest {

    private static final long CAP = 1000;

    private static Association label(String first, String second, LabelType type, Cardinality cardinality) {
        return new Association("label1", "k", "loc", first, "A", second, type == LabelType.SINGLE ? "A" : "B",
                Association.USER_DEFINED, type, cardinality, "K", null, null);
    }

    private static final Association MANAGER = label("contact", "contact", LabelType.PAIR, Cardinality.MANY_TO_ONE);
    private static final Association SPOUSE = label("contact", "contact", LabelType.SINGLE, Cardinality.ONE_TO_ONE);
    private static final Association OWNER = label("contact", "custom_objects.boards", LabelType.PAIR, Cardinality.ONE_TO_MANY);

    private static LinkRules.LinkState state(String firstObject, long firstAsFirst, long firstAsSecond, String secondObject,
            long secondAsFirst, long secondAsSecond) {
        return new LinkRules.LinkState(Optional.of(new LinkRules.RecordLinks("a", firstObject, firstAsFirst, firstAsSecond)),
                Optional.of(new LinkRules.RecordLinks("b", secondObject, secondAsFirst, secondAsSecond)), Optional.empty());
    }

    private static Optional<String> refusal(Association label, LinkRules.LinkState state) {
        return LinkRules.refusal(label, LinkRules.limits(label, CAP), state, "a", "b").map(ApiException::code);
    }

    @Test
    void aFreshPairOfTheRightObjectsMayLink() {
        assertEquals(Optional.empty(), refusal(MANAGER, state("contact", 0, 0, "contact", 0, 0)));
        assertTrue(LinkRules.allows(OWNER, LinkRules.limits(OWNER, CAP), state("contact", 5, 0, "custom_objects.boards", 0, 0)));
    }

    @Test
    void aMissingRecordIsNotFoundBeforeAnythingElse() {
        var state = new LinkRules.LinkState(Optional.empty(), Optional.empty(), Optional.of("rel"));
        assertEquals(Optional.of("NOT_FOUND"), refusal(MANAGER, state));
    }

    @Test
    void aRecordOfAnotherObjectIsTheWrongObject() {
        assertEquals(Optional.of("WRONG_OBJECT"), refusal(OWNER, state("contact", 0, 0, "contact", 0, 0)));
    }

    @Test
    void anExistingLinkIsADuplicate() {
        var state = new LinkRules.LinkState(Optional.of(new LinkRules.RecordLinks("a", "contact", 0, 0)),
                Optional.of(new LinkRules.RecordLinks("b", "contact", 0, 0)), Optional.of("rel"));
        assertEquals(Optional.of("DUPLICATE_RELATION"), refusal(MANAGER, state));
    }

    @Test
    void manyToOneBoundsTheFirstRecordOnlyAsFirst() {
        // An employee with a manager cannot get another; being someone's manager does not count.
        assertEquals(Optional.of("LIMIT_EXCEEDED"), refusal(MANAGER, state("contact", 1, 0, "contact", 0, 0)));
        assertEquals(Optional.empty(), refusal(MANAGER, state("contact", 0, 7, "contact", 9, 9)));
    }

    @Test
    void oneToManyBoundsTheSecondRecordOnlyAsSecond() {
        assertEquals(Optional.of("LIMIT_EXCEEDED"), refusal(OWNER, state("contact", 0, 0, "custom_objects.boards", 0, 1)));
        assertEquals(Optional.empty(), refusal(OWNER, state("contact", 40, 0, "custom_objects.boards", 0, 0)));
    }

    @Test
    void aSymmetricOneToOneCountsLinksFromEitherEnd() {
        assertEquals(Optional.of("LIMIT_EXCEEDED"), refusal(SPOUSE, state("contact", 0, 1, "contact", 0, 0)));
        assertEquals(Optional.of("LIMIT_EXCEEDED"), refusal(SPOUSE, state("contact", 0, 0, "contact", 1, 0)));
        var limits = LinkRules.limits(SPOUSE, CAP);
        assertEquals(1, limits.maxLinks());
        assertEquals(LinkRules.UNLIMITED, limits.maxAsFirst());
    }

    @Test
    void theCapCountsBothEndsOfEveryRecord() {
        Association colleague = label("contact", "contact", LabelType.SINGLE, Cardinality.MANY_TO_MANY);
        assertEquals(Optional.empty(), refusal(colleague, state("contact", 600, 399, "contact", 0, 0)));
        assertEquals(Optional.of("LIMIT_EXCEEDED"), refusal(colleague, state("contact", 600, 400, "contact", 0, 0)));
        assertEquals(Optional.of("LIMIT_EXCEEDED"), refusal(colleague, state("contact", 0, 0, "contact", 1000, 0)));
        assertFalse(LinkRules.allows(colleague, LinkRules.limits(colleague, CAP), state("contact", 0, 0, "contact", 1000, 0)));
    }

    @Test
    void theCardinalityIsExplainedBeforeTheCap() {
        var refusal = LinkRules.refusal(MANAGER, LinkRules.limits(MANAGER, 1), state("contact", 1, 0, "contact", 0, 0), "a", "b");
        assertEquals("cardinality", refusal.orElseThrow().details().get("limit"));
    }
}
