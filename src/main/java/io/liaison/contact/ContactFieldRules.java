package io.liaison.contact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.error.Problems;
import io.liaison.error.Updates;
import io.liaison.object.ContactFieldService;
import io.liaison.object.ObjectField;
import io.liaison.phone.PhoneNumbers;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Contact field normalisation: the properties a contact write sets, from the request's fields, checked.
 * Plain Java (the location's custom field definitions are given to it), so its rules are tested without
 * the service (ContactFieldRulesTest). Every problem is collected before it fails: one 422 lists them all.
 *
 * <p>Fields follow the update convention of {@link Updates} (docs/design/README.md): one left out is absent
 * from the answer, so the contact keeps it; one sent empty maps to null, which clears it (Neo4j's
 * {@code SET +=} removes a property whose value is null).
 */
final class ContactFieldRules {

    static final int MAX_CUSTOM_FIELD_VALUE = 10_000;
    private static final List<String> GENDERS = List.of("male", "female", "other");
    private static final List<String> TYPES = List.of("lead", "customer");
    private static final List<DateTimeFormatter> BIRTH_DATE_FORMATS = Stream.of(
            "uuuu-MM-dd", "uuuu/MM/dd", "uuuu.MM.dd", "uuuu_MM_dd", "MM/dd/uuuu", "MM-dd-uuuu", "MM.dd.uuuu", "MM_dd_uuuu")
            // STRICT: 2021-02-31 is refused rather than silently becoming 2021-02-28.
            .map(pattern -> DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT)).toList();

    /** How a value for a defined custom field is checked and converted by its type (ContactFieldService.value). */
    @FunctionalInterface
    interface DefinedFieldValue {
        JsonNode of(ObjectField field, JsonNode value, String at, Problems problems);
    }

    private final PhoneNumbers phones;
    private final ObjectMapper json;
    private final DefinedFieldValue definedValue;

    ContactFieldRules(PhoneNumbers phones, ObjectMapper json, DefinedFieldValue definedValue) {
        this.phones = phones;
        this.json = json;
        this.definedValue = definedValue;
    }

    /**
     * The properties the request sets, normalised (see the class comment for fields left out and sent empty).
     * {@code defined} are the location's contact fields: needed only when the request sends custom fields.
     *
     * @throws io.liaison.error.Errors.ValidationFailed listing every field at fault
     */
    Map<String, Object> given(ContactRequest r, List<ObjectField> defined) {
        Map<String, Object> f = new LinkedHashMap<>();
        Problems problems = new Problems();
        Updates.putIfSent(f, "firstName", r.firstName());
        Updates.putIfSent(f, "lastName", r.lastName());
        Updates.putIfSent(f, "name", r.name());
        if (r.email() != null) {
            String email = Updates.text(r.email());
            f.put("email", email);
            f.put("emailLowerCase", email == null ? null : email.toLowerCase(Locale.ROOT));
        }
        phone(f, r.phone(), problems);
        Updates.putIfSent(f, "companyName", r.companyName());
        Updates.putIfSent(f, "address1", r.address1());
        Updates.putIfSent(f, "city", r.city());
        Updates.putIfSent(f, "state", r.state());
        Updates.putIfSent(f, "postalCode", r.postalCode());
        Updates.putIfSent(f, "country", r.country());
        Updates.putIfSent(f, "website", r.website());
        Updates.putIfSent(f, "source", r.source());
        timezone(f, r.timezone(), problems);
        oneOf(f, "gender", r.gender(), GENDERS, problems);
        oneOf(f, "type", r.type(), TYPES, problems);
        Updates.putIfSent(f, "assignedTo", r.assignedTo());
        if (r.dnd() != null) {
            f.put("dnd", r.dnd());
        }
        if (r.dndSettings() != null) {
            f.put("dndSettings", toJson(r.dndSettings()));
        }
        if (r.inboundDndSettings() != null) {
            f.put("inboundDndSettings", toJson(r.inboundDndSettings()));
        }
        if (r.tags() != null) {
            f.put("tags", r.tags().stream().map(String::strip).distinct().toList());
        }
        dateOfBirth(f, r.dateOfBirth(), problems);
        if (r.customFields() != null) {
            customFields(f, r.customFields(), defined, problems);
        }
        problems.throwIfAny();
        return f;
    }

    private void phone(Map<String, Object> f, String sent, Problems problems) {
        if (sent == null) {
            return;
        }
        try {
            String phone = Updates.text(phones.normalize(sent));
            f.put("phone", phone);
            // Duplicates are matched on the digits of the E.164 form, which also are those of a number
            // stored before as typed with its country code (+1 888-555-0100).
            f.put("phoneDigits", PhoneNumbers.digits(phone));
        } catch (PhoneNumbers.InvalidPhoneNumber e) {
            problems.add("phone", e.getMessage());
        }
    }

    private static void timezone(Map<String, Object> f, String sent, Problems problems) {
        if (sent == null) {
            return;
        }
        String zone = Updates.text(sent);
        if (zone != null) {
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                problems.add("timezone", "must be an IANA time zone such as America/Chicago");
            }
        }
        f.put("timezone", zone);
    }

    private static void dateOfBirth(Map<String, Object> f, String sent, Problems problems) {
        if (sent == null) {
            return;
        }
        String raw = Updates.text(sent);
        if (raw == null) {
            f.put("dateOfBirth", null);
            return;
        }
        Optional<LocalDate> date = parseBirthDate(raw);
        if (date.isEmpty()) {
            problems.add("dateOfBirth", "must be a date such as 1990-09-25 or 09/25/1990");
        } else {
            f.put("dateOfBirth", date.get().toString());
        }
    }

    /**
     * A field defined at /locations/{id}/customFields is kept under its id and key, its value checked
     * against its type; a name no field has is kept as given (as before such definitions existed).
     */
    private void customFields(Map<String, Object> f, List<ContactRequest.CustomFieldValue> sent, List<ObjectField> defined,
            Problems problems) {
        List<Contact.CustomField> fields = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            ContactRequest.CustomFieldValue value = sent.get(i);
            if (value == null || (Updates.text(value.id()) == null && Updates.text(value.key()) == null)) {
                problems.add("customFields[" + i + "]", "needs an id or a key");
                continue;
            }
            JsonNode v = value.effectiveValue();
            if (v != null && v.toString().length() > MAX_CUSTOM_FIELD_VALUE) {
                problems.add("customFields[" + i + "].field_value", "must be at most " + MAX_CUSTOM_FIELD_VALUE + " characters of JSON");
                continue;
            }
            var field = ContactFieldService.find(defined, value.id()).or(() -> ContactFieldService.find(defined, value.key()));
            if (field.isPresent()) {
                fields.add(new Contact.CustomField(field.get().id(), field.get().key(),
                        definedValue.of(field.get(), v, "customFields[" + i + "].field_value", problems)));
            } else {
                fields.add(new Contact.CustomField(Updates.text(value.id()), Updates.text(value.key()), v));
            }
        }
        f.put("customFields", toJson(new ArrayList<>(fields)));
        f.putAll(searchableCustomFields(fields));
    }

    /**
     * Each custom field's values as search compares them, under its id and under its key: filters
     * name a custom field either way ({@code customFields.<id or key>}).
     */
    private static Map<String, Object> searchableCustomFields(List<Contact.CustomField> fields) {
        Map<String, Object> searchable = new HashMap<>();
        for (Contact.CustomField field : fields) {
            JsonNode v = field.value();
            if (v == null || v.isNull() || v.isObject()) {
                continue; // nothing to compare (a file upload's metadata is not searched)
            }
            List<String> tokens = new ArrayList<>();
            (v.isArray() ? v : List.of(v)).forEach(item -> {
                if (item.isValueNode() && !item.isNull()) {
                    tokens.add(ContactFilters.customFieldToken(item));
                }
            });
            Optional<Double> number = v.isArray() ? Optional.empty() : ContactFilters.customFieldNumber(v);
            for (String name : Stream.of(field.id(), field.key()).filter(n -> n != null).toList()) {
                if (!tokens.isEmpty()) {
                    searchable.put(ContactFieldService.customFieldValuesProperty(name), List.copyOf(tokens));
                }
                number.ifPresent(n -> searchable.put(ContactFieldService.customFieldNumberProperty(name), n));
            }
        }
        return searchable;
    }

    private static void oneOf(Map<String, Object> f, String key, String value, List<String> allowed, Problems problems) {
        if (value == null) {
            return;
        }
        String v = Updates.text(value);
        if (v != null && !allowed.contains(v.toLowerCase(Locale.ROOT))) {
            problems.add(key, "must be one of " + String.join(", ", allowed));
            return;
        }
        f.put(key, v == null ? null : v.toLowerCase(Locale.ROOT));
    }

    static Optional<LocalDate> parseBirthDate(String raw) {
        for (DateTimeFormatter format : BIRTH_DATE_FORMATS) {
            try {
                return Optional.of(LocalDate.parse(raw, format));
            } catch (DateTimeParseException ignored) {
                // try the next format
            }
        }
        return Optional.empty();
    }

    /** Nested settings (dndSettings) and custom fields are kept as JSON text: Neo4j properties cannot hold maps. */
    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
