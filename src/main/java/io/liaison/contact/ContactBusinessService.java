package io.liaison.contact;

import io.liaison.error.QuotedValues;
import io.liaison.association.Association;
import io.liaison.association.AssociationRepository;
import io.liaison.association.AssociationRequest;
import io.liaison.association.AssociationService;
import io.liaison.association.Cardinality;
import io.liaison.association.Relation;
import io.liaison.association.RelationRequest;
import io.liaison.association.RelationService;
import io.liaison.bulk.Bulk;
import io.liaison.business.BusinessService;
import io.liaison.error.ApiException;
import io.liaison.error.Errors;
import io.liaison.error.Updates;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.SearchWindow;
import io.liaison.object.ObjectType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * HighLevel's contact-to-business link ({@code businessId}) as what it is in Liaison's graph: a relation
 * under the location's label {@value #LABEL_KEY} (contact to business, MANY_TO_ONE), made the first time
 * a businessId is written. The link is the only truth: a contact's businessId is read from it, writing a
 * businessId replaces the contact's link under that label, and a link made, or removed, through the
 * associations API (or with its business) is what businessId then says.
 */
@ApplicationScoped
public class ContactBusinessService {

    /** The label of HighLevel's contact-business link. */
    public static final String LABEL_KEY = "contact_business";
    /** Its links' relationship type (a label's type is its key's upper case). */
    static final String LABEL_TYPE = AssociationService.relationshipType(LABEL_KEY);

    private final ContactRepository contacts;
    private final AssociationRepository associations;
    private final AssociationService associationService;
    private final RelationService relations;
    private final BusinessService businesses;

    public ContactBusinessService(ContactRepository contacts, AssociationRepository associations, AssociationService associationService,
            RelationService relations, BusinessService businesses) {
        this.contacts = contacts;
        this.associations = associations;
        this.associationService = associationService;
        this.relations = relations;
        this.businesses = businesses;
    }

    /** The contacts with the businesses they are linked to. */
    public List<Contact> withBusinesses(String locationId, List<Contact> page) {
        Optional<Association> label = page.isEmpty() ? Optional.empty() : label(locationId);
        if (label.isEmpty()) {
            return page;
        }
        Map<String, String> linked = contacts.businessesOf(locationId, page.stream().map(Contact::id).toList(), label.get().id(),
                label.get().relationshipType());
        return page.stream().map(c -> c.withBusinessId(linked.get(c.id()))).toList();
    }

    public Contact withBusiness(String locationId, Contact contact) {
        return withBusinesses(locationId, List.of(contact)).get(0);
    }

    /**
     * A businessId a contact write names must be a business of the location, and the label free to
     * link it; checked before the contact is written.
     */
    public void requireBusiness(String locationId, String businessId) {
        if (businessId == null || businessId.isBlank()) {
            return;
        }
        if (findBusiness(locationId, businessId.strip()).isEmpty()) {
            throw Errors.ValidationFailed.of("businessId", "is not a business of this location");
        }
        refuseLabelBetweenOthers(locationId);
    }

    /**
     * Links the contact to the business under the label, removing its other links there; a blank
     * businessId removes them all. A link it has already is kept as it is.
     */
    public void setBusiness(String locationId, String contactId, String businessId) {
        String wanted = Updates.text(businessId);
        if (wanted != null) {
            requireBusiness(locationId, wanted);
        }
        Optional<Association> label = wanted == null ? label(locationId) : Optional.of(labelMadeIfMissing(locationId));
        if (label.isEmpty()) {
            return;
        }
        boolean kept = false;
        for (Relation link : relations.relationsOf(locationId, contactId, List.of(label.get().id()), 0, 100).relations()) {
            if (!kept && link.secondRecordId().equals(wanted) && link.firstRecordId().equals(contactId)) {
                kept = true;
            } else {
                relations.delete(locationId, link.id());
            }
        }
        if (wanted != null && !kept) {
            relations.create(locationId, new RelationRequest(locationId, label.get().id(), contactId, wanted));
        }
    }

    /** HighLevel's ContactsBulkUpateResponse, plus Liaison's errors: one per id that was not changed. */
    @Schema(name = "ContactsBulkUpateResponse")
    public record BulkResult(boolean success, List<String> ids, List<BulkError> errors) {
    }

