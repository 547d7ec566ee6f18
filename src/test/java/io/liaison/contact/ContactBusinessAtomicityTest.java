package io.liaison.contact;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.Race;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A contact write that carries a businessId is one transaction: the contact, the contact_business label
 * when it is missing, and the link. When the link (or the label) is refused, the whole write is: no
 * contact, no change, no label, no event is left behind.
 */
@QuarkusTest
class ContactBusinessAtomicityTest {

    @Inject
    MeterRegistry registry;

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = Api.newTenant("Contact business atomicity");
    }

    private String business(String name) {
        return tenant.request().body(Map.of("locationId", tenant.locationId(), "name", name)).post("/businesses/").then()
                .statusCode(201).extract().path("business.id");
    }

    /** A hand-made contact_business label that lets a business have one contact only. */
    private String oneContactPerBusiness() {
        return tenant.createAssociation("contact_business", "contact", "Contact", "business", "Business", "ONE_TO_ONE");
    }

    @Test
    void aRefusedLinkLeavesNoNewContactBehind() {
        String label = oneContactPerBusiness();
        String acme = business("Acme");
        String jane = tenant.createContact("Jane", "J");
        tenant.linked(label, jane, acme);

        tenant.request().body(Map.of("locationId", tenant.locationId(), "firstName", "Bob", "email", "bob@acme.test",
                "businessId", acme)).post("/contacts/").then().statusCode(409).body("code", equalTo("LIMIT_EXCEEDED"));

        tenant.request().get("/contacts/").then().statusCode(200).body("total", equalTo(1)).body("contacts[0].id", equalTo(jane));
        tenant.request().queryParam("locationId", tenant.locationId()).queryParam("email", "bob@acme.test")
                .get("/contacts/search/duplicate").then().statusCode(200).body("contact", nullValue());
        tenant.request().body(Map.of("locationId", tenant.locationId(), "firstName", "Bob", "email", "bob@acme.test",
                "businessId", acme)).post("/contacts/upsert").then().statusCode(409).body("code", equalTo("LIMIT_EXCEEDED"));
        tenant.request().get("/contacts/").then().statusCode(200).body("total", equalTo(1));
        // Jane's ContactCreate only, once the background numbering has made it visible in the feed.
        long giveUpAt = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (tenant.request().get("/events").then().statusCode(200).extract().jsonPath()
                .getList("events.findAll { it.type == 'ContactCreate' }").isEmpty() && System.nanoTime() < giveUpAt) {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
        tenant.request().get("/events").then().statusCode(200).body("events.findAll { it.type == 'ContactCreate' }.size()", equalTo(1));
    }

    @Test
    void aRefusedLinkLeavesTheUpdatedContactAsItWas() {
        String label = oneContactPerBusiness();
        String acme = business("Acme");
        String globex = business("Globex");
        String jane = tenant.createContact("Jane", "J");
        String bob = tenant.createContact("Bob", "B");
        tenant.linked(label, jane, acme);
        tenant.linked(label, bob, globex);

        // Bob would leave Globex for Acme, which has its one contact already: nothing of the write is kept.
        tenant.request().body(Map.of("lastName", "Changed", "businessId", acme)).put("/contacts/" + bob).then().statusCode(409)
                .body("code", equalTo("LIMIT_EXCEEDED"));

        tenant.request().get("/contacts/" + bob).then().statusCode(200).body("contact.lastName", equalTo("B"))
                .body("contact.businessId", equalTo(globex));
        tenant.request().get("/associations/relations/" + bob).then().statusCode(200).body("total", equalTo(1))
                .body("relations[0].secondRecordId", equalTo(globex));
        tenant.request().get("/events").then().statusCode(200).body("events.type", not(hasItem("ContactUpdate")))
                .body("events.type", not(hasItem("RelationDelete")));
    }

    /** Racing writes for one business under a one-contact label: one contact wins it, no other is left behind. */
    @Test
    void racingContactsForOneBusinessLeaveOnlyTheWinner() throws Exception {
        oneContactPerBusiness();
        String acme = business("Acme");
        List<Integer> statuses = Race.run(creates(8, "Racer", acme));
        assertEquals(1, Race.count(statuses, 201), statuses.toString());
        assertEquals(7, Race.count(statuses, 409), statuses.toString());
        tenant.request().get("/contacts/").then().statusCode(200).body("total", equalTo(1))
                .body("contacts[0].businessId", equalTo(acme));
        tenant.request().get("/contacts/business/" + acme).then().statusCode(200).body("total", equalTo(1));
    }

    /** Racing first writes of a businessId on a location: each makes the label if missing, in its transaction; one label results. */
    @Test
    void racingFirstBusinessIdsMakeOneLabel() throws Exception {
        String acme = business("Acme");
        List<Integer> statuses = Race.run(creates(8, "First", acme));
        assertEquals(8, Race.count(statuses, 201), statuses.toString());
        tenant.request().get("/associations/").then().statusCode(200).body("associations.findAll { it.key == 'contact_business' }.size()",
                equalTo(1));
        tenant.request().get("/contacts/business/" + acme).then().statusCode(200).body("total", equalTo(8));
    }

    /**
     * Each write is one transaction, whichever way Neo4j is reached: the contact, the link's locks, the old
     * link's removal and the new link; the answer's businessId comes from it too. (Before, a write that
     * moved a contact to another business began three write and nine read transactions.) Other work of
     * the service (the API key's cache, background jobs) can only add to a write's count, so the fewest
     * any of ten writes began is what one write costs.
     */
    @Test
    void aContactWriteWithABusinessIdBeginsOneTransaction() {
        String acme = business("Acme");
        String globex = business("Globex");
        String jane = tenant.request().body(Map.of("locationId", tenant.locationId(), "firstName", "Jane", "businessId", acme))
                .post("/contacts/").then().statusCode(201).extract().path("contact.id");
        double fewest = Double.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            String next = i % 2 == 0 ? globex : acme;
            double before = transactionsBegun();
            tenant.request().body(Map.of("businessId", next)).put("/contacts/" + jane).then().statusCode(200)
                    .body("contact.businessId", equalTo(next));
            fewest = Math.min(fewest, transactionsBegun() - before);
        }
        assertEquals(1.0, fewest, "transactions begun by a write that moves a contact to another business");
        tenant.request().get("/associations/relations/" + jane).then().statusCode(200).body("total", equalTo(1))
                .body("relations[0].secondRecordId", equalTo(acme));
    }

    private double transactionsBegun() {
        return registry.find("liaison.transactions").counters().stream().mapToDouble(Counter::count).sum();
    }

    /** {@code count} new contacts, each written with the businessId. */
    private List<Callable<Integer>> creates(int count, String namePrefix, String businessId) {
        List<Callable<Integer>> creates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = namePrefix + i;
            creates.add(() -> tenant.request().body(Map.of("locationId", tenant.locationId(), "firstName", name, "businessId", businessId))
                    .post("/contacts/").then().extract().statusCode());
        }
        return creates;
    }

    @Test
    void aLabelThatCannotBeMadeLeavesNoContactBehind() {
        String acme = business("Acme");
        int limit = 10; // LIAISON_LIMITS_LABELS_PER_OBJECT_PAIR's default
        for (int i = 0; i < limit; i++) {
            tenant.createAssociation("contact_business_" + i, "contact", "Contact " + i, "business", "Business " + i, null);
        }

        tenant.request().body(Map.of("locationId", tenant.locationId(), "firstName", "Bob", "businessId", acme)).post("/contacts/")
                .then().statusCode(409).body("code", equalTo("LIMIT_EXCEEDED"));

        tenant.request().get("/contacts/").then().statusCode(200).body("total", equalTo(0));
        tenant.request().get("/associations/key/contact_business").then().statusCode(404);
        tenant.request().get("/events").then().statusCode(200).body("events.type", not(hasItem("ContactCreate")));
    }
}
