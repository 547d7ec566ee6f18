package io.liaison.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import io.liaison.config.LiaisonConfig;
import io.quarkus.runtime.Startup;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Locale;

/**
 * What Liaison takes as a phone number, wherever one is written (contacts, businesses, PHONE fields): a
 * number libphonenumber finds valid, read in {@code liaison.phone.default-region} when written without its
 * +country code, and stored in E.164 ({@code +18885550100}) as HighLevel stores it. Duplicates are matched
 * on the digits of what is stored; numbers stored before this rule keep the form they were typed in.
 */
@Singleton
@Startup // made at start, so an unknown default region stops the start rather than a first write
public class PhoneNumbers {
    /** libphonenumber's "unknown region": a number must then carry its +country code. */
    static final String NO_DEFAULT_REGION = "ZZ";
    /** How much of a refused input a message repeats. */
    private static final int MAX_QUOTED = 40;

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private final String defaultRegion;

    @Inject
    public PhoneNumbers(LiaisonConfig config) {
        this(config.phone().defaultRegion());
    }

    public PhoneNumbers(String defaultRegion) {
        String region = defaultRegion == null ? "" : defaultRegion.strip().toUpperCase(Locale.ROOT);
        if (!region.equals(NO_DEFAULT_REGION) && !UTIL.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("liaison.phone.default-region must be a region libphonenumber knows, "
                    + "two letters such as US or GB (or ZZ for none), not '" + defaultRegion + "'");
        }
        this.defaultRegion = region;
    }

    /**
     * The number in E.164; null when {@code raw} is null (the field was left out) and "" when it is blank
     * (the field is cleared on update).
     *
     * @throws InvalidPhoneNumber when it is no valid number, or has an extension (E.164 has no place for one)
     */
    public String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return raw == null ? null : "";
        }
        String typed = raw.strip();
        PhoneNumber number = parse(typed);
        if (!UTIL.isValidNumber(number) && !typed.startsWith("+") && typed.matches("[0-9]+")) {
            // Digits alone that are no number of the default region are often an international number
            // without its "+" (15550100..., 4420...): take it when it reads as one.
            try {
                PhoneNumber international = UTIL.parse("+" + typed, NO_DEFAULT_REGION);
                if (UTIL.isValidNumber(international)) {
                    number = international;
                }
            } catch (NumberParseException e) {
                // not one either: refused below as a number of the default region
            }
        }
        if (!UTIL.isValidNumber(number)) {
            String region = UTIL.getRegionCodeForCountryCode(number.getCountryCode());
            throw new InvalidPhoneNumber(quoted(typed) + " is not a number in use in "
                    + (NO_DEFAULT_REGION.equals(region) ? "country code +" + number.getCountryCode() : "region " + region));
        }
        if (number.hasExtension()) {
            throw new InvalidPhoneNumber(quoted(typed) + " has an extension, which E.164 cannot hold");
        }
        return UTIL.format(number, PhoneNumberFormat.E164);
    }

    /** The digits duplicates are matched on, of a number as stored (E.164 or, from before, as typed); null when none. */
    public static String digits(String stored) {
        String digits = stored == null ? "" : stored.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? null : digits;
    }

    private PhoneNumber parse(String typed) {
        try {
            return UTIL.parse(typed, defaultRegion);
        } catch (NumberParseException e) {
            throw new InvalidPhoneNumber(quoted(typed) + switch (e.getErrorType()) {
                case INVALID_COUNTRY_CODE -> typed.startsWith("+") ? " has no known country code"
                        : " has no +country code (no default region is set)";
                case TOO_SHORT_NSN, TOO_SHORT_AFTER_IDD -> " is too short";
                case TOO_LONG -> " is too long";
                case NOT_A_NUMBER -> " is not a phone number";
            });
        }
    }

    private static String quoted(String typed) {
        return "'" + (typed.length() > MAX_QUOTED ? typed.substring(0, MAX_QUOTED) + "..." : typed) + "'";
    }

    /** A number that cannot be stored; the message completes "{field} ...". */
    public static final class InvalidPhoneNumber extends IllegalArgumentException {
        InvalidPhoneNumber(String reason) {
            super("must be a valid phone number: " + reason);
        }
    }
}
