package io.liaison.contact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import io.liaison.association.ContactIdsByEmail;
import io.liaison.object.ContactFieldService;
import io.liaison.object.ObjectType;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;
import org.neo4j.driver.types.Node;

/**
 * The Cypher of contacts. A contact is a (:Record:Contact) node; its links are its relationships. Each
 * method runs one statement in the transaction its caller opened.
 */
@ApplicationScoped
public class ContactRepository implements ContactIdsByEmail {

    private static final String CREATE_CONTACT = """
            CREATE (c:Record:Contact)
            SET c = $properties
            RETURN c""";
    /**
     * The contact with the business it is linked to under the contact–business label (see
     * ContactBusinessService), in one statement: a read is one transaction, not one for the contact, one
     * for the label and one for its link. The label's type is its key's upper case (AssociationLinks), so the
     * link is found among the contact's relationships of that type only.
     */
    private static final String CONTACT_BY_ID = """
            MATCH (c:Record:Contact {id: $id, locationId: $locationId}) USING INDEX c:Record(id)
            RETURN c, COLLECT {
                MATCH (label:Association {locationId: $locationId, key: $businessLabelKey})
                WHERE label.firstObjectKey = $contactKey AND label.secondObjectKey = $businessKey
                MATCH (c)-[r:$($businessLabelType)]->(b:Record:Business {locationId: $locationId})
                WHERE r.associationId = label.id
                RETURN b.id AS businessId ORDER BY businessId LIMIT 1
            } AS businessIds""";
    private static final String UPDATE_CONTACT = """
            MATCH (c:Record:Contact {id: $id, locationId: $locationId}) USING INDEX c:Record(id)
            SET c += $changes
            RETURN c""";
    /** DETACH DELETE removes the contact's links and nothing else: records are never linked to other data. */
    private static final String DELETE_CONTACT = """
            MATCH (c:Record:Contact {id: $id, locationId: $locationId}) USING INDEX c:Record(id)
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
    /**
     * A search: HighLevel's filters, then keyset paging on the sort values (a searchAfter cursor stays
     * correct while contacts are added or change). The three %s are filled only with fragments of
     * this class (see {@link SearchCypher}); every value is a parameter.
     */
    private static final String SEARCH_CONTACTS = """
            MATCH (c:Contact {locationId: $locationId})
            WHERE ($query IS NULL OR c.searchText CONTAINS $query) AND %s
            WITH c, %s AS sortValues
            WHERE %s
            RETURN c, sortValues ORDER BY %s SKIP $skip LIMIT $limit""";
    private static final String COUNT_SEARCH = """
            MATCH (c:Contact {locationId: $locationId})
            WHERE ($query IS NULL OR c.searchText CONTAINS $query) AND %s
            RETURN count(c) AS total""";
    /** The business each contact is linked to under the contact–business label (see ContactBusinessService). */
    private static final String BUSINESSES_OF_CONTACTS = """
            UNWIND $contactIds AS contactId
            MATCH (c:Record {id: contactId, locationId: $locationId})-[r:$($type)]->(b:Record:Business {locationId: $locationId})
            USING INDEX c:Record(id)
            WHERE r.associationId = $associationId
            RETURN contactId, min(b.id) AS businessId""";
    private static final String CONTACTS_OF_BUSINESS = """
            MATCH (b:Record:Business {id: $businessId, locationId: $locationId})<-[r:$($type)]-(c:Record:Contact {locationId: $locationId})
            USING INDEX b:Record(id)
            WHERE r.associationId = $associationId AND ($query IS NULL OR c.searchText CONTAINS $query)
            RETURN c ORDER BY c.dateAdded, c.id SKIP $skip LIMIT $limit""";
    private static final String COUNT_CONTACTS_OF_BUSINESS = """
            MATCH (b:Record:Business {id: $businessId, locationId: $locationId})<-[r:$($type)]-(c:Record:Contact {locationId: $locationId})
            USING INDEX b:Record(id)
            WHERE r.associationId = $associationId AND ($query IS NULL OR c.searchText CONTAINS $query)
            RETURN count(c) AS total""";
    private static final TypeReference<List<Contact.CustomField>> CUSTOM_FIELDS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public ContactRepository(ObjectMapper json) {
        this.json = json;
    }

    /** Creates the contact with these properties; its event is the caller's (ContactService). */
    public Contact create(TransactionContext tx, Map<String, Object> properties) {
        return toContact(tx.run(CREATE_CONTACT, Values.parameters("properties", properties)).single().get("c").asNode());
    }

    /** Writes the changes ({@code SET +=}: a null removes the property) to a contact the caller holds locked or has just matched. */
    public Contact update(TransactionContext tx, String locationId, String id, Map<String, Object> changes) {
        return toContact(tx.run(UPDATE_CONTACT, Values.parameters("id", id, "locationId", locationId, "changes", changes))
                .single().get("c").asNode());
    }

    /** Many new contacts, in one statement. */
    public void createAll(TransactionContext tx, List<Map<String, Object>> contacts) {
        tx.run(CREATE_CONTACTS, Values.parameters("contacts", contacts)).consume();
    }

    /** Many contacts' changes ({@code id}, {@code changes} per row), in one statement; answers how many contacts were found. */
    public long updateAll(TransactionContext tx, String locationId, List<Map<String, Object>> updates) {
        return tx.run(UPDATE_CONTACTS, Values.parameters("locationId", locationId, "updates", updates)).single().get("updated").asLong();
    }

    /** Deletes the contact with its links; answers how many links it had, empty when there was no such contact. */
    public Optional<Long> delete(TransactionContext tx, String locationId, String id) {
        return tx.run(DELETE_CONTACT, Values.parameters("id", id, "locationId", locationId))
                .stream().findFirst().map(r -> r.get("links").asLong());
    }

    /** The properties of the location's contact with this (lowercase) email, if any (the first found). */
    public Optional<Map<String, Object>> byEmail(TransactionContext tx, String locationId, String emailLowerCase) {
        return matchOne(tx, CONTACT_BY_EMAIL, locationId, "email", emailLowerCase).map(Node::asMap);
    }

    /** The properties of the location's contact with these phone digits, if any (the first found). */
    public Optional<Map<String, Object>> byPhone(TransactionContext tx, String locationId, String phoneDigits) {
        return matchOne(tx, CONTACT_BY_PHONE, locationId, "phone", phoneDigits).map(Node::asMap);
    }

    /** By email, the properties of the location's contact with it (the first found per email), for these emails. */
    public Map<String, Map<String, Object>> byEmails(TransactionContext tx, String locationId, List<String> emailsLowerCase) {
        return matchEach(tx, CONTACTS_BY_EMAILS, locationId, emailsLowerCase);
    }

    /** By phone digits, the properties of the location's contact with them (the first found per value), for these values. */
    public Map<String, Map<String, Object>> byPhones(TransactionContext tx, String locationId, List<String> phoneDigits) {
        return matchEach(tx, CONTACTS_BY_PHONES, locationId, phoneDigits);
    }

    private static Map<String, Map<String, Object>> matchEach(TransactionContext tx, String query, String locationId, List<String> values) {
        Map<String, Map<String, Object>> found = new HashMap<>();
        if (!values.isEmpty()) {
            tx.run(query, Values.parameters("locationId", locationId, "values", values))
                    .forEachRemaining(r -> found.putIfAbsent(r.get("value").asString(), r.get("c").asNode().asMap()));
        }
        return found;
    }

    /** The contact, with its businessId. */
    public Optional<Contact> find(TransactionContext tx, String locationId, String id) {
        return tx.run(CONTACT_BY_ID, Values.parameters("id", id, "locationId", locationId,
                        "businessLabelKey", ContactBusinessService.LABEL_KEY, "businessLabelType", ContactBusinessService.LABEL_TYPE,
                        "contactKey", ObjectType.CONTACT_KEY, "businessKey", ObjectType.BUSINESS_KEY))
                .stream().findFirst().map(r -> toContact(r.get("c").asNode())
                        .withBusinessId(r.get("businessIds").isEmpty() ? null : r.get("businessIds").get(0).asString()));
    }

    /** Many new contacts: {@link #CREATE_CONTACT} per row. */
    private static final String CREATE_CONTACTS = """
            UNWIND $contacts AS properties
            CREATE (c:Record:Contact)
            SET c = properties""";
    /** Many contacts' changes: {@link #UPDATE_CONTACT} per row. */
    private static final String UPDATE_CONTACTS = """
            UNWIND $updates AS update
            MATCH (c:Record:Contact {id: update.id, locationId: $locationId}) USING INDEX c:Record(id)
            SET c += update.changes
            RETURN count(c) AS updated""";
    /** The location's contacts with any of these emails, or phones; the first found per value, as {@link #matchOne} takes it. */
    private static final String CONTACTS_BY_EMAILS = """
            UNWIND $values AS value
            MATCH (c:Contact {locationId: $locationId, emailLowerCase: value})
            RETURN value, c""";
    private static final String CONTACTS_BY_PHONES = """
            UNWIND $values AS value
            MATCH (c:Contact {locationId: $locationId, phoneDigits: value})
            RETURN value, c""";

    public Optional<Contact> findByEmail(TransactionContext tx, String locationId, String emailLowerCase) {
        return matchOne(tx, CONTACT_BY_EMAIL, locationId, "email", emailLowerCase).map(this::toContact);
    }

    @Override
    public Map<String, String> idsByEmail(TransactionContext tx, String locationId, java.util.Collection<String> emailsLowerCase) {
        Map<String, String> ids = new java.util.HashMap<>();
        tx.run(CONTACT_IDS_BY_EMAIL, Values.parameters("locationId", locationId, "emails", List.copyOf(emailsLowerCase)))
                .forEachRemaining(r -> ids.put(r.get("email").asString(), r.get("id").asString()));
        return ids;
    }

    public Optional<Contact> findByPhone(TransactionContext tx, String locationId, String phoneDigits) {
        return matchOne(tx, CONTACT_BY_PHONE, locationId, "phone", phoneDigits).map(this::toContact);
    }

    /** One page of the location's contacts (those whose search text holds {@code query}, if given), oldest first, after (dateAdded, id). */
    public List<Contact> list(TransactionContext tx, String locationId, String query, ZonedDateTime afterDate, String afterId, int limit) {
        return tx.run(LIST_CONTACTS, Values.parameters("locationId", locationId, "query", query,
                "afterDate", afterDate, "afterId", afterId, "limit", limit)).list(r -> toContact(r.get("c").asNode()));
    }

    /** How many contacts {@link #list} pages through. */
    public long count(TransactionContext tx, String locationId, String query) {
        return tx.run(COUNT_CONTACTS, Values.parameters("locationId", locationId, "query", query)).single().get("total").asLong();
    }

    /** One page of a search's contacts, each with its searchAfter cursor. */
    public List<Contact> search(TransactionContext tx, String locationId, ContactQuery search) {
        SearchCypher cypher = new SearchCypher(search);
        return tx.run(SEARCH_CONTACTS.formatted(cypher.where, cypher.sortValues, cypher.after, cypher.orderBy),
                searchParameters(cypher, locationId, search))
                .list(r -> toContact(r.get("c").asNode()).withCursor(cursor(r.get("sortValues"), r.get("c").get("id").asString())));
    }

    /** How many contacts the search finds, on all its pages. */
    public long searchTotal(TransactionContext tx, String locationId, ContactQuery search) {
        SearchCypher cypher = new SearchCypher(search);
        return tx.run(COUNT_SEARCH.formatted(cypher.where), searchParameters(cypher, locationId, search)).single().get("total").asLong();
    }

    private static Map<String, Object> searchParameters(SearchCypher cypher, String locationId, ContactQuery search) {
        Map<String, Object> params = new HashMap<>(cypher.params);
        params.put("locationId", locationId);
        params.put("query", search.text());
        params.put("skip", search.skip());
        params.put("limit", search.size());
        params.put("after", search.after().orElse(null));
        return params;
    }

    /** A contact's searchAfter: its sort values (times as epoch milliseconds), then its id. */
    private static List<Object> cursor(Value sortValues, String id) {
        List<Object> cursor = new ArrayList<>();
        for (Value v : sortValues.values()) {
            cursor.add(v.type().name().equals("DATE_TIME") ? (Object) v.asZonedDateTime().toInstant().toEpochMilli() : v.asObject());
        }
        cursor.add(id);
        return List.copyOf(cursor);
    }

    public record Page(List<Contact> contacts, long total) {
    }

    /** By contact id, the business each of these contacts is linked to under the label (its id and relationship type). */
    public Map<String, String> businessesOf(TransactionContext tx, String locationId, List<String> contactIds, String associationId,
            String type) {
        Map<String, String> businesses = new HashMap<>();
        tx.run(BUSINESSES_OF_CONTACTS, Values.parameters("locationId", locationId, "contactIds", contactIds,
                "associationId", associationId, "type", type))
                .forEachRemaining(r -> businesses.put(r.get("contactId").asString(), r.get("businessId").asString()));
        return businesses;
    }

    /** One page of the contacts linked to the business under the label, oldest first; each answers that business as its businessId. */
    public List<Contact> ofBusiness(TransactionContext tx, String locationId, String businessId, String associationId, String type,
            String query, int skip, int limit) {
        return tx.run(CONTACTS_OF_BUSINESS, ofBusinessParameters(locationId, businessId, associationId, type, query, skip, limit))
                .list(r -> toContact(r.get("c").asNode()).withoutCursor().withBusinessId(businessId));
    }

    /** How many contacts {@link #ofBusiness} pages through. */
    public long countOfBusiness(TransactionContext tx, String locationId, String businessId, String associationId, String type,
            String query) {
        return tx.run(COUNT_CONTACTS_OF_BUSINESS, ofBusinessParameters(locationId, businessId, associationId, type, query, 0, 0))
                .single().get("total").asLong();
    }

    private static Map<String, Object> ofBusinessParameters(String locationId, String businessId, String associationId, String type,
            String query, int skip, int limit) {
        Map<String, Object> params = new HashMap<>();
        params.put("locationId", locationId);
        params.put("businessId", businessId);
        params.put("associationId", associationId);
        params.put("type", type);
        params.put("query", query);
        params.put("skip", skip);
        params.put("limit", limit);
        return params;
    }

    /** Whether a contact of the location holds a value under this custom field name (a scan of its contacts, stopped at the first). */
    boolean holdsCustomField(TransactionContext tx, String locationId, String name) {
        return tx.run(HOLDS_CUSTOM_FIELD, Values.parameters("locationId", locationId,
                "property", ContactFieldService.customFieldValuesProperty(name))).single().get("held").asBoolean();
    }

    private static final String HOLDS_CUSTOM_FIELD = """
            RETURN EXISTS { MATCH (c:Contact {locationId: $locationId}) WHERE c[$property] IS NOT NULL } AS held""";

    /**
     * The Cypher of one search, assembled only from the fragments below: a field's expression comes
     * from the fixed {@link #FIELDS} map, never from input; values, and a custom field's property
     * name, are parameters ({@code c[$p3]}).
     */
    static final class SearchCypher {
        private static final Map<ContactQuery.Field, String> FIELDS = Map.ofEntries(
                Map.entry(ContactQuery.Field.ID, "c.id"),
                Map.entry(ContactQuery.Field.FIRST_NAME, "c.firstNameLowerCase"),
                Map.entry(ContactQuery.Field.LAST_NAME, "c.lastNameLowerCase"),
                Map.entry(ContactQuery.Field.FULL_NAME, "c.fullNameLowerCase"),
                Map.entry(ContactQuery.Field.EMAIL, "c.emailLowerCase"),
                Map.entry(ContactQuery.Field.PHONE, "c.phoneDigits"),
                Map.entry(ContactQuery.Field.COMPANY_NAME, "toLower(c.companyName)"),
                Map.entry(ContactQuery.Field.ADDRESS, "toLower(c.address1)"),
                Map.entry(ContactQuery.Field.CITY, "toLower(c.city)"),
                Map.entry(ContactQuery.Field.STATE, "toLower(c.state)"),
                Map.entry(ContactQuery.Field.POSTAL_CODE, "toLower(c.postalCode)"),
                Map.entry(ContactQuery.Field.COUNTRY, "toLower(c.country)"),
                Map.entry(ContactQuery.Field.WEBSITE, "toLower(c.website)"),
                Map.entry(ContactQuery.Field.TIMEZONE, "toLower(c.timezone)"),
                Map.entry(ContactQuery.Field.SOURCE, "toLower(c.source)"),
                Map.entry(ContactQuery.Field.GENDER, "c.gender"),
                Map.entry(ContactQuery.Field.TYPE, "c.type"),
                Map.entry(ContactQuery.Field.ASSIGNED_TO, "c.assignedTo"),
                Map.entry(ContactQuery.Field.DND, "coalesce(c.dnd, false)"),
                Map.entry(ContactQuery.Field.TAGS, "coalesce(c.tags, [])"),
                Map.entry(ContactQuery.Field.DATE_OF_BIRTH, "c.dateOfBirth"),
                Map.entry(ContactQuery.Field.DATE_ADDED, "c.dateAdded"),
                Map.entry(ContactQuery.Field.DATE_UPDATED, "c.dateUpdated"));
        private static final Map<String, String> RANGE = Map.of("gt", ">", "gte", ">=", "lt", "<", "lte", "<=");

        final Map<String, Object> params = new HashMap<>();
        final String where;
        final String sortValues;
        final String after;
        final String orderBy;

        SearchCypher(ContactQuery search) {
            where = search.filter().map(this::predicate).orElse("true");
            List<ContactQuery.Sort> sort = search.sort();
            List<String> values = new ArrayList<>();
            List<String> order = new ArrayList<>();
            for (int i = 0; i < sort.size(); i++) {
                String expression = FIELDS.get(sort.get(i).field());
                // Keyset paging compares sort values, so a missing one sorts as the empty text.
                values.add(sort.get(i).field().kind() == ContactQuery.Kind.DATETIME ? expression : "coalesce(" + expression + ", '')");
                order.add("sortValues[" + i + "]" + (sort.get(i).descending() ? " DESC" : ""));
            }
            boolean lastDescending = sort.get(sort.size() - 1).descending();
            order.add("c.id" + (lastDescending ? " DESC" : ""));
            sortValues = "[" + String.join(", ", values) + "]";
            orderBy = String.join(", ", order);
            after = search.after().isEmpty() ? "true" : keyset(sort, lastDescending);
        }

        /** After the cursor in the sort order: (v0 beyond) OR (v0 equal AND v1 beyond) ... OR (all equal AND id beyond). */
        private static String keyset(List<ContactQuery.Sort> sort, boolean lastDescending) {
            List<String> alternatives = new ArrayList<>();
            for (int i = 0; i <= sort.size(); i++) {
                List<String> terms = new ArrayList<>();
                for (int j = 0; j < i; j++) {
                    terms.add("sortValues[" + j + "] = $after[" + j + "]");
                }
                if (i < sort.size()) {
                    terms.add("sortValues[" + i + "] " + (sort.get(i).descending() ? "<" : ">") + " $after[" + i + "]");
                } else {
                    terms.add("c.id " + (lastDescending ? "<" : ">") + " $after[" + i + "]");
                }
                alternatives.add("(" + String.join(" AND ", terms) + ")");
            }
            return "(" + String.join(" OR ", alternatives) + ")";
        }

        private String param(Object value) {
            String name = "p" + params.size();
            params.put(name, value);
            return "$" + name;
        }

        private String predicate(ContactQuery.Filter filter) {
            if (filter instanceof ContactQuery.Group group) {
                return "(" + String.join(group.any() ? " OR " : " AND ", group.filters().stream().map(this::predicate).toList()) + ")";
            }
            ContactQuery.Condition c = (ContactQuery.Condition) filter;
            return switch (c.field().kind()) {
                case CUSTOM -> customField(c);
                case TAGS -> tags(c);
                default -> scalar(FIELDS.get(c.field()), c);
            };
        }

        private String scalar(String e, ContactQuery.Condition c) {
            return switch (c.operator()) {
                case EQ -> "coalesce(" + e + " = " + param(c.value()) + ", false)";
                case NOT_EQ -> "coalesce(" + e + " <> " + param(c.value()) + ", true)";
                case CONTAINS -> "coalesce(" + e + " CONTAINS " + param(c.value()) + ", false)";
                case NOT_CONTAINS -> "NOT coalesce(" + e + " CONTAINS " + param(c.value()) + ", false)";
                case EXISTS -> "(" + e + " IS NOT NULL)";
                case NOT_EXISTS -> "(" + e + " IS NULL)";
                case RANGE -> range(e, c.bounds());
            };
        }

        private String range(String e, Map<String, Object> bounds) {
            return "coalesce(" + String.join(" AND ", bounds.entrySet().stream()
                    .map(b -> e + " " + RANGE.get(b.getKey()) + " " + param(b.getValue())).toList()) + ", false)";
        }

        private String tags(ContactQuery.Condition c) {
            String e = FIELDS.get(ContactQuery.Field.TAGS);
            return switch (c.operator()) {
                case EQ -> "any(t IN " + e + " WHERE toLower(t) IN " + param(c.value()) + ")";
                case NOT_EQ -> "none(t IN " + e + " WHERE toLower(t) IN " + param(c.value()) + ")";
                case EXISTS -> "size(" + e + ") > 0";
                case NOT_EXISTS -> "size(" + e + ") = 0";
                default -> throw new IllegalStateException("tags take no " + c.operator());
            };
        }

        private String customField(ContactQuery.Condition c) {
            String values = "coalesce(c[" + param(ContactFieldService.customFieldValuesProperty(c.customField())) + "], [])";
            return switch (c.operator()) {
                case EQ -> "(" + param(c.value()) + " IN " + values + ")";
                case NOT_EQ -> "NOT (" + param(c.value()) + " IN " + values + ")";
                case CONTAINS -> "any(x IN " + values + " WHERE x CONTAINS " + param(c.value()) + ")";
                case NOT_CONTAINS -> "none(x IN " + values + " WHERE x CONTAINS " + param(c.value()) + ")";
                case EXISTS -> "size(" + values + ") > 0";
                case NOT_EXISTS -> "size(" + values + ") = 0";
                case RANGE -> c.bounds().values().iterator().next() instanceof Double
                        ? range("c[" + param(ContactFieldService.customFieldNumberProperty(c.customField())) + "]", c.bounds())
                        : "any(x IN " + values + " WHERE " + range("x", c.bounds()) + ")";
            };
        }
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
        return contactOf(p);
    }

    /** A contact from its properties as plain values (a batch's contacts before they are written). */
    Contact toContact(Map<String, Object> properties) {
        Map<String, Value> p = new java.util.HashMap<>();
        properties.forEach((k, v) -> p.put(k, Values.value(v)));
        return contactOf(p);
    }

    private Contact contactOf(Map<String, Value> p) {
        ZonedDateTime added = time(p.get("dateAdded"));
        Value dnd = p.get("dnd");
        return Contact.builder().id(str(p, "id")).locationId(str(p, "locationId")).name(str(p, "name"))
                .firstName(str(p, "firstName")).lastName(str(p, "lastName"))
                .firstNameLowerCase(str(p, "firstNameLowerCase")).lastNameLowerCase(str(p, "lastNameLowerCase"))
                .fullNameLowerCase(str(p, "fullNameLowerCase")).email(str(p, "email")).emailLowerCase(str(p, "emailLowerCase"))
                .phone(str(p, "phone")).companyName(str(p, "companyName")).address1(str(p, "address1")).city(str(p, "city"))
                .state(str(p, "state")).postalCode(str(p, "postalCode")).country(str(p, "country")).website(str(p, "website"))
                .timezone(str(p, "timezone")).source(str(p, "source")).gender(str(p, "gender"))
                .dnd(dnd == null || dnd.isNull() ? null : dnd.asBoolean())
                .dndSettings(fromJson(str(p, "dndSettings"), ContactRequest.DndSettings.class))
                .inboundDndSettings(fromJson(str(p, "inboundDndSettings"), ContactRequest.InboundDndSettings.class))
                .assignedTo(str(p, "assignedTo")).type(str(p, "type"))
                .tags(p.containsKey("tags") ? p.get("tags").asList(Value::asString) : List.of())
                .dateOfBirth(str(p, "dateOfBirth")).customFields(customFields(str(p, "customFields")))
                .dateAdded(iso(added)).dateUpdated(iso(time(p.get("dateUpdated"))))
                .searchAfter(added == null ? null : List.of(added.toInstant().toEpochMilli(), str(p, "id")))
                .build();
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

    private <T> T fromJson(String stored, Class<T> type) {
        try {
            return stored == null ? null : json.readValue(stored, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored " + type.getSimpleName() + " is not JSON", e);
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
