package io.liaison.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * How a bulk upsert judges its items ({@link ContactUpsertBatch}), without a database: the stored
 * contacts the batch matched are given as properties. ContactBulkTest runs the same through HTTP.
 */
class ContactUpsertBatchTest {

    private static final String LOCATION = "loc1";

    private static ContactUpsertBatch batch(Map<String, Map<String, Object>> byEmail, Map<String, Map<String, Object>> byPhone) {
        return new ContactUpsertBatch(LOCATION, byEmail, byPhone, p -> Contact.builder().id((String) p.get("id"))
                .locationId((String) p.get("locationId")).email((String) p.get("email")).phone((String) p.get("phone"))
                .firstName((String) p.get("firstName")).build());
    }

    /** An item as ContactBulkService makes it from these normalised fields. */
    private static ContactUpsertBatch.Item item(Map<String, Object> given) {
        return new ContactUpsertBatch.Item((String) given.get("emailLowerCase"), (String) given.get("phoneDigits"), given,
                ContactService.newContactProperties(LOCATION, given));
    }

    private static Map<String, Object> fields(String firstName, String email, String phoneDigits) {
        Map<String, Object> f = new HashMap<>();
        f.put("firstName", firstName);
        if (email != null) {
            f.put("email", email);
            f.put("emailLowerCase", email);
        }
        if (phoneDigits != null) {
            f.put("phone", "+" + phoneDigits);
            f.put("phoneDigits", phoneDigits);
        }
        return f;
    }

    /** A contact as the store holds it. */
    private static Map<String, Object> stored(String id, String email, String phoneDigits) {
        Map<String, Object> p = new HashMap<>(ContactService.newContactProperties(LOCATION, fields("Stored", email, phoneDigits)));
        p.put("id", id);
        return p;
    }

    private static ContactService.Upserted upserted(ContactUpsertBatch batch, int item) {
        return assertInstanceOf(ContactService.Upserted.class, batch.outcomes().get(item));
    }

    private static List<String> eventTypes(ContactUpsertBatch batch) {
        return batch.events().stream().map(e -> (String) e.get("type")).toList();
    }

    @Nested
    class NothingStored {

        @Test
        void eachItemIsANewContact() {
            ContactUpsertBatch batch = batch(Map.of(), Map.of());
            batch.add(item(fields("Ann", "ann@x.io", null)));
            batch.add(item(fields("Bob", null, "18885550100")));
            assertTrue(upserted(batch, 0).created() && upserted(batch, 1).created());
            assertEquals(2, batch.created().size());
            assertEquals(List.of(), batch.updates());
            assertEquals(List.of("ContactCreate", "ContactCreate"), eventTypes(batch));
        }

        @Test
        void twoItemsWithOneEmailBecomeOneContactCreatedAsTheLastLeftIt() {
            ContactUpsertBatch batch = batch(Map.of(), Map.of());
            batch.add(item(fields("Ann", "ann@x.io", null)));
            batch.add(item(fields("Anna", "ann@x.io", null)));
            assertEquals(upserted(batch, 0).contact().id(), upserted(batch, 1).contact().id());
            assertTrue(upserted(batch, 0).created());
            assertEquals(false, upserted(batch, 1).created());
            assertEquals(1, batch.created().size());
            assertEquals("Anna", batch.created().get(0).get("firstName"));
            assertEquals(List.of(), batch.updates(), "a contact the batch creates is written once, as created");
            assertEquals(List.of("ContactCreate", "ContactUpdate"), eventTypes(batch));
        }
    }

    @Nested
    class Stored {

        @Test
        void anItemMatchesByEmailFirstThenByPhone() {
            Map<String, Object> byEmail = stored("c1", "ann@x.io", null);
            Map<String, Object> byPhone = stored("c2", null, "18885550100");
            ContactUpsertBatch batch = batch(Map.of("ann@x.io", byEmail), Map.of("18885550100", byPhone));
            batch.add(item(fields("Ann", "ann@x.io", null)));
            batch.add(item(fields("Bob", "bob@x.io", "18885550100")));
            assertEquals("c1", upserted(batch, 0).contact().id());
            assertEquals("c2", upserted(batch, 1).contact().id());
            assertEquals(List.of(), batch.created());
            assertEquals(List.of("c1", "c2"), batch.updates().stream().map(u -> u.get("id")).sorted().toList());
            assertEquals(List.of("ContactUpdate", "ContactUpdate"), eventTypes(batch));
        }

        @Test
        void aPhoneOfAnotherContactThanTheOneMatchedRefusesThatItemAloneWritingNothingOfIt() {
            Map<String, Object> ann = stored("c1", "ann@x.io", null);
            Map<String, Object> bob = stored("c2", null, "18885550100");
            ContactUpsertBatch batch = batch(Map.of("ann@x.io", ann), Map.of("18885550100", bob));
            batch.add(item(fields("Ann", "ann@x.io", "18885550100")));
            batch.add(item(fields("Cy", "cy@x.io", null)));
            assertEquals("c2", assertInstanceOf(ContactUpsertBatch.PhoneTaken.class, batch.outcomes().get(0)).owner().id());
            assertTrue(upserted(batch, 1).created());
            assertEquals(List.of(), batch.updates());
            assertEquals(List.of("ContactCreate"), eventTypes(batch));
        }

        @Test
        @SuppressWarnings("unchecked")
        void aContactWhoseEmailAnItemChangedIsFoundByItsNewEmailOnly() {
            Map<String, Object> ann = stored("c1", "ann@x.io", "18885550100");
            ContactUpsertBatch batch = batch(Map.of("ann@x.io", ann), Map.of("18885550100", ann));
            batch.add(item(fields("Ann", "ann@new.io", "18885550100")));
            batch.add(item(fields("Ann again", "ann@new.io", null)));
            batch.add(item(fields("Someone", "ann@x.io", null)));
            assertEquals("c1", upserted(batch, 0).contact().id());
            assertEquals("c1", upserted(batch, 1).contact().id());
            assertTrue(upserted(batch, 2).created(), "the old email matches no contact any more");
            Map<String, Object> changes = (Map<String, Object>) batch.updates().get(0).get("changes");
            assertEquals("Ann again", changes.get("firstName"), "one row per contact, the items' changes merged in order");
            assertEquals("ann@new.io", changes.get("emailLowerCase"));
        }
    }
}
