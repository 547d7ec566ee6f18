package io.liaison.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.contact.ContactQuery.Condition;
import io.liaison.contact.ContactQuery.Group;
import io.liaison.phone.PhoneNumbers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A search filter on phone compares the number as a write stores it (E.164 digits), read in the default region. */
class ContactFiltersPhoneTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PhoneNumbers us = new PhoneNumbers("US");

    @Test
    void aWholeNumberIsComparedOnTheDigitsOfItsE164Form() {
        assertEquals("18888888888", valueOf("eq", "(888) 888-8888"));
        assertEquals("18888888888", valueOf("not_eq", "888.888.8888"));
        assertEquals("18888888888", valueOf("eq", "+1 888 888 8888"));
        assertEquals("442079460000", valueOf("eq", "+44 20 7946 0000"));
    }

    @Test
    void theDefaultRegionDecidesWhereANumberWithoutCountryCodeIsRead() {
        assertEquals("442079460000", valueOf(new PhoneNumbers("GB"), "eq", "020 7946 0000"));
    }

    @Test
    void aNumberThatIsNotValidIsComparedOnTheDigitsGiven() {
        // Such a number cannot be written now, but one stored as typed before E.164 may have these digits.
        assertEquals("12345", valueOf("eq", "12-345"));
    }

    @Test
    void partOfANumberIsComparedAsGiven() {
        assertEquals("8888888", valueOf("contains", "888-8888"));
        assertEquals("8888888888", valueOf("not_contains", "(888) 888-8888"));
    }

    private Object valueOf(String operator, String value) {
        return valueOf(us, operator, value);
    }

    private static Object valueOf(PhoneNumbers phones, String operator, String value) {
        var filter = ContactFilters.parse(List.of(JSON.valueToTree(Map.of("field", "phone", "operator", operator, "value", value))),
                name -> Optional.empty(), phones).orElseThrow();
        return ((Condition) ((Group) filter).filters().get(0)).value();
    }
}
