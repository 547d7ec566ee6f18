package io.liaison.contact;

import io.liaison.neo4j.DataOnlyMigration;
import ac.simons.neo4j.migrations.core.MigrationContext;
import ac.simons.neo4j.migrations.core.MigrationVersion;
import io.liaison.contact.ContactPhonesRepository.Conversion;
import io.liaison.contact.ContactPhonesRepository.StoredPhone;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.phone.PhoneNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Schema migration 0010, in Java because it needs libphonenumber: contacts stored before phones were
 * stored in E.164 keep the number as it was typed ({@code (888) 888-8888}, digits {@code 8888888888}),
 * so a create, upsert, bulk or CSV row with that number ({@code +18888888888}, digits
 * {@code 18888888888}) did not find them. Each such number is read as a write reads it now (in
 * {@code liaison.phone.default-region} when it has no +country code) and stored in E.164. A number
 * libphonenumber finds invalid stays as typed, and so does one that another contact of the location
 * already has (see {@link ContactPhonesRepository}). Runs once per store, in batches of
 * {@link #BATCH} contacts, one transaction each, before the service is ready; no event is recorded
 * (the contact's number is the same number).
 */
@ApplicationScoped
class ContactPhonesInE164 implements DataOnlyMigration {

    static final int BATCH = 1000;
    private static final Logger LOG = Logger.getLogger(ContactPhonesInE164.class);

    private final GraphDatabase db;
    private final ContactPhonesRepository repository;
    private final PhoneNumbers phones;

    public ContactPhonesInE164(GraphDatabase db, ContactPhonesRepository repository, PhoneNumbers phones) {
        this.db = db;
        this.repository = repository;
        this.phones = phones;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.withValue("0010");
    }

    @Override
    public Optional<String> getOptionalDescription() {
        return Optional.of("Contact phones in E164");
    }

    @Override
    public void apply(MigrationContext context) {
        String after = "";
        long seen = 0;
        long converted = 0;
        while (true) {
            String afterId = after;
            List<StoredPhone> batch = db.read(tx -> repository.notInE164(tx, afterId, BATCH));
            if (batch.isEmpty()) {
                break;
            }
            seen += batch.size();
            List<Conversion> conversions = conversions(batch, phones);
            converted += db.write(tx -> repository.convert(tx, conversions));
            after = batch.get(batch.size() - 1).id();
        }
        if (seen > 0) {
            LOG.infof("Contact phones in E.164: %d of %d numbers stored as typed converted; the others are no valid number "
                    + "or another contact of the location has them, and stay as typed", converted, seen);
        }
    }

    /**
     * The E.164 form of each number that has one; of numbers of one location that become the same, only
     * the first (in the batch's order) is converted.
     */
    static List<Conversion> conversions(List<StoredPhone> stored, PhoneNumbers phones) {
        List<Conversion> result = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (StoredPhone contact : stored) {
            String e164;
            try {
                e164 = phones.normalize(contact.phone());
            } catch (PhoneNumbers.InvalidPhoneNumber invalid) {
                continue;
            }
            String digits = PhoneNumbers.digits(e164);
            if (digits != null && taken.add(contact.locationId() + "\n" + digits)) {
                result.add(new Conversion(contact.id(), contact.locationId(), e164, digits));
            }
        }
        return result;
    }
}
