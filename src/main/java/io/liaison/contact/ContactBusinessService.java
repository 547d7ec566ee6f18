package io.liaison.contact;

import io.liaison.error.QuotedValues;
import io.liaison.association.Association;
import io.liaison.association.AssociationRepository;
import io.liaison.association.AssociationRequest;
import io.liaison.association.AssociationService;
import io.liaison.association.Cardinality;
import io.liaison.association.Relation;
import io.liaison.association.RelationRepository;
import io.liaison.association.RelationService;
import io.liaison.bulk.Bulk;
import io.liaison.business.BusinessService;
import io.liaison.error.ApiException;
import io.liaison.error.Errors;
import io.liaison.error.Updates;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.SearchWindow;
import io.liaison.object.ObjectType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.neo4j.driver.TransactionContext;

/**
 * HighLevel's contact-to-business link ({@code businessId}) as what it is in Liaison's graph: a relation
 * under the location's label {@value #LABEL_KEY} (contact to business, MANY_TO_ONE), made the first time
 * a businessId is written. The link is the only truth: a contact's businessId is read from it, writing a
 * businessId replaces the contact's link under that label, and a link made, or removed, through the
 * associations API (or with its business) is what businessId then says.
 *
 * <p>A contact write that carries a businessId is one transaction (ContactService): this class's
 * {@link #prepare} (the business checked, the label made if missing, the link path's locks), the
 * contact's write, then {@link #applied} (its other links removed, the link made); a refused link
 * refuses the write, so no contact is left without the business it was written with.
 */
@ApplicationScoped
class ContactBusinessService {

    /** The label of HighLevel's contact-business link. */
    public static final String LABEL_KEY = "contact_business";
    /** Its links' relationship type (a label's type is its key's upper case). */
    static final String LABEL_TYPE = AssociationService.relationshipType(LABEL_KEY);
    /** More links than a contact has under the label (MANY_TO_ONE: one), read at once to keep one and remove the others. */
    private static final int LINKS_READ = 100;

    private final GraphDatabase db;
    private final Locks locks;
    private final ContactRepository contacts;
    private final AssociationRepository associations;
    private final AssociationService associationService;
    private final RelationRepository relationLinks;
    private final RelationService relations;
    private final BusinessService businesses;

    public ContactBusinessService(GraphDatabase db, Locks locks, ContactRepository contacts, AssociationRepository associations,
            AssociationService associationService, RelationRepository relationLinks, RelationService relations,
            BusinessService businesses) {
        this.db = db;
        this.locks = locks;
        this.contacts = contacts;
        this.associations = associations;
        this.associationService = associationService;
        this.relationLinks = relationLinks;
        this.relations = relations;
        this.businesses = businesses;
    }

    /** The contacts with the businesses they are linked to. */
    public List<Contact> withBusinesses(String locationId, List<Contact> page) {
        return page.isEmpty() ? page : db.read(tx -> withBusinesses(tx, locationId, page));
    }

    /** {@link #withBusinesses(String, List)} in the caller's transaction. */
    public List<Contact> withBusinesses(TransactionContext tx, String locationId, List<Contact> page) {
        Optional<Association> label = page.isEmpty() ? Optional.empty() : label(tx, locationId);
        if (label.isEmpty()) {
            return page;
        }
        Map<String, String> linked = contacts.businessesOf(tx, locationId, page.stream().map(Contact::id).toList(), label.get().id(),
                label.get().relationshipType());
        return page.stream().map(c -> c.withBusinessId(linked.get(c.id()))).toList();
    }

    /**
     * A businessId a contact write names must be a business of the location, and the label free to
     * link it: checked up front by a bulk request, which then writes each contact alone.
     */
    void requireBusiness(String locationId, String businessId) {
        if (businessId != null && !businessId.isBlank()) {
            db.read(tx -> requireBusiness(tx, locationId, businessId.strip()));
        }
    }

    /** Nothing when the business is in the location and the label may link it; else a 422 or the 409 of {@link #refuseLabelBetweenOthers}. */
    private Optional<Association> requireBusiness(TransactionContext tx, String locationId, String businessId) {
        if (!businesses.exists(tx, locationId, businessId)) {
            throw Errors.ValidationFailed.of("businessId", "is not a business of this location");
        }
        Optional<Association> found = associations.byKey(tx, locationId, LABEL_KEY);
        found.ifPresent(ContactBusinessService::refuseLabelBetweenOthers);
        return found;
    }

