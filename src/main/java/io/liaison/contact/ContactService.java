package io.liaison.contact;

import io.liaison.object.ContactFieldService;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.association.RelationRepository;
import io.liaison.event.EventOutbox;
import io.liaison.event.EventType;
import io.liaison.object.ObjectType;
import io.liaison.phone.PhoneNumbers;
import io.liaison.error.Errors;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.Timestamps;
import io.liaison.neo4j.Neo4jErrors;
import io.liaison.neo4j.SearchWindow;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.types.Node;

/**
 * The rules of contacts: normalisation, derived fields, duplicates by email and phone, paging. A write
 * opens its one transaction here and runs the repository's single statements in it, the rules in
 * between (as AssociationService does); the contact's event is recorded in the same transaction.
 */
@ApplicationScoped
public class ContactService {

    /** A contact's tags, however they are written (create, update, add). */
    public static final int MAX_TAGS = 100;
    public static final int MAX_TAG_LENGTH = 128;

    private final GraphDatabase db;
    private final Locks locks;
    private final EventOutbox outbox;
    private final ContactRepository repository;
    private final RelationRepository relations;
    private final io.liaison.object.ContactFieldService customFields;
    private final ContactBusinessService business;
    private final PhoneNumbers phones;
    private final ContactFieldRules fieldRules;

    public ContactService(GraphDatabase db, Locks locks, EventOutbox outbox, ContactRepository repository, RelationRepository relations,
            io.liaison.object.ContactFieldService customFields, ContactBusinessService business, PhoneNumbers phones, ObjectMapper json) {
        this.db = db;
        this.locks = locks;
        this.outbox = outbox;
        this.repository = repository;
        this.relations = relations;
        this.customFields = customFields;
        this.business = business;
        this.phones = phones;
        this.fieldRules = new ContactFieldRules(phones, json, customFields::value);
    }

    /**
     * A businessId is written with the contact, in its transaction (see {@link ContactBusinessService}): a
     * wrong one, or a link the rules refuse, writes nothing.
     */
    public Contact create(String locationId, ContactRequest request) {
        refuseUpsertOnlyField(request);
        Map<String, Object> properties = newContactProperties(locationId, givenFields(locationId, request));
        try {
            ContactBusinessService.Written written = db.write(tx -> {
                Optional<ContactBusinessService.BusinessChange> change = business.prepare(tx, locationId, null, request.businessId());
                return business.applied(tx, locationId, created(tx, properties), change, true);
            });
            business.committed(written);
            return written.contact().withoutCursor();
        } catch (ClientException e) {
            throw duplicateOrRethrow(e, locationId, properties);
        }
    }

    public Contact get(String locationId, String id) {
        return find(locationId, id).orElseThrow(() -> new Errors.NotFound("Contact", id));
    }

    public Optional<Contact> find(String locationId, String id) {
        return Ids.looksLikeId(id) ? db.read(tx -> repository.find(tx, locationId, id)).map(Contact::withoutCursor) : Optional.empty();
    }

    public Contact update(String locationId, String id, ContactRequest request) {
        if (!Ids.looksLikeId(id)) {
            throw new Errors.NotFound("Contact", id);
        }
        refuseUpsertOnlyField(request);
        Map<String, Object> given = givenFields(locationId, request);
        try {
            ContactBusinessService.Written written = db.write(tx -> {
                // The business's locks come first (the order of Locks); the contact's is then one this transaction holds.
                Optional<ContactBusinessService.BusinessChange> change = business.prepare(tx, locationId, id, request.businessId());
                // Read under the contact's write lock and changed from what it holds now: concurrent updates cannot lose each other's fields.
                Map<String, Object> current = locks.recordForChange(tx, locationId, ObjectType.CONTACT_KEY, id).map(Node::asMap)
                        .orElseThrow(() -> new Errors.NotFound("Contact", id));
                return business.applied(tx, locationId, updated(tx, locationId, id, changes(current, given)), change, false);
            });
            business.committed(written);
            return written.contact().withoutCursor();
        } catch (ClientException e) {
            throw duplicateOrRethrow(e, locationId, given);
        }
    }

    public record Upserted(Contact contact, boolean created) {
    }

    /** An upsert's contact as its transaction wrote it, with its business, and whether it was created. */
    private record UpsertWritten(ContactBusinessService.Written written, boolean created) {
    }

