package io.liaison.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Phone numbers as every write stores them: E.164, read in the default region when written without +country code. */
class PhoneNumbersTest {

    private final PhoneNumbers us = new PhoneNumbers("US");

    private static String refusal(PhoneNumbers phones, String raw) {
        return assertThrows(PhoneNumbers.InvalidPhoneNumber.class, () -> phones.normalize(raw)).getMessage();
    }

    @Nested
    class StoredInE164 {
        @Test
        void anInternationalNumberIsStoredWithoutItsSpacesAndPunctuation() {
            assertEquals("+18888888888", us.normalize("+1 888-888-8888"));
            assertEquals("+18888888888", us.normalize("  +1 (888) 888.8888 "));
            assertEquals("+442079460000", us.normalize("+44 20 7946 0000"));
            assertEquals("+917000000000", us.normalize("+917000000000"));
        }

        @Test
        void aNumberWithoutCountryCodeIsReadInTheDefaultRegion() {
            assertEquals("+18885550100", us.normalize("(888) 555-0100"));
            assertEquals("+442079460000", new PhoneNumbers("GB").normalize("020 7946 0000"));
            assertEquals("+442079460000", new PhoneNumbers("gb").normalize("020 7946 0000"));
        }

        @Test
        void digitsAloneThatAreNoLocalNumberAreReadAsAnInternationalOne() {
            assertEquals("+442079460000", us.normalize("442079460000"));
            assertEquals("+18885550100", us.normalize("18885550100"));
            assertEquals("+18885550100", us.normalize("8885550100"));
        }

        @Test
        void theDefaultRegionsInternationalPrefixIsUnderstood() {
            assertEquals("+442079460000", us.normalize("011 44 20 7946 0000"));
        }
    }

    @Nested
    class LeftOutAndCleared {
        @Test
        void nullStaysNullSoTheFieldIsKept() {
            assertNull(us.normalize(null));
        }

        @Test
        void blankBecomesEmptySoTheFieldIsCleared() {
            assertEquals("", us.normalize(""));
            assertEquals("", us.normalize("   "));
        }
    }

    @Nested
    class Refused {
        @Test
        void textThatIsNoNumber() {
            assertEquals("must be a valid phone number: 'call me' is not a phone number", refusal(us, "call me"));
            assertTrue(refusal(us, "...").startsWith("must be a valid phone number: '...'"));
        }

        @Test
        void aNumberNotInUseInItsRegion() {
            assertEquals("must be a valid phone number: '+1 555 0100' is not a number in use in region US", refusal(us, "+1 555 0100"));
            assertEquals("must be a valid phone number: '+44 20 79' is not a number in use in region GB", refusal(us, "+44 20 79"));
        }

        @Test
        void anUnknownCountryCode() {
            assertEquals("must be a valid phone number: '+999 1234 5678' has no known country code", refusal(us, "+999 1234 5678"));
        }

        @Test
        void anExtensionWhichE164CannotHold() {
            assertEquals("must be a valid phone number: '+1 888 555 0100 ext. 12' has an extension, which E.164 cannot hold",
                    refusal(us, "+1 888 555 0100 ext. 12"));
        }

        @Test
        void aLongInputIsQuotedOnlyInPart() {
            String message = refusal(us, "x".repeat(300));
            assertTrue(message.contains("'" + "x".repeat(40) + "...'"), message);
            assertTrue(message.length() < 120, message);
        }
    }

    @Nested
    class WithoutDefaultRegion {
        private final PhoneNumbers none = new PhoneNumbers("ZZ");

        @Test
        void aNumberMustCarryItsCountryCode() {
            assertEquals("+18885550100", none.normalize("+1 888 555 0100"));
            assertEquals("must be a valid phone number: '(888) 555-0100' has no +country code (no default region is set)",
                    refusal(none, "(888) 555-0100"));
        }
    }

    @Nested
    class Setting {
        @Test
        void anUnknownRegionStopsTheStartWithTheSettingsName() {
            var e = assertThrows(IllegalArgumentException.class, () -> new PhoneNumbers("USA"));
            assertTrue(e.getMessage().startsWith("liaison.phone.default-region must be"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new PhoneNumbers(""));
        }
    }

    @Nested
    class MatchingDigits {
        @Test
        void anE164NumberAndOneStoredAsTypedWithItsCountryCodeHaveTheSameDigits() {
            assertEquals("18888888888", PhoneNumbers.digits(us.normalize("888-888-8888")));
            assertEquals("18888888888", PhoneNumbers.digits("+1 888-888-8888"));
        }

        @Test
        void noDigitsIsNothingToMatch() {
            assertNull(PhoneNumbers.digits(null));
            assertNull(PhoneNumbers.digits(""));
            assertNull(PhoneNumbers.digits("(-)"));
        }
    }
}
