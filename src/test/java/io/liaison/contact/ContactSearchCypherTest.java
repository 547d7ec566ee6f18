package io.liaison.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.liaison.contact.ContactQuery.Condition;
import io.liaison.contact.ContactQuery.Field;
import io.liaison.contact.ContactQuery.Filter;
import io.liaison.contact.ContactQuery.Group;
import io.liaison.contact.ContactQuery.Operator;
import io.liaison.contact.ContactQuery.Sort;
import io.liaison.object.ContactFieldService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contact search's query builder ({@code ContactRepository.SearchCypher}) on its Cypher and its
 * parameters, without a database: each field's expression comes from its fixed map, every value (and a
 * custom field's property name) is a parameter, groups nest with AND/OR, and keyset paging compares the
 * sort values in order. ContactSearchTest keeps the HTTP wiring and the results on a real Neo4j.
 */
class ContactSearchCypherTest {

    private static ContactRepository.SearchCypher cypher(Filter filter, List<Sort> sort, List<Object> after) {
        return new ContactRepository.SearchCypher(new ContactQuery(null, Optional.ofNullable(filter), sort,
                Optional.ofNullable(after), 0, 20));
    }

    private static ContactRepository.SearchCypher where(Filter filter) {
        return cypher(filter, ContactQuery.NEWEST_FIRST, null);
    }

    private static Condition condition(Field field, Operator operator, Object value) {
        return new Condition(field, null, operator, value, null);
    }

    @Nested
    class Scalars {
        @Test
        void anEqualityComparesTheFieldsExpressionWithAParameter() {
            var search = where(condition(Field.EMAIL, Operator.EQ, "rosan@deos.com"));
            assertEquals("coalesce(c.emailLowerCase = $p0, false)", search.where);
            assertEquals(Map.of("p0", "rosan@deos.com"), search.params);
        }

        @Test
        void aNegationHoldsForAContactWithoutTheField() {
            assertEquals("coalesce(toLower(c.city) <> $p0, true)", where(condition(Field.CITY, Operator.NOT_EQ, "paris")).where);
            assertEquals("NOT coalesce(c.phoneDigits CONTAINS $p0, false)",
                    where(condition(Field.PHONE, Operator.NOT_CONTAINS, "888")).where);
        }

        @Test
        void existenceTakesNoParameter() {
            var search = where(condition(Field.DATE_OF_BIRTH, Operator.EXISTS, null));
            assertEquals("(c.dateOfBirth IS NOT NULL)", search.where);
            assertEquals(Map.of(), search.params);
        }

        @Test
        void aRangeIsOneParameterPerBound() {
            Map<String, Object> bounds = new LinkedHashMap<>();
            bounds.put("gte", "2024-01-01");
            bounds.put("lt", "2025-01-01");
            var search = where(new Condition(Field.DATE_ADDED, null, Operator.RANGE, null, bounds));
            assertEquals("coalesce(c.dateAdded >= $p0 AND c.dateAdded < $p1, false)", search.where);
            assertEquals(Map.of("p0", "2024-01-01", "p1", "2025-01-01"), search.params);
        }

        @Test
        void noFilterMatchesEveryContact() {
            assertEquals("true", where(null).where);
        }
    }

    @Nested
    class TagsAndCustomFields {
        @Test
        void tagsMatchAnyOfTheGivenTagsWhateverTheirCase() {
            var search = where(condition(Field.TAGS, Operator.EQ, List.of("vip", "surfer")));
            assertEquals("any(t IN coalesce(c.tags, []) WHERE toLower(t) IN $p0)", search.where);
            assertEquals(Map.of("p0", List.of("vip", "surfer")), search.params);
        }

        @Test
        void aCustomFieldsPropertyNameIsAParameterNeverText() {
            var search = where(new Condition(Field.CUSTOM_FIELD, "board_size' OR true //", Operator.EQ, "long", null));
            assertEquals("($p1 IN coalesce(c[$p0], []))", search.where);
            assertEquals(Map.of("p0", ContactFieldService.customFieldValuesProperty("board_size' OR true //"), "p1", "long"), search.params);
            assertFalse(search.where.contains("board_size"));
        }

        @Test
        void aNumericRangeOnACustomFieldUsesItsNumberProperty() {
            var search = where(new Condition(Field.CUSTOM_FIELD, "length", Operator.RANGE, null, Map.of("gte", 250.0)));
            assertEquals("coalesce(c[$p1] >= $p2, false)", search.where);
            // The values property is bound first for every custom condition; a numeric range leaves it unused.
            assertEquals(Map.of("p0", ContactFieldService.customFieldValuesProperty("length"),
                    "p1", ContactFieldService.customFieldNumberProperty("length"), "p2", 250.0), search.params);
        }
    }

    @Nested
    class Groups {
        @Test
        void groupsNestWithOrAndAndNumberingTheirParametersInOrder() {
            Filter filter = new Group(false, List.of(
                    condition(Field.DND, Operator.EQ, false),
                    new Group(true, List.of(condition(Field.TAGS, Operator.EQ, List.of("vip")),
                            condition(Field.FIRST_NAME, Operator.CONTAINS, "ka")))));
            var search = where(filter);
            assertEquals("(coalesce(coalesce(c.dnd, false) = $p0, false) AND (any(t IN coalesce(c.tags, []) WHERE toLower(t) IN $p1)"
                    + " OR coalesce(c.firstNameLowerCase CONTAINS $p2, false)))", search.where);
            assertEquals(Map.of("p0", false, "p1", List.of("vip"), "p2", "ka"), search.params);
        }
    }

    @Nested
    class SortAndPaging {
        @Test
        void textSortValuesSortAMissingValueAsEmptyAndTheIdBreaksTies() {
            var search = cypher(null, List.of(new Sort(Field.LAST_NAME, false), new Sort(Field.DATE_ADDED, true)), null);
            assertEquals("[coalesce(c.lastNameLowerCase, ''), c.dateAdded]", search.sortValues);
            assertEquals("sortValues[0], sortValues[1] DESC, c.id DESC", search.orderBy);
            assertEquals("true", search.after);
        }

        @Test
        void theNextPageStartsAfterTheCursorInSortOrder() {
            var search = cypher(null, List.of(new Sort(Field.LAST_NAME, false), new Sort(Field.DATE_ADDED, true)),
                    List.of("deo", "2024-01-01T00:00:00Z", "abc"));
            assertEquals("((sortValues[0] > $after[0]) OR (sortValues[0] = $after[0] AND sortValues[1] < $after[1])"
                    + " OR (sortValues[0] = $after[0] AND sortValues[1] = $after[1] AND c.id < $after[2]))", search.after);
        }
    }
}