    @Schema(name = "ContactBusinessError")
    public record BulkError(String id, String code, String message) {
    }

    /** POST /contacts/bulk/business: each contact judged alone (one not in the location fails alone). */
    public BulkResult setBusinessOfEach(String locationId, List<String> ids, String businessId) {
        Bulk.items(ids, "ids");
        requireBusiness(locationId, businessId);
        List<String> done = new ArrayList<>();
        List<BulkError> errors = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            try {
                if (!Ids.looksLikeId(id) || contacts.find(locationId, id).isEmpty()) {
                    throw new Errors.NotFound("Contact", "ids[" + i + "]", id == null ? "null" : QuotedValues.abbreviate(id));
                }
                setBusiness(locationId, id, businessId);
                done.add(id);
            } catch (ApiException e) {
                errors.add(new BulkError(id == null ? null : QuotedValues.abbreviate(id), e.code(), e.getMessage()));
            }
        }
        return new BulkResult(errors.isEmpty(), List.copyOf(done), List.copyOf(errors));
    }

    /** GET /contacts/business/{businessId}: its contacts, oldest first; 404 for a business not in the location. */
    public ContactRepository.Page contactsOf(String locationId, String businessId, String query, Integer skip, Integer limit) {
        if (findBusiness(locationId, businessId).isEmpty()) {
            throw new Errors.NotFound("Business", QuotedValues.abbreviate(businessId));
        }
        int size = limit == null ? 25 : SearchWindow.pageSize(limit, "limit");
        if (skip != null && (skip < 0 || skip > SearchWindow.MAX_OFFSET)) {
            throw Errors.ValidationFailed.of("skip", "must be between 0 and " + SearchWindow.MAX_OFFSET);
        }
        if (query != null && query.length() > 200) {
            throw Errors.ValidationFailed.of("query", "must be at most 200 characters");
        }
        Optional<Association> label = label(locationId);
        if (label.isEmpty()) {
            return new ContactRepository.Page(List.of(), 0);
        }
        String text = query == null || query.isBlank() ? null : query.strip().toLowerCase(Locale.ROOT);
        return contacts.ofBusiness(locationId, businessId, label.get().id(), label.get().relationshipType(), text,
                skip == null ? 0 : skip, size);
    }

    private Optional<?> findBusiness(String locationId, String businessId) {
        if (!Ids.looksLikeId(businessId)) {
            return Optional.empty();
        }
        try {
            return Optional.of(businesses.get(locationId, businessId));
        } catch (Errors.NotFound e) {
            return Optional.empty();
        }
    }

    /**
     * The location's contact-business label, if it has one. A label of that key between other objects
     * (made by hand before) gives no contact a business, and writing one is a 409 naming it.
     */
    private Optional<Association> label(String locationId) {
        return associations.findByKey(locationId, LABEL_KEY).filter(ContactBusinessService::linksContactToBusiness);
    }

    private static boolean linksContactToBusiness(Association label) {
        return ObjectType.CONTACT_KEY.equals(label.firstObjectKey()) && ObjectType.BUSINESS_KEY.equals(label.secondObjectKey());
    }

    private void refuseLabelBetweenOthers(String locationId) {
        associations.findByKey(locationId, LABEL_KEY).filter(found -> !linksContactToBusiness(found)).ifPresent(found -> {
            throw new Errors.Conflict("BUSINESS_LABEL_MISMATCH", "The label " + LABEL_KEY + " links " + found.firstObjectKey()
                    + " to " + found.secondObjectKey() + "; businessId needs it to link contact to business", "businessId",
                    Map.of("associationId", found.id()));
        });
    }

    private Association labelMadeIfMissing(String locationId) {
        refuseLabelBetweenOthers(locationId);
        return label(locationId).orElseGet(() -> {
            try {
                return associationService.create(locationId, new AssociationRequest(locationId, LABEL_KEY, ObjectType.CONTACT_KEY,
                        "Contact", ObjectType.BUSINESS_KEY, "Business", Cardinality.MANY_TO_ONE, null, null));
            } catch (Errors.Conflict e) {
                // Made meanwhile by a concurrent write.
                return label(locationId).orElseThrow(() -> e);
            }
        });
    }

}