    /** Matches on email, then phone (HighLevel's duplicate rule); creates when neither matches. */
    public Upserted upsert(String locationId, ContactRequest request) {
        Map<String, Object> given = givenFields(locationId, request);
        String email = (String) given.get("emailLowerCase");
        String phone = (String) given.get("phoneDigits");
        // A concurrent upsert of the same person may create it between our match and our create; the
        // uniqueness constraint then refuses ours, and the second attempt matches theirs.
        for (int attempt = 1; ; attempt++) {
            try {
                Map<String, Object> newProperties = newContactProperties(locationId, given);
                UpsertWritten result = db.write(tx -> upsertIn(tx, locationId, email, phone, given, newProperties, request.businessId()));
                business.committed(result.written());
                return new Upserted(result.written().contact().withoutCursor(), result.created());
            } catch (ClientException e) {
                if (attempt >= 3 || !Neo4jErrors.isConstraintViolation(e)) {
                    throw duplicateOrRethrow(e, locationId, given);
                }
            }
        }
    }

    /**
     * In one transaction: the contact with this email, else with this phone, is updated; otherwise one is
     * created; with the businessId given, as {@link #create} and {@link #update} write it.
     */
    private UpsertWritten upsertIn(TransactionContext tx, String locationId, String email, String phone, Map<String, Object> given,
            Map<String, Object> newProperties, String businessId) {
        Optional<Map<String, Object>> existing = repository.byEmail(tx, locationId, email).or(() -> repository.byPhone(tx, locationId, phone));
        Optional<String> id = existing.map(found -> (String) found.get("id"));
        Optional<ContactBusinessService.BusinessChange> change = business.prepare(tx, locationId, id.orElse(null), businessId);
        Contact written = id.isPresent() ? updated(tx, locationId, id.get(), changes(existing.get(), given)) : created(tx, newProperties);
        return new UpsertWritten(business.applied(tx, locationId, written, change, id.isEmpty()), id.isEmpty());
    }

    public boolean delete(String locationId, String id) {
        if (!Ids.looksLikeId(id) || db.write(tx -> deleteIn(tx, locationId, id)).isEmpty()) {
            throw new Errors.NotFound("Contact", id);
        }
        return true;
    }

    /**
     * Answers the number of links the contact had; empty when there was no such contact. Each link
     * gets its RelationDelete, then the contact its ContactDelete, in the same transaction.
     */
    private Optional<Long> deleteIn(TransactionContext tx, String locationId, String id) {
        // Read under the lock, so the ContactDelete event carries the contact exactly as it was deleted.
        Optional<Contact> deleted = locks.recordForChange(tx, locationId, ObjectType.CONTACT_KEY, id).map(repository::toContact);
        if (deleted.isEmpty()) {
            return Optional.empty();
        }
        relations.recordLinksRemovedWith(tx, locationId, List.of(id));
        recorded(tx, EventType.ContactDelete, deleted.get());
        return repository.delete(tx, locationId, id);
    }

    /** A new contact with its ContactCreate, in the caller's transaction. */
    private Contact created(TransactionContext tx, Map<String, Object> properties) {
        return recorded(tx, EventType.ContactCreate, repository.create(tx, properties));
    }

    /** A contact's create as {@link #create} runs it (the contact and its ContactCreate), in the caller's transaction. */
    void rehearseCreate(TransactionContext tx, String locationId) {
        created(tx, newContactProperties(locationId, Map.of("firstName", "Plan", "lastName", "Warm-up",
                "email", "plan@warm-up.invalid", "emailLowerCase", "plan@warm-up.invalid")));
    }

    /** The changes written to a contact with its ContactUpdate, in the caller's transaction. */
    Contact updated(TransactionContext tx, String locationId, String id, Map<String, Object> changes) {
        return recorded(tx, EventType.ContactUpdate, repository.update(tx, locationId, id, changes));
    }

    /** The contact's HighLevel event, in the transaction that changed it. */
    private Contact recorded(TransactionContext tx, EventType type, Contact contact) {
        outbox.record(tx, contact.locationId(), type, ContactEvents.of(contact));
        return contact;
    }

