package io.liaison.contact;

import io.liaison.event.EventPayloads;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The payload of ContactCreate, ContactUpdate and ContactDelete, as HighLevel sends it
 * (docs/api/webhooks-and-events.md, "What is sent").
 */
final class ContactEvents {
    private ContactEvents() {
    }

    /**
     * ContactCreate, ContactUpdate and ContactDelete: the contact as it is after the change (before it, for a
     * delete), with every field of HighLevel's Contact*.md the contact holds. {@code attachments} is the one
     * documented field Liaison does not keep; a field the contact has no value for (such as {@code dnd} never
     * set) is left out, as the contact's own answer leaves it out.
     */
    static Map<String, Object> of(Contact c) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", c.id());
        p.put("locationId", c.locationId());
        EventPayloads.putIfPresent(p, "address1", c.address1());
        EventPayloads.putIfPresent(p, "city", c.city());
        EventPayloads.putIfPresent(p, "state", c.state());
        EventPayloads.putIfPresent(p, "companyName", c.companyName());
        EventPayloads.putIfPresent(p, "country", c.country());
        EventPayloads.putIfPresent(p, "source", c.source());
        EventPayloads.putIfPresent(p, "dateAdded", c.dateAdded());
        // HighLevel sends a birth date as midnight UTC; Liaison keeps the date alone.
        EventPayloads.putIfPresent(p, "dateOfBirth", c.dateOfBirth() == null ? null : LocalDate.parse(c.dateOfBirth()) + "T00:00:00.000Z");
        EventPayloads.putIfPresent(p, "dnd", c.dnd());
        EventPayloads.putIfPresent(p, "email", c.email());
        EventPayloads.putIfPresent(p, "name", c.name());
        EventPayloads.putIfPresent(p, "firstName", c.firstName());
        EventPayloads.putIfPresent(p, "lastName", c.lastName());
        EventPayloads.putIfPresent(p, "phone", c.phone());
        EventPayloads.putIfPresent(p, "postalCode", c.postalCode());
        EventPayloads.putIfPresent(p, "website", c.website());
        EventPayloads.putIfPresent(p, "assignedTo", c.assignedTo());
        p.put("tags", c.tags() == null ? List.of() : c.tags());
        List<Map<String, Object>> customFields = new ArrayList<>();
        if (c.customFields() != null) {
            for (Contact.CustomField field : c.customFields()) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("id", field.id() != null ? field.id() : field.key());
                f.put("value", field.value());
                customFields.add(f);
            }
        }
        p.put("customFields", customFields);
        return p;
    }
}
