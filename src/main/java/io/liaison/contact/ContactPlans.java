package io.liaison.contact;

import io.liaison.neo4j.PlanWarmUp;
import jakarta.enterprise.context.ApplicationScoped;
import org.neo4j.driver.TransactionContext;

/** The hot statements of contacts, planned after a start (see {@link PlanWarmUp}): a contact's create and its event. */
@ApplicationScoped
public class ContactPlans implements PlanWarmUp.Rehearsal {

    private final ContactService contacts;

    public ContactPlans(ContactService contacts) {
        this.contacts = contacts;
    }

    @Override
    public String what() {
        return "contact create";
    }

    @Override
    public void rehearse(TransactionContext tx) {
        contacts.rehearseCreate(tx, PlanWarmUp.NO_LOCATION);
    }
}