    /**
     * What a contact write's {@code businessId} asks of its transaction, settled before the contact is
     * written: the label to link under (none when there is none and the write only removes) and the
     * business wanted (null: none).
     */
    public record BusinessChange(Optional<Association> label, String wanted) {
    }

    /** A contact as a write left it, with the business it has, and whether the write made a link (counted once committed). */
    public record Written(Contact contact, boolean linked) {
    }

    /**
     * The first half of a contact write that carries a businessId, in the write's transaction, before the
     * contact is written or locked; empty when the write carries none (null). A blank businessId removes the
     * contact's business; any other must be a business of the location (422 otherwise), and the label is made
     * if missing ({@link AssociationService#madeIfMissing}). Then the locks every link and unlink takes, in the
     * order of {@link Locks}: the location (only to make the label), the label shared, then the records in id
     * order: the contact (when it exists), the business wanted and the businesses it is linked to now. The
     * contact's own lock, taken after this, is then one the transaction holds already.
     */
    public Optional<BusinessChange> prepare(TransactionContext tx, String locationId, String contactId, String businessId) {
        if (businessId == null) {
            return Optional.empty();
        }
        String wanted = Updates.text(businessId);
        Optional<Association> label;
        if (wanted == null) {
            label = label(tx, locationId);
        } else {
            Optional<Association> found = requireBusiness(tx, locationId, wanted);
            label = Optional.of(found.orElseGet(() -> {
                Association made = associationService.madeIfMissing(tx, locationId, new AssociationRequest(locationId, LABEL_KEY,
                        ObjectType.CONTACT_KEY, "Contact", ObjectType.BUSINESS_KEY, "Business", Cardinality.MANY_TO_ONE, null, null));
                refuseLabelBetweenOthers(made); // a label of that key made by hand meanwhile
                return made;
            }));
        }
        if (label.isEmpty() || !locks.labelForLinking(tx, locationId, label.get().id())) {
            if (wanted != null) {
                throw new Errors.NotFound("Association", label.map(Association::id).orElse(LABEL_KEY)); // deleted meanwhile
            }
            return Optional.of(new BusinessChange(Optional.empty(), null));
        }
        Set<String> records = new TreeSet<>();
        if (contactId != null) {
            records.add(contactId);
            for (Relation link : linksUnder(tx, label.get(), contactId)) {
                records.add(link.firstRecordId());
                records.add(link.secondRecordId());
            }
        }
        if (wanted != null) {
            records.add(wanted);
        }
        locks.records(tx, locationId, records);
        return Optional.of(new BusinessChange(label, wanted));
    }

    /**
     * The second half, once the contact is written, in the same transaction: the contact's links under the
     * label removed but the one to the business wanted (kept as it is), which is made when missing. A link
     * the rules refuse (the label's cardinality, the business's cap) is thrown and fails the whole write.
     * Without a change, the business the contact has; a new contact has none.
     */
    public Written applied(TransactionContext tx, String locationId, Contact contact, Optional<BusinessChange> change, boolean isNew) {
        if (change.isEmpty()) {
            return new Written(isNew ? contact : withBusinesses(tx, locationId, List.of(contact)).get(0), false);
        }
        if (change.get().label().isEmpty()) {
            return new Written(contact.withBusinessId(null), false);
        }
        Association label = change.get().label().get();
        String wanted = change.get().wanted();
        boolean kept = false;
        List<RelationRepository.LinkToRemove> others = new ArrayList<>();
        for (Relation link : linksUnder(tx, label, contact.id())) {
            if (!kept && link.secondRecordId().equals(wanted) && link.firstRecordId().equals(contact.id())) {
                kept = true;
            } else {
                others.add(new RelationRepository.LinkToRemove(link.id(), link.firstRecordId()));
            }
        }
        if (!others.isEmpty()) {
            relationLinks.deleteEach(tx, locationId, others);
        }
        boolean linking = wanted != null && !kept;
        if (linking) {
            relations.linkIn(tx, label, contact.id(), wanted);
        }
        return new Written(contact.withBusinessId(wanted), linking);
    }

    /** After the write's transaction has committed: its link counted. */
    public void committed(Written written) {
        relations.linksCommitted(written.linked() ? 1 : 0);
    }

    /** The record's links under the label, either way round. */
    private List<Relation> linksUnder(TransactionContext tx, Association label, String recordId) {
        return relationLinks.relationsOf(tx, label.locationId(), recordId, List.of(label.id()), 0, LINKS_READ)
                .map(RelationRepository.Page::relations).orElse(List.of());
    }

