package io.liaison.contact;

import io.liaison.event.EventOutbox;
import io.liaison.event.EventType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.neo4j.driver.Values;

/**
 * A bulk upsert judged per batch, without the database: each item in order against the location's
 * contacts that the batch's emails and phones matched (read once, for the whole batch) and against what
 * the items before it did, as a single upsert judges one (ContactService.upsert). What it decides is then
 * written in three statements (the new contacts, the changes, the events in item order): a statement
 * per item cost a Cypher round of about a millisecond each (docs/design/bulk-writes.md).
 *
 * <p>An item whose phone already belongs to another contact than the one it matched is skipped and
 * answered with that contact, before anything of it is written, so the uniqueness constraint never aborts
 * the batch. Two items with one email become one contact.
 */
final class ContactUpsertBatch {

    /** One contact to upsert: matched on email, then phone digits; {@code given} as ContactService.givenFields made it. */
    record Item(String email, String phoneDigits, Map<String, Object> given, Map<String, Object> newProperties) {
    }

    /** The phone of a bulk item belongs to another contact than the one the item matched. */
    record PhoneTaken(Contact owner) {
    }

    private final String locationId;
    private final Function<Map<String, Object>, Contact> asContact;
    private final Map<String, Map<String, Object>> byEmail;
    private final Map<String, Map<String, Object>> byPhone;
    /** Per item, in order: a {@link ContactService.Upserted} or a {@link PhoneTaken}. */
    private final List<Object> outcomes = new ArrayList<>();
    private final Map<String, Map<String, Object>> created = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> changed = new LinkedHashMap<>();
    private final List<Map<String, Object>> events = new ArrayList<>();

    /**
     * @param byEmail   the location's contacts (their properties) with the batch's emails, the first found per email
     * @param byPhone   likewise by phone digits
     * @param asContact a contact from its properties as plain values
     */
    ContactUpsertBatch(String locationId, Map<String, Map<String, Object>> byEmail, Map<String, Map<String, Object>> byPhone,
            Function<Map<String, Object>, Contact> asContact) {
        this.locationId = locationId;
        this.byEmail = new HashMap<>(byEmail);
        this.byPhone = new HashMap<>(byPhone);
        this.asContact = asContact;
    }

    /** The distinct emails of the items, to match the batch on. */
    static List<String> emails(List<Item> items) {
        return items.stream().map(Item::email).filter(v -> v != null).distinct().toList();
    }

    /** The distinct phone digits of the items, to match the batch on. */
    static List<String> phones(List<Item> items) {
        return items.stream().map(Item::phoneDigits).filter(v -> v != null).distinct().toList();
    }

    /** Judges the next item: what it creates or changes, its event and its answer. */
    void add(Item item) {
        Optional<Map<String, Object>> target = byEmail(item.email()).or(() -> byPhone(item.phoneDigits()));
        Optional<Map<String, Object>> phoneOwner = byPhone(item.phoneDigits())
                .filter(owner -> target.isEmpty() || !owner.get("id").equals(target.get().get("id")));
        if (phoneOwner.isPresent()) {
            outcomes.add(new PhoneTaken(asContact.apply(phoneOwner.get())));
            return;
        }
        Map<String, Object> after;
        boolean isNew = target.isEmpty();
        if (isNew) {
            after = stored(item.newProperties());
            created.put((String) after.get("id"), after);
        } else {
            Map<String, Object> changes = ContactService.changes(target.get(), item.given());
            after = withChanges(target.get(), changes);
            String id = (String) after.get("id");
            if (created.containsKey(id)) {
                created.put(id, after);
            } else {
                changed.computeIfAbsent(id, k -> new HashMap<>()).putAll(changes);
            }
        }
        now(target, after);
        Contact contact = asContact.apply(after);
        events.add(EventOutbox.prepare(locationId, isNew ? EventType.ContactCreate : EventType.ContactUpdate, ContactEvents.of(contact)));
        outcomes.add(new ContactService.Upserted(contact, isNew));
    }

    /** Per item, in order: a {@link ContactService.Upserted} or a {@link PhoneTaken}. */
    List<Object> outcomes() {
        return outcomes;
    }

    /** The new contacts' properties, each as the last item that touched it left it. */
    List<Map<String, Object>> created() {
        return List.copyOf(created.values());
    }

    /** The stored contacts' changes, one row ({@code id}, {@code changes}) per contact. */
    List<Map<String, Object>> updates() {
        List<Map<String, Object>> updates = new ArrayList<>(changed.size());
        changed.forEach((id, changes) -> updates.add(Map.of("id", id, "changes", changes)));
        return updates;
    }

    /** The events, prepared in item order. */
    List<Map<String, Object>> events() {
        return events;
    }

    private Optional<Map<String, Object>> byEmail(String email) {
        return email == null ? Optional.empty() : Optional.ofNullable(byEmail.get(email));
    }

    private Optional<Map<String, Object>> byPhone(String phone) {
        return phone == null ? Optional.empty() : Optional.ofNullable(byPhone.get(phone));
    }

    /**
     * A contact as an item left it: found from now on by its email and phone as they are now. (Were
     * two stored contacts to share an email, the batch sees the first found, as a single upsert does.)
     */
    private void now(Optional<Map<String, Object>> before, Map<String, Object> after) {
        before.ifPresent(b -> {
            byEmail.remove(b.get("emailLowerCase"), b);
            byPhone.remove(b.get("phoneDigits"), b);
        });
        if (after.get("emailLowerCase") instanceof String email) {
            byEmail.put(email, after);
        }
        if (after.get("phoneDigits") instanceof String phone) {
            byPhone.put(phone, after);
        }
    }

    /** Properties as the store gives them back (integers as longs, arrays as lists), so an item sees what a read would. */
    private static Map<String, Object> stored(Map<String, Object> properties) {
        Map<String, Object> stored = new HashMap<>(properties.size() * 2);
        properties.forEach((k, v) -> {
            if (v != null) {
                stored.put(k, Values.value(v).asObject());
            }
        });
        return stored;
    }

    /** {@code SET c += changes}: a null removes the property. */
    private static Map<String, Object> withChanges(Map<String, Object> current, Map<String, Object> changes) {
        Map<String, Object> after = new HashMap<>(current);
        changes.forEach((k, v) -> {
            if (v == null) {
                after.remove(k);
            } else {
                after.put(k, Values.value(v).asObject());
            }
        });
        return after;
    }
}
