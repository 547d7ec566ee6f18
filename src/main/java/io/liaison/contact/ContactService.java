package io.liaison.contact;

import com.fasterxml.jackson.databind.JsonNode;
import io.liaison.phone.PhoneNumbers;
import io.liaison.error.Errors;
import io.liaison.error.Updates;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.Timestamps;
import io.liaison.neo4j.Neo4jErrors;
import io.liaison.neo4j.SearchWindow;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
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
import java.util.function.Function;
import java.util.stream.Stream;
import org.neo4j.driver.exceptions.ClientException;

/** The rules of contacts: normalisation, derived fields, duplicates by email and phone, paging. */
@ApplicationScoped
public class ContactService {

    private static final int MAX_CUSTOM_FIELD_VALUE = 10_000;
    /** A contact's tags, however they are written (create, update, add). */
    public static final int MAX_TAGS = 100;
    public static final int MAX_TAG_LENGTH = 128;
    private static final List<String> GENDERS = List.of("male", "female", "other");
    private static final List<String> TYPES = List.of("lead", "customer");
    private static final List<DateTimeFormatter> BIRTH_DATE_FORMATS = Stream.of(
            "uuuu-MM-dd", "uuuu/MM/dd", "uuuu.MM.dd", "uuuu_MM_dd", "MM/dd/uuuu", "MM-dd-uuuu", "MM.dd.uuuu", "MM_dd_uuuu")
            // STRICT: 2021-02-31 is refused rather than silently becoming 2021-02-28.
            .map(pattern -> DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT)).toList();

    private final ContactRepository repository;
    private final io.liaison.object.ContactFieldService customFields;
    private final ContactBusinessService business;
    private final PhoneNumbers phones;

    public ContactService(ContactRepository repository, io.liaison.object.ContactFieldService customFields,
            ContactBusinessService business, PhoneNumbers phones) {
        this.repository = repository;
        this.customFields = customFields;
        this.business = business;
        this.phones = phones;
    }

    /**
     * A businessId is checked before the contact is written and linked after (see {@link ContactBusinessService}),
     * so a wrong one writes nothing.
     */
    public Contact create(String locationId, ContactRequest request) {
        refuseUpsertOnlyField(request);
        business.requireBusiness(locationId, request.businessId());
        Map<String, Object> properties = newContactProperties(locationId, request);
        try {
            Contact created = repository.create(properties).withoutCursor();
            // A contact just created has no links: without a businessId to link, it has no business to look up.
            return request.businessId() == null ? created : linked(locationId, created, request.businessId());
        } catch (ClientException e) {
            throw duplicateOrRethrow(e, locationId, properties);
        }
    }

    public Contact get(String locationId, String id) {
        return find(locationId, id).orElseThrow(() -> new Errors.NotFound("Contact", id));
    }

    public Optional<Contact> find(String locationId, String id) {
        return Ids.looksLikeId(id) ? repository.find(locationId, id).map(Contact::withoutCursor) : Optional.empty();
    }

    public Contact update(String locationId, String id, ContactRequest request) {
        if (!Ids.looksLikeId(id)) {
            throw new Errors.NotFound("Contact", id);
        }
        refuseUpsertOnlyField(request);
        business.requireBusiness(locationId, request.businessId());
        Map<String, Object> given = givenFields(locationId, request);
        try {
            return linked(locationId, repository.update(locationId, id, current -> changes(current, given))
                    .orElseThrow(() -> new Errors.NotFound("Contact", id)).withoutCursor(), request.businessId());
        } catch (ClientException e) {
            throw duplicateOrRethrow(e, locationId, given);
        }
    }

    /** The contact written, linked to the businessId it was given (if any), with the business it has. */
    private Contact linked(String locationId, Contact contact, String businessId) {
        if (businessId != null) {
            business.setBusiness(locationId, contact.id(), businessId);
        }
        return business.withBusiness(locationId, contact);
    }

    public record Upserted(Contact contact, boolean created) {
    }

    /** Matches on email, then phone (HighLevel's duplicate rule); creates when neither matches. */
    public Upserted upsert(String locationId, ContactRequest request) {
        business.requireBusiness(locationId, request.businessId());
        Map<String, Object> given = givenFields(locationId, request);
        String email = (String) given.get("emailLowerCase");
        String phone = (String) given.get("phoneDigits");
        // A concurrent upsert of the same person may create it between our match and our create; the
        // uniqueness constraint then refuses ours, and the second attempt matches theirs.
        for (int attempt = 1; ; attempt++) {
            try {
                var result = repository.upsert(locationId, email, phone, current -> changes(current, given),
                        newContactProperties(locationId, request));
                return new Upserted(linked(locationId, result.contact().withoutCursor(), request.businessId()), result.created());
            } catch (ClientException e) {
                if (attempt >= 3 || !Neo4jErrors.isConstraintViolation(e)) {
                    throw duplicateOrRethrow(e, locationId, given);
                }
            }
        }
    }

    public boolean delete(String locationId, String id) {
        if (!Ids.looksLikeId(id) || repository.delete(locationId, id).isEmpty()) {
            throw new Errors.NotFound("Contact", id);
        }
        return true;
    }

    public ContactRepository.Page list(String locationId, String query, String startAfterId, Long startAfter, Integer limit) {
        int size = SearchWindow.pageSize(limit, "limit");
        ZonedDateTime afterDate = null;
        String afterId = null;
        if (startAfterId != null && !startAfterId.isBlank()) {
            Contact anchor = find(locationId, startAfterId).orElseThrow(
                    () -> Errors.ValidationFailed.of("startAfterId", "is not a contact of this location"));
            afterDate = ZonedDateTime.parse(anchor.dateAdded());
            afterId = anchor.id();
        } else if (startAfter != null) {
            // Without an id the cursor is a time alone: continue strictly after it.
            afterDate = ZonedDateTime.ofInstant(Instant.ofEpochMilli(startAfter), ZoneOffset.UTC);
        }
        return withBusinesses(locationId, stripCursors(repository.list(locationId, searchText(query), afterDate, afterId, size)));
    }

    /** HighLevel's advanced search; see {@link ContactFilters} for what it runs and refuses. */
    public ContactRepository.Page search(String locationId, ContactSearchRequest request) {
        var filter = ContactFilters.parse(request.filters(), customFieldNames(locationId), phones);
        List<ContactQuery.Sort> sort = ContactFilters.sort(request.sort());
        boolean hasCursor = request.searchAfter() != null && !request.searchAfter().isEmpty();
        if (hasCursor && request.page() != null) {
            throw Errors.ValidationFailed.of("page", "must be left out when searchAfter is given");
        }
        // The window checks page and pageLimit; the cursor's shape depends on the sort, so it is read here.
        SearchWindow window = SearchWindow.of(request.page(), request.pageLimit(), null, "", SearchWindow.MAX_CONTACT_SEARCH_PAGE);
        Optional<List<Object>> after = hasCursor ? Optional.of(ContactFilters.cursor(request.searchAfter(), sort)) : Optional.empty();
        return withBusinesses(locationId, repository.search(locationId, new ContactQuery(searchText(request.query()), filter, sort, after,
                window.skip(), window.size())));
    }

    /**
     * Where search finds a custom field a filter names: a defined field by its id, key or {@code contact.<key>}
     * (the form the field API answers), under its key, which every value written for it is kept under; else a
     * name some contact of the location holds a value under (values are kept under the names given, whether
     * or not a field defines them). Anything else is unknown.
     */
    private Function<String, Optional<String>> customFieldNames(String locationId) {
        List<io.liaison.object.ObjectField> defined = new ArrayList<>();
        boolean[] read = {false};
        return name -> {
            if (!read[0]) {
                defined.addAll(customFields.all(locationId));
                read[0] = true;
            }
            return io.liaison.object.ContactFieldService.find(defined, name).map(io.liaison.object.ObjectField::key)
                    .or(() -> repository.holdsCustomField(locationId, name) ? Optional.of(name) : Optional.empty());
        };
    }

    /** HighLevel's duplicate lookup: the contact with this email, else the one with this phone number. */
    public Optional<Contact> findDuplicate(String locationId, String email, String number) {
        String byEmail = email == null || email.isBlank() ? null : email.strip().toLowerCase(Locale.ROOT);
        String typedDigits = PhoneNumbers.digits(number);
        if (byEmail == null && typedDigits == null) {
            throw Errors.ValidationFailed.of("email", "or number should be given");
        }
        String storedDigits;
        try {
            storedDigits = PhoneNumbers.digits(phones.normalize(number));
        } catch (PhoneNumbers.InvalidPhoneNumber e) {
            storedDigits = null; // no number a write would store, but one stored as typed before E.164 may have these digits
        }
        String e164Digits = storedDigits;
        // The number as it is stored now (E.164), else as a contact written before E.164 may hold it (as typed).
        return (byEmail == null ? Optional.<Contact>empty() : repository.findByEmail(locationId, byEmail))
                .or(() -> e164Digits == null ? Optional.empty() : repository.findByPhone(locationId, e164Digits))
                .or(() -> typedDigits == null || typedDigits.equals(e164Digits) ? Optional.empty()
                        : repository.findByPhone(locationId, typedDigits))
                .map(c -> business.withBusiness(locationId, c.withoutCursor()));
    }

    /**
     * Adds tags (those it has already are kept once). The count is checked under the contact's lock,
     * so concurrent additions never take a contact past {@link #MAX_TAGS}.
     */
    public List<String> addTags(String locationId, String id, List<String> tags) {
        List<String> adding = normalisedTags(tags);
        return changeTags(locationId, id, current -> withTagsAdded(id, current, adding));
    }

    public List<String> removeTags(String locationId, String id, List<String> tags) {
        List<String> removing = normalisedTags(tags);
        return changeTags(locationId, id, current -> withTagsRemoved(current, removing));
    }

    /** The tags with these added, those there already kept once; refused past {@link #MAX_TAGS}. */
    static List<String> withTagsAdded(String id, List<String> current, List<String> adding) {
        List<String> next = Stream.concat(current.stream(), adding.stream()).distinct().toList();
        if (next.size() > MAX_TAGS) {
            throw new Errors.LimitExceeded("tagsPerContact", MAX_TAGS, current.size(), "Contact " + id + " has "
                    + current.size() + " tags; adding these would make " + next.size() + ", and a contact has at most " + MAX_TAGS,
                    Map.of("contactId", id));
        }
        return next;
    }

    static List<String> withTagsRemoved(List<String> current, List<String> removing) {
        return current.stream().filter(t -> !removing.contains(t)).toList();
    }

    /** The tags a contact's properties hold. */
    @SuppressWarnings("unchecked")
    static List<String> tagsOf(Map<String, Object> properties) {
        return properties.get("tags") instanceof List<?> list ? (List<String>) list : List.of();
    }

    /** What an update writes for a contact whose tags become {@code tags}. */
    Map<String, Object> tagChanges(Map<String, Object> current, List<String> tags) {
        Map<String, Object> given = new HashMap<>();
        given.put("tags", tags);
        return changes(current, given);
    }

    private List<String> changeTags(String locationId, String id, Function<List<String>, List<String>> change) {
        if (!Ids.looksLikeId(id)) {
            throw new Errors.NotFound("Contact", id);
        }
        return repository.update(locationId, id, current -> tagChanges(current, change.apply(tagsOf(current))))
                .orElseThrow(() -> new Errors.NotFound("Contact", id)).tags();
    }

    static List<String> normalisedTags(List<String> tags) {
        if (tags == null || tags.isEmpty()) {
            throw Errors.ValidationFailed.of("tags", "should not be empty");
        }
        return tags.stream().map(String::strip).distinct().toList();
    }

    private static void refuseUpsertOnlyField(ContactRequest request) {
        if (request.createNewIfDuplicateAllowed() != null) {
            throw Errors.ValidationFailed.of("createNewIfDuplicateAllowed", "is a field of POST /contacts/upsert only");
        }
    }

    private ContactRepository.Page withBusinesses(String locationId, ContactRepository.Page page) {
        return new ContactRepository.Page(business.withBusinesses(locationId, page.contacts()), page.total());
    }

    private static ContactRepository.Page stripCursors(ContactRepository.Page page) {
        return new ContactRepository.Page(page.contacts().stream().map(Contact::withoutCursor).toList(), page.total());
    }


    private static String searchText(String query) {
        if (query == null || query.isBlank()) {
            return null;
        }
        if (query.length() > 200) {
            throw Errors.ValidationFailed.of("query", "must be at most 200 characters");
        }
        return query.strip().toLowerCase(Locale.ROOT);
    }

    Map<String, Object> newContactProperties(String locationId, ContactRequest request) {
        Map<String, Object> given = givenFields(locationId, request);
        ZonedDateTime now = Timestamps.now();
        Map<String, Object> properties = new HashMap<>(given);
        properties.values().removeIf(v -> v == null);
        properties.put("id", Ids.newId());
        properties.put("locationId", locationId);
        properties.put("objectKey", io.liaison.object.ObjectType.CONTACT_KEY);
        properties.put("dateAdded", now);
        properties.put("dateUpdated", now);
        properties.putAll(derived(properties));
        return properties;
    }

    /** What an update writes: the given fields, recomputed derived fields, and the update time. */
    Map<String, Object> changes(Map<String, Object> current, Map<String, Object> given) {
        Map<String, Object> merged = new HashMap<>(current);
        merged.putAll(given);
        merged.values().removeIf(v -> v == null);
        if (!given.containsKey("name") && (given.containsKey("firstName") || given.containsKey("lastName"))) {
            merged.remove("name");
        }
        Map<String, Object> changes = new HashMap<>(given);
        if (given.containsKey("customFields")) {
            // The new list replaces the old one: values of fields it leaves out are no longer searchable.
            current.keySet().stream().filter(ContactRepository::isCustomFieldProperty).filter(k -> !given.containsKey(k))
                    .forEach(k -> changes.put(k, null));
        }
        changes.putAll(derived(merged));
        changes.put("dateUpdated", Timestamps.now());
        return changes;
    }

    /** Fields computed from others, kept in one place: the display name, search text and caption. */
    private static Map<String, Object> derived(Map<String, Object> p) {
        Map<String, Object> derived = new HashMap<>();
        String name = (String) p.get("name");
        if (name == null) {
            String full = (nullToEmpty(p.get("firstName")) + " " + nullToEmpty(p.get("lastName"))).strip();
            name = full.isEmpty() ? null : full;
            derived.put("name", name);
        }
        derived.put("firstNameLowerCase", lower(p.get("firstName")));
        derived.put("lastNameLowerCase", lower(p.get("lastName")));
        derived.put("fullNameLowerCase", lower(name));
        String display = Stream.of(name, (String) p.get("email"), (String) p.get("phone"), (String) p.get("id"))
                .filter(s -> s != null && !s.isBlank()).findFirst().orElse(null);
        // "displayName" is what Neo4j Browser and the graph endpoints show for every kind of record.
        derived.put("displayName", display);
        derived.put("searchText", Stream.of(name, (String) p.get("email"), (String) p.get("phone"), (String) p.get("companyName"),
                (String) p.get("phoneDigits")).filter(s -> s != null).reduce("", (a, b) -> a + " " + b).strip().toLowerCase(Locale.ROOT));
        return derived;
    }

    /**
     * The fields the request sets, normalised. A null value means "clear" (the client sent ""), an
     * absent key means "keep"; Neo4j's SET += removes a property whose value is null.
     */
    Map<String, Object> givenFields(String locationId, ContactRequest r) {
        Map<String, Object> f = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Updates.putIfSent(f, "firstName", r.firstName());
        Updates.putIfSent(f, "lastName", r.lastName());
        Updates.putIfSent(f, "name", r.name());
        if (r.email() != null) {
            String email = Updates.text(r.email());
            f.put("email", email);
            f.put("emailLowerCase", email == null ? null : email.toLowerCase(Locale.ROOT));
        }
        if (r.phone() != null) {
            try {
                String phone = Updates.text(phones.normalize(r.phone()));
                f.put("phone", phone);
                // Duplicates are matched on the digits of the E.164 form, which also are those of a number
                // stored before as typed with its country code (+1 888-555-0100).
                f.put("phoneDigits", PhoneNumbers.digits(phone));
            } catch (PhoneNumbers.InvalidPhoneNumber e) {
                problems.add("phone " + e.getMessage());
            }
        }
        Updates.putIfSent(f, "companyName", r.companyName());
        Updates.putIfSent(f, "address1", r.address1());
        Updates.putIfSent(f, "city", r.city());
        Updates.putIfSent(f, "state", r.state());
        Updates.putIfSent(f, "postalCode", r.postalCode());
        Updates.putIfSent(f, "country", r.country());
        Updates.putIfSent(f, "website", r.website());
        Updates.putIfSent(f, "source", r.source());
        if (r.timezone() != null) {
            String zone = Updates.text(r.timezone());
            if (zone != null) {
                try {
                    ZoneId.of(zone);
                } catch (DateTimeException e) {
                    problems.add("timezone must be an IANA time zone such as America/Chicago");
                }
            }
            f.put("timezone", zone);
        }
        oneOf(f, "gender", r.gender(), GENDERS, problems);
        oneOf(f, "type", r.type(), TYPES, problems);
        Updates.putIfSent(f, "assignedTo", r.assignedTo());
        if (r.dnd() != null) {
            f.put("dnd", r.dnd());
        }
        if (r.dndSettings() != null) {
            f.put("dndSettings", repository.toJson(r.dndSettings()));
        }
        if (r.inboundDndSettings() != null) {
            f.put("inboundDndSettings", repository.toJson(r.inboundDndSettings()));
        }
        if (r.tags() != null) {
            f.put("tags", r.tags().stream().map(String::strip).distinct().toList());
        }
        if (r.dateOfBirth() != null) {
            String raw = Updates.text(r.dateOfBirth());
            if (raw == null) {
                f.put("dateOfBirth", null);
            } else {
                Optional<LocalDate> date = parseBirthDate(raw);
                if (date.isEmpty()) {
                    problems.add("dateOfBirth must be a date such as 1990-09-25 or 09/25/1990");
                } else {
                    f.put("dateOfBirth", date.get().toString());
                }
            }
        }
        if (r.customFields() != null) {
            List<Contact.CustomField> fields = new ArrayList<>();
            var defined = r.customFields().isEmpty() ? List.<io.liaison.object.ObjectField>of() : customFields.all(locationId);
            for (int i = 0; i < r.customFields().size(); i++) {
                ContactRequest.CustomFieldValue value = r.customFields().get(i);
                if (value == null || (Updates.text(value.id()) == null && Updates.text(value.key()) == null)) {
                    problems.add("customFields[" + i + "] needs an id or a key");
                    continue;
                }
                JsonNode v = value.effectiveValue();
                if (v != null && v.toString().length() > MAX_CUSTOM_FIELD_VALUE) {
                    problems.add("customFields[" + i + "].field_value must be at most " + MAX_CUSTOM_FIELD_VALUE + " characters of JSON");
                    continue;
                }
                // A field defined at /locations/{id}/customFields is kept under its id and key, its value checked
                // against its type; a name no field has is kept as given (as before such definitions existed).
                var field = io.liaison.object.ContactFieldService.find(defined, value.id())
                        .or(() -> io.liaison.object.ContactFieldService.find(defined, value.key()));
                if (field.isPresent()) {
                    fields.add(new Contact.CustomField(field.get().id(), field.get().key(),
                            customFields.value(field.get(), v, "customFields[" + i + "].field_value", problems)));
                } else {
                    fields.add(new Contact.CustomField(Updates.text(value.id()), Updates.text(value.key()), v));
                }
            }
            f.put("customFields", repository.customFieldsJson(fields));
            f.putAll(searchableCustomFields(fields));
        }
        if (!problems.isEmpty()) {
            throw new Errors.ValidationFailed(problems, problems.get(0).split(" ")[0]);
        }
        return f;
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
                    searchable.put(ContactRepository.customFieldValuesProperty(name), List.copyOf(tokens));
                }
                number.ifPresent(n -> searchable.put(ContactRepository.customFieldNumberProperty(name), n));
            }
        }
        return searchable;
    }

    private static void oneOf(Map<String, Object> f, String key, String value, List<String> allowed, List<String> problems) {
        if (value == null) {
            return;
        }
        String v = Updates.text(value);
        if (v != null && !allowed.contains(v.toLowerCase(Locale.ROOT))) {
            problems.add(key + " must be one of " + String.join(", ", allowed));
            return;
        }
        f.put(key, v == null ? null : v.toLowerCase(Locale.ROOT));
    }

    private RuntimeException duplicateOrRethrow(ClientException e, String locationId, Map<String, Object> fields) {
        if (!Neo4jErrors.isConstraintViolation(e)) {
            return e;
        }
        String email = (String) fields.get("emailLowerCase");
        String phone = (String) fields.get("phoneDigits");
        Optional<Contact> byEmail = email == null ? Optional.empty() : repository.findByEmail(locationId, email);
        if (byEmail.isPresent()) {
            return duplicate(byEmail.get(), "email");
        }
        Optional<Contact> byPhone = phone == null ? Optional.empty() : repository.findByPhone(locationId, phone);
        return byPhone.<RuntimeException>map(c -> duplicate(c, "phone")).orElse(e);
    }

    static Errors.DuplicateContact duplicate(Contact existing, String field) {
        return new Errors.DuplicateContact(existing.id(), existing.name(), field);
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



    private static String lower(Object value) {
        return value == null ? null : value.toString().toLowerCase(Locale.ROOT);
    }

    private static String nullToEmpty(Object value) {
        return value == null ? "" : value.toString();
    }

}
