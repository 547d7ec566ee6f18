package io.liaison.contact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import io.liaison.neo4j.GraphDatabase;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;
import org.neo4j.driver.types.Node;

/** The Cypher of contacts. A contact is a (:Record:Contact) node; its links are its relationships. */
@ApplicationScoped
public class ContactRepository {

    private static final String CREATE_CONTACT = """
            CREATE (c:Record:Contact)
            SET c = $properties
            RETURN c""";
    private static final String CONTACT_BY_ID = """
            MATCH (c:Contact {id: $id, locationId: $locationId}) RETURN c""";
    private static final String CONTACT_BY_ID_FOR_UPDATE = """
            MATCH (c:Contact {id: $id, locationId: $locationId})
            SET c._lock = true REMOVE c._lock
            RETURN c""";
    private static final String UPDATE_CONTACT = """
            MATCH (c:Contact {id: $id, locationId: $locationId})
            SET c += $changes
            RETURN c""";
    /** DETACH DELETE removes the contact's links and nothing else: records are never linked to other data. */
    private static final String DELETE_CONTACT = """
            MATCH (c:Contact {id: $id, locationId: $locationId})
            WITH c, COUNT { (c)--() } AS links
            DETACH DELETE c
            RETURN links""";
    private static final String CONTACT_BY_EMAIL = """
            MATCH (c:Contact {locationId: $locationId, emailLowerCase: $email}) RETURN c""";
    private static final String CONTACT_IDS_BY_EMAIL = """
            UNWIND $emails AS email
            MATCH (c:Contact {locationId: $locationId, emailLowerCase: email})
            RETURN email, c.id AS id""";
    private static final String CONTACT_BY_PHONE = """
            MATCH (c:Contact {locationId: $locationId, phoneDigits: $phone}) RETURN c""";
    private static final String LIST_CONTACTS = """
            MATCH (c:Contact {locationId: $locationId})
            WHERE ($query IS NULL OR c.searchText CONTAINS $query)
              AND ($afterDate IS NULL OR c.dateAdded > $afterDate
                   OR ($afterId IS NOT NULL AND c.dateAdded = $afterDate AND c.id > $afterId))
            RETURN c ORDER BY c.dateAdded, c.id LIMIT $limit""";
    private static final String COUNT_CONTACTS = """
            MATCH (c:Contact {locationId: $locationId})
            WHERE ($query IS NULL OR c.searchText CONTAINS $query)
            RETURN count(c) AS total""";
    /** Newest first; a searchAfter cursor stays correct while contacts are added (they sort before it). */
    private static final String SEARCH_CONTACTS = """
            MATCH (c:Contact {locationId: $locationId})
            WHERE ($query IS NULL OR c.searchText CONTAINS $query)
              AND ($beforeDate IS NULL OR c.dateAdded < $beforeDate OR (c.dateAdded = $beforeDate AND c.id < $beforeId))
            RETURN c ORDER BY c.dateAdded DESC, c.id DESC SKIP $skip LIMIT $limit""";

    private static final TypeReference<List<Contact.CustomField>> CUSTOM_FIELDS = new TypeReference<>() {
    };

    private final GraphDatabase db;
    private final ObjectMapper json;