    /** HighLevel's ContactsBulkUpateResponse, plus Liaison's errors: one per id that was not changed. */
    @Schema(name = "ContactsBulkUpateResponse")
    public record BulkResult(boolean success, List<String> ids, List<BulkError> errors) {
    }

    @Schema(name = "ContactBusinessError")
    public record BulkError(String id, String code, String message) {
    }

    /**
     * POST /contacts/bulk/business: each contact judged alone (one not in the location fails alone), each
     * in its own transaction, written as a contact write's businessId is ({@link #prepare}, {@link #applied}).
     */
    public BulkResult setBusinessOfEach(String locationId, List<String> ids, String businessId) {
        Bulk.items(ids, "ids");
        requireBusiness(locationId, businessId);
        // null unlinks here, as a blank businessId does on a contact write.
        String given = businessId == null ? "" : businessId;
        List<String> done = new ArrayList<>();
        List<BulkError> errors = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            Errors.NotFound notFound = new Errors.NotFound("Contact", "ids[" + i + "]", id == null ? "null" : QuotedValues.abbreviate(id));
            try {
                if (!Ids.looksLikeId(id)) {
                    throw notFound;
                }
                Written written = db.write(tx -> {
                    Optional<BusinessChange> change = prepare(tx, locationId, id, given);
                    Contact contact = locks.recordForChange(tx, locationId, ObjectType.CONTACT_KEY, id).map(contacts::toContact)
                            .orElseThrow(() -> notFound);
                    return applied(tx, locationId, contact, change, false);
                });
                committed(written);
                done.add(id);
            } catch (ApiException e) {
                errors.add(new BulkError(id == null ? null : QuotedValues.abbreviate(id), e.code(), e.getMessage()));
            }
        }
        return new BulkResult(errors.isEmpty(), List.copyOf(done), List.copyOf(errors));
    }

    /** GET /contacts/business/{businessId}: its contacts, oldest first; 404 for a business not in the location. */
    public ContactRepository.Page contactsOf(String locationId, String businessId, String query, Integer skip, Integer limit) {
        return db.read(tx -> {
            if (!businesses.exists(tx, locationId, businessId)) {
                throw new Errors.NotFound("Business", QuotedValues.abbreviate(businessId));
            }
            int size = limit == null ? 25 : SearchWindow.pageSize(limit, "limit");
            if (skip != null && (skip < 0 || skip > SearchWindow.MAX_OFFSET)) {
                throw Errors.ValidationFailed.of("skip", "must be between 0 and " + SearchWindow.MAX_OFFSET);
            }
            if (query != null && query.length() > 200) {
                throw Errors.ValidationFailed.of("query", "must be at most 200 characters");
            }
            Optional<Association> label = label(tx, locationId);
            if (label.isEmpty()) {
                return new ContactRepository.Page(List.of(), 0);
            }
            String text = query == null || query.isBlank() ? null : query.strip().toLowerCase(Locale.ROOT);
            String labelId = label.get().id();
            String type = label.get().relationshipType();
            return new ContactRepository.Page(contacts.ofBusiness(tx, locationId, businessId, labelId, type, text, skip == null ? 0 : skip, size),
                    contacts.countOfBusiness(tx, locationId, businessId, labelId, type, text));
        });
    }

    /**
     * The location's contact-business label, if it has one. A label of that key between other objects
     * (made by hand before) gives no contact a business, and writing one is a 409 naming it.
     */
    private Optional<Association> label(TransactionContext tx, String locationId) {
        return associations.byKey(tx, locationId, LABEL_KEY).filter(ContactBusinessService::linksContactToBusiness);
    }

    private static boolean linksContactToBusiness(Association label) {
        return ObjectType.CONTACT_KEY.equals(label.firstObjectKey()) && ObjectType.BUSINESS_KEY.equals(label.secondObjectKey());
    }

    private static void refuseLabelBetweenOthers(Association found) {
        if (!linksContactToBusiness(found)) {
            throw new Errors.Conflict("BUSINESS_LABEL_MISMATCH", "The label " + LABEL_KEY + " links " + found.firstObjectKey()
                    + " to " + found.secondObjectKey() + "; businessId needs it to link contact to business", "businessId",
                    Map.of("associationId", found.id()));
        }
    }
}