    /** One read transaction: the anchor of the cursor, the page, the total and the page's businesses. */
    public ContactRepository.Page list(String locationId, String query, String startAfterId, Long startAfter, Integer limit) {
        int size = SearchWindow.pageSize(limit, "limit");
        return db.read(tx -> {
            ZonedDateTime afterDate = null;
            String afterId = null;
            if (startAfterId != null && !startAfterId.isBlank()) {
                Contact anchor = (Ids.looksLikeId(startAfterId) ? repository.find(tx, locationId, startAfterId) : Optional.<Contact>empty())
                        .orElseThrow(() -> Errors.ValidationFailed.of("startAfterId", "is not a contact of this location"));
                afterDate = ZonedDateTime.parse(anchor.dateAdded());
                afterId = anchor.id();
            } else if (startAfter != null) {
                // Without an id the cursor is a time alone: continue strictly after it.
                afterDate = ZonedDateTime.ofInstant(Instant.ofEpochMilli(startAfter), ZoneOffset.UTC);
            }
            String text = searchText(query);
            List<Contact> page = repository.list(tx, locationId, text, afterDate, afterId, size).stream().map(Contact::withoutCursor).toList();
            return new ContactRepository.Page(business.withBusinesses(tx, locationId, page), repository.count(tx, locationId, text));
        });
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
        ContactQuery query = new ContactQuery(searchText(request.query()), filter, sort, after, window.skip(), window.size());
        // The page, its total and its businesses in one read transaction: one snapshot.
        return db.read(tx -> new ContactRepository.Page(business.withBusinesses(tx, locationId, repository.search(tx, locationId, query)),
                repository.searchTotal(tx, locationId, query)));
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
                    .or(() -> db.read(tx -> repository.holdsCustomField(tx, locationId, name)) ? Optional.of(name) : Optional.empty());
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
        return db.read(tx -> (byEmail == null ? Optional.<Contact>empty() : repository.findByEmail(tx, locationId, byEmail))
                .or(() -> e164Digits == null ? Optional.empty() : repository.findByPhone(tx, locationId, e164Digits))
                .or(() -> typedDigits == null || typedDigits.equals(e164Digits) ? Optional.empty()
                        : repository.findByPhone(tx, locationId, typedDigits))
                .map(c -> business.withBusinesses(tx, locationId, List.of(c.withoutCursor())).get(0)));
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
    static Map<String, Object> tagChanges(Map<String, Object> current, List<String> tags) {
        Map<String, Object> given = new HashMap<>();
        given.put("tags", tags);
        return changes(current, given);
    }

    private List<String> changeTags(String locationId, String id, Function<List<String>, List<String>> change) {
        if (!Ids.looksLikeId(id)) {
            throw new Errors.NotFound("Contact", id);
        }
        // Under the contact's write lock: concurrent changes of its tags each see the other's.
        return db.write(tx -> locks.recordForChange(tx, locationId, ObjectType.CONTACT_KEY, id).map(Node::asMap)
                        .map(current -> updated(tx, locationId, id, tagChanges(current, change.apply(tagsOf(current))))))
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



    private static String searchText(String query) {
        if (query == null || query.isBlank()) {
            return null;
        }
        if (query.length() > 200) {
            throw Errors.ValidationFailed.of("query", "must be at most 200 characters");
        }
        return query.strip().toLowerCase(Locale.ROOT);
    }

    /** A new contact's properties: the given fields (normalised by {@link #givenFields}), its id, times and derived fields. */
    static Map<String, Object> newContactProperties(String locationId, Map<String, Object> given) {
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
    static Map<String, Object> changes(Map<String, Object> current, Map<String, Object> given) {
        Map<String, Object> merged = new HashMap<>(current);
        merged.putAll(given);
        merged.values().removeIf(v -> v == null);
        if (!given.containsKey("name") && (given.containsKey("firstName") || given.containsKey("lastName"))) {
            merged.remove("name");
        }
        Map<String, Object> changes = new HashMap<>(given);
        if (given.containsKey("customFields")) {
            // The new list replaces the old one: values of fields it leaves out are no longer searchable.
            current.keySet().stream().filter(ContactFieldService::isCustomFieldProperty).filter(k -> !given.containsKey(k))
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

    /** The fields the request sets, normalised and checked (see {@link ContactFieldRules}). */
    Map<String, Object> givenFields(String locationId, ContactRequest r) {
        // The location's field definitions are read only for a request that sends custom field values.
        List<io.liaison.object.ObjectField> defined = r.customFields() == null || r.customFields().isEmpty() ? List.of()
                : customFields.all(locationId);
        return fieldRules.given(r, defined);
    }

    private RuntimeException duplicateOrRethrow(ClientException e, String locationId, Map<String, Object> fields) {
        if (!Neo4jErrors.isConstraintViolation(e)) {
            return e;
        }
        String email = (String) fields.get("emailLowerCase");
        String phone = (String) fields.get("phoneDigits");
        return db.read(tx -> {
            Optional<Contact> byEmail = email == null ? Optional.empty() : repository.findByEmail(tx, locationId, email);
            if (byEmail.isPresent()) {
                return duplicate(byEmail.get(), "email");
            }
            Optional<Contact> byPhone = phone == null ? Optional.empty() : repository.findByPhone(tx, locationId, phone);
            return byPhone.<RuntimeException>map(c -> duplicate(c, "phone")).orElse(e);
        });
    }

    static Errors.DuplicateContact duplicate(Contact existing, String field) {
        return new Errors.DuplicateContact(existing.id(), existing.name(), field);
    }

    private static String lower(Object value) {
        return value == null ? null : value.toString().toLowerCase(Locale.ROOT);
    }

    private static String nullToEmpty(Object value) {
        return value == null ? "" : value.toString();
    }

}