    public ContactRepository(GraphDatabase db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    public Contact create(Map<String, Object> properties) {
        return db.write(tx -> toContact(tx.run(CREATE_CONTACT, Values.parameters("properties", properties)).single().get("c").asNode()));
    }

    public Optional<Contact> find(String locationId, String id) {
        return db.read(tx -> tx.run(CONTACT_BY_ID, Values.parameters("id", id, "locationId", locationId))
                .stream().findFirst().map(r -> toContact(r.get("c").asNode())));
    }

    /**
     * Reads the contact under a write lock and writes the changes computed from what it holds now,
     * in one transaction, so concurrent updates cannot lose each other's fields.
     */
    public Optional<Contact> update(String locationId, String id, Function<Map<String, Object>, Map<String, Object>> changesFrom) {
        return db.write(tx -> {
            var current = tx.run(CONTACT_BY_ID_FOR_UPDATE, Values.parameters("id", id, "locationId", locationId)).stream().findFirst();
            if (current.isEmpty()) {
                return Optional.<Contact>empty();
            }
            Map<String, Object> changes = changesFrom.apply(current.get().get("c").asNode().asMap());
            return Optional.of(toContact(tx.run(UPDATE_CONTACT, Values.parameters("id", id, "locationId", locationId, "changes", changes))
                    .single().get("c").asNode()));
        });
    }

    /**
     * Upsert in one transaction: the contact with this email, else with this phone, is updated;
     * otherwise one is created. Answers the contact and whether it is new.
     */
    public UpsertResult upsert(String locationId, String email, String phoneDigits,
            Function<Map<String, Object>, Map<String, Object>> changesFrom, Map<String, Object> newProperties) {
        return db.write(tx -> upsertIn(tx, locationId, new UpsertItem(email, phoneDigits, changesFrom, newProperties)));
    }

    private UpsertResult upsertIn(TransactionContext tx, String locationId, UpsertItem item) {
        Optional<Node> existing = matchOne(tx, CONTACT_BY_EMAIL, locationId, "email", item.email())
                .or(() -> matchOne(tx, CONTACT_BY_PHONE, locationId, "phone", item.phoneDigits()));
        if (existing.isPresent()) {
            Map<String, Object> current = existing.get().asMap();
            String id = (String) current.get("id");
            Node updated = tx.run(UPDATE_CONTACT, Values.parameters("id", id, "locationId", locationId,
                    "changes", item.changesFrom().apply(current))).single().get("c").asNode();
            return new UpsertResult(toContact(updated), false);
        }
        Node created = tx.run(CREATE_CONTACT, Values.parameters("properties", item.newProperties())).single().get("c").asNode();
        return new UpsertResult(toContact(created), true);
    }

    /** One contact to upsert: matched on email, then phone digits. */
    public record UpsertItem(String email, String phoneDigits, Function<Map<String, Object>, Map<String, Object>> changesFrom,
            Map<String, Object> newProperties) {
    }

    /**
     * Upserts many contacts in one transaction, in order, so a later item sees an earlier one (two
     * items with one email become one contact). An item whose phone already belongs to another contact
     * than the one it matched is skipped and answered with that contact, before anything of it is written,
     * so the uniqueness constraint never aborts the batch.
     */
    public List<Object> upsertEach(String locationId, List<UpsertItem> items) {
        return db.write(tx -> {
            List<Object> outcomes = new ArrayList<>(items.size());
            for (UpsertItem item : items) {
                Optional<Node> target = matchOne(tx, CONTACT_BY_EMAIL, locationId, "email", item.email())
                        .or(() -> matchOne(tx, CONTACT_BY_PHONE, locationId, "phone", item.phoneDigits()));
                Optional<Node> phoneOwner = matchOne(tx, CONTACT_BY_PHONE, locationId, "phone", item.phoneDigits())
                        .filter(owner -> target.isEmpty() || !owner.get("id").equals(target.get().get("id")));
                outcomes.add(phoneOwner.isPresent() ? new PhoneTaken(toContact(phoneOwner.get()))
                        : upsertIn(tx, locationId, item));
            }
            return outcomes;
        });
    }

    /** The phone of a bulk item belongs to another contact than the one the item matched. */
    public record PhoneTaken(Contact owner) {
    }

    public record UpsertResult(Contact contact, boolean created) {
    }

    /** Answers the number of links the contact had; empty when there was no such contact. */
    public Optional<Long> delete(String locationId, String id) {
        return db.write(tx -> tx.run(DELETE_CONTACT, Values.parameters("id", id, "locationId", locationId))
                .stream().findFirst().map(r -> r.get("links").asLong()));
    }

    public Optional<Contact> findByEmail(String locationId, String emailLowerCase) {
        return db.read(tx -> matchOne(tx, CONTACT_BY_EMAIL, locationId, "email", emailLowerCase).map(this::toContact));
    }

    /** The ids of the location's contacts with these (lowercase) emails, by email. */
    public Map<String, String> idsByEmail(String locationId, java.util.Collection<String> emailsLowerCase) {
        return db.read(tx -> {
            Map<String, String> ids = new java.util.HashMap<>();
            tx.run(CONTACT_IDS_BY_EMAIL, Values.parameters("locationId", locationId, "emails", List.copyOf(emailsLowerCase)))
                    .forEachRemaining(r -> ids.put(r.get("email").asString(), r.get("id").asString()));
            return ids;
        });
    }

    public Optional<Contact> findByPhone(String locationId, String phoneDigits) {
        return db.read(tx -> matchOne(tx, CONTACT_BY_PHONE, locationId, "phone", phoneDigits).map(this::toContact));
    }

    public Page list(String locationId, String query, ZonedDateTime afterDate, String afterId, int limit) {
        return db.read(tx -> {
            List<Contact> contacts = tx.run(LIST_CONTACTS, Values.parameters("locationId", locationId, "query", query,
                    "afterDate", afterDate, "afterId", afterId, "limit", limit)).list(r -> toContact(r.get("c").asNode()));
            long total = tx.run(COUNT_CONTACTS, Values.parameters("locationId", locationId, "query", query)).single().get("total").asLong();
            return new Page(contacts, total);
        });
    }

    /** One page of the location's contacts, oldest first, after the given (dateAdded, id): export pages through all. */
    public List<Contact> listAfter(String locationId, ZonedDateTime afterDate, String afterId, int limit) {
        return db.read(tx -> tx.run(LIST_CONTACTS, Values.parameters("locationId", locationId, "query", null,
                "afterDate", afterDate, "afterId", afterId, "limit", limit)).list(r -> toContact(r.get("c").asNode())));
    }

    public Page search(String locationId, String query, ZonedDateTime beforeDate, String beforeId, int skip, int limit) {
        return db.read(tx -> {
            List<Contact> contacts = tx.run(SEARCH_CONTACTS, Values.parameters("locationId", locationId, "query", query,
                    "beforeDate", beforeDate, "beforeId", beforeId, "skip", skip, "limit", limit)).list(r -> toContact(r.get("c").asNode()));
            long total = tx.run(COUNT_CONTACTS, Values.parameters("locationId", locationId, "query", query)).single().get("total").asLong();
            return new Page(contacts, total);
        });
    }

    public record Page(List<Contact> contacts, long total) {
    }

    private static Optional<Node> matchOne(TransactionContext tx, String query, String locationId, String param, String value) {
        if (value == null) {
            return Optional.empty();
        }
        return tx.run(query, Values.parameters("locationId", locationId, param, value)).stream().findFirst().map(r -> r.get("c").asNode());
    }

    Contact toContact(Node node) {
        Map<String, Value> p = new java.util.HashMap<>();
        node.keys().forEach(k -> p.put(k, node.get(k)));
        ZonedDateTime added = time(p.get("dateAdded"));
        return new Contact(str(p, "id"), str(p, "locationId"), str(p, "name"), str(p, "firstName"), str(p, "lastName"),
                str(p, "email"), str(p, "emailLowerCase"), str(p, "phone"), str(p, "companyName"), str(p, "address1"),
                str(p, "city"), str(p, "state"), str(p, "postalCode"), str(p, "country"), str(p, "website"),
                str(p, "timezone"), str(p, "source"),
                p.containsKey("tags") ? p.get("tags").asList(Value::asString) : List.of(),
                str(p, "dateOfBirth"), customFields(str(p, "customFields")),
                iso(added), iso(time(p.get("dateUpdated"))),
                added == null ? null : List.of(added.toInstant().toEpochMilli(), str(p, "id")));
    }

    private List<Contact.CustomField> customFields(String stored) {
        if (stored == null) {
            return List.of();
        }
        try {
            return json.readValue(stored, CUSTOM_FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored custom fields are not JSON", e);
        }
    }

    String customFieldsJson(List<Contact.CustomField> fields) {
        try {
            return json.writeValueAsString(new ArrayList<>(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String str(Map<String, Value> p, String key) {
        Value v = p.get(key);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static ZonedDateTime time(Value v) {
        return v == null || v.isNull() ? null : v.asZonedDateTime();
    }

    static String iso(ZonedDateTime time) {
        return time == null ? null : DateTimeFormatter.ISO_INSTANT.format(time.withZoneSameInstant(ZoneOffset.UTC).toInstant());
    }
}
