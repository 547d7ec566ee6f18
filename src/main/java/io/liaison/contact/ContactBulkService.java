package io.liaison.contact;

import io.liaison.bulk.Bulk;
import io.liaison.bulk.ItemStatus;
import io.liaison.error.ApiException;
import io.liaison.error.BeanValidation;
import io.liaison.error.ErrorBody;
import io.liaison.error.Errors;
import io.liaison.event.EventOutbox;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.Neo4jErrors;
import io.liaison.object.ObjectType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.types.Node;

/**
 * Bulk upsert of contacts: each item is judged by the single upsert's rules (its Bean Validation, then
 * {@link ContactService}'s normalisation), and the valid ones are upserted in one transaction.
 */
@ApplicationScoped
class ContactBulkService {

    private final GraphDatabase db;
    private final Locks locks;
    private final EventOutbox outbox;
    private final ContactService contacts;
    private final ContactRepository repository;
    private final BeanValidation validation;
    private final ContactBusinessService businesses;

    public ContactBulkService(GraphDatabase db, Locks locks, EventOutbox outbox, ContactService contacts, ContactRepository repository,
            BeanValidation validation, ContactBusinessService businesses) {
        this.db = db;
        this.locks = locks;
        this.outbox = outbox;
        this.contacts = contacts;
        this.repository = repository;
        this.validation = validation;
        this.businesses = businesses;
    }

    @Schema(name = "ContactBulkItemResult")
    public record ItemResult(int index, ItemStatus status, Contact contact, ErrorBody error) implements ItemStatus.HasStatus {
    }

    @Schema(name = "ContactBulkResult")
    public record Result(List<ItemResult> results, int created, int updated, int failed) {
        static Result of(ItemResult[] items) {
            List<ItemResult> results = Arrays.asList(items);
            return new Result(List.copyOf(results), ItemStatus.CREATED.countIn(results), ItemStatus.UPDATED.countIn(results),
                    ItemStatus.FAILED.countIn(results));
        }
    }

    public Result upsert(String locationId, List<Bulk.Item<ContactRequest>> requests) {
        Bulk.items(requests, "contacts");
        ItemResult[] results = new ItemResult[requests.size()];
        List<Integer> valid = new ArrayList<>();
        List<ContactUpsertBatch.Item> items = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            try {
                items.add(item(locationId, requests.get(i).read(), i));
                valid.add(i);
            } catch (ApiException e) {
                results[i] = failed(i, e);
            }
        }
        if (!items.isEmpty()) {
            List<Object> outcomes = upsertAll(locationId, items);
            for (int n = 0; n < outcomes.size(); n++) {
                int index = valid.get(n);
                Object outcome = outcomes.get(n);
                results[index] = outcome instanceof ContactService.Upserted done
                        ? new ItemResult(index, done.created() ? ItemStatus.CREATED : ItemStatus.UPDATED, done.contact().withoutCursor(), null)
                        : failed(index, ContactService.duplicate(((ContactUpsertBatch.PhoneTaken) outcome).owner(), "phone"));
            }
        }
        return Result.of(withBusinesses(locationId, results));
    }

    /**
     * Each contact answered with the business it has, as every contact answer is, and as its item left
     * it: a contact that several items upsert is answered at each as the single endpoint would have.
     */
    private ItemResult[] withBusinesses(String locationId, ItemResult[] results) {
        List<Integer> written = new ArrayList<>();
        for (int i = 0; i < results.length; i++) {
            if (results[i].contact() != null) {
                written.add(i);
            }
        }
        List<Contact> linked = businesses.withBusinesses(locationId, written.stream().map(i -> results[i].contact()).toList());
        ItemResult[] answered = results.clone();
        for (int n = 0; n < written.size(); n++) {
            ItemResult r = results[written.get(n)];
            answered[written.get(n)] = new ItemResult(r.index(), r.status(), linked.get(n), r.error());
        }
        return answered;
    }

    /** One contact's answer in HighLevel's UpdateTagsResponseDTO; {@code code} is Liaison's, on errors. */
    @Schema(name = "UpdateTagsContactResponse")
    public record TagsOutcome(String contactId, String message, @Schema(enumeration = {"success", "error"}) String type,
            List<String> oldTags, List<String> tagsAdded, List<String> tagsRemoved, String code) {

        static TagsOutcome success(String contactId, List<String> oldTags, List<String> newTags) {
            return new TagsOutcome(contactId, "Tags updated", "success", oldTags,
                    newTags.stream().filter(t -> !oldTags.contains(t)).toList(), oldTags.stream().filter(t -> !newTags.contains(t)).toList(), null);
        }

        static TagsOutcome error(String contactId, ApiException e) {
            return new TagsOutcome(contactId, e.getMessage(), "error", null, null, null, e.code());
        }
    }

    /** HighLevel's UpdateTagsResponseDTO: {@code succeded} is true when no contact failed. */
    @Schema(name = "UpdateTagsResponseDTO")
    public record TagsResult(boolean succeded, int errorCount, List<TagsOutcome> responses) {
    }

    /**
     * Adds or removes tags of up to {@link Bulk#MAX_ITEMS} contacts in one transaction, each contact
     * judged as POST or DELETE /contacts/{id}/tags would judge it (a contact past its tag limit, or not
     * in the location, fails alone) and answered in the order given.
     */
    public TagsResult updateTags(String locationId, String type, ContactTagsBulkRequest request) {
        boolean add = "add".equals(type);
        if (!add && !"remove".equals(type)) {
            throw Errors.ValidationFailed.of("type", "must be add or remove");
        }
        List<String> ids = Bulk.items(request.contacts(), "contacts");
        boolean removeAll = Boolean.TRUE.equals(request.removeAllTags());
        if (removeAll && add) {
            throw Errors.ValidationFailed.of("removeAllTags", "can only be used with type remove");
        }
        if (request.tags() == null) {
            throw Errors.ValidationFailed.of("tags", "should be a list of tags");
        }
        List<String> tags = removeAll && request.tags().isEmpty() ? List.of() : ContactService.normalisedTags(request.tags());
        List<String> valid = ids.stream().filter(Ids::looksLikeId).toList();
        TagChange change = removeAll ? TagChange.REMOVE_ALL : add ? TagChange.ADD : TagChange.REMOVE;
        Map<String, TagsOutcome> outcomes = valid.isEmpty() ? Map.of() : db.write(tx -> changeTagsOfEach(tx, locationId, valid, change, tags));
        List<TagsOutcome> responses = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            responses.add(id != null && outcomes.containsKey(id) ? outcomes.get(id)
                    : TagsOutcome.error(id, Errors.ValidationFailed.of("contacts[" + i + "]", "is not a contact id")));
        }
        int errors = (int) responses.stream().filter(r -> "error".equals(r.type())).count();
        return new TagsResult(errors == 0, errors, List.copyOf(responses));
    }

    private enum TagChange { ADD, REMOVE, REMOVE_ALL }

    /**
     * Each contact read under its write lock, in id order (so two batches never wait on each other in a
     * circle), and changed from what it holds now; each written gets its ContactUpdate, as a single
     * change would. A contact not in the location, or past its tag limit, fails alone. Answers by id.
     */
    private Map<String, TagsOutcome> changeTagsOfEach(TransactionContext tx, String locationId, List<String> ids, TagChange change,
            List<String> tags) {
        Map<String, TagsOutcome> outcomes = new HashMap<>();
        for (String id : ids.stream().distinct().sorted().toList()) {
            Optional<Map<String, Object>> current = locks.recordForChange(tx, locationId, ObjectType.CONTACT_KEY, id).map(Node::asMap);
            if (current.isEmpty()) {
                outcomes.put(id, TagsOutcome.error(id, new Errors.NotFound("Contact", id)));
                continue;
            }
            List<String> before = ContactService.tagsOf(current.get());
            List<String> after;
            try {
                after = switch (change) {
                    case ADD -> ContactService.withTagsAdded(id, before, tags);
                    case REMOVE -> ContactService.withTagsRemoved(before, tags);
                    case REMOVE_ALL -> List.of();
                };
            } catch (ApiException e) {
                outcomes.put(id, TagsOutcome.error(id, e));
                continue;
            }
            contacts.updated(tx, locationId, id, ContactService.tagChanges(current.get(), after));
            outcomes.put(id, TagsOutcome.success(id, before, after));
        }
        return outcomes;
    }

    /** The item as the single upsert would take it; throws what the single upsert would answer. */
    ContactUpsertBatch.Item item(String locationId, ContactRequest request, int index) {
        if (request == null) {
            throw Bulk.missingItem("contacts", index);
        }
        if (request.locationId() != null && !request.locationId().isBlank() && !request.locationId().equals(locationId)) {
            throw new Errors.Forbidden("LOCATION_MISMATCH", "contacts[" + index + "].locationId is not the location of this request",
                    "locationId");
        }
        validation.check(request);
        if (request.businessId() != null) {
            throw Errors.ValidationFailed.of("businessId", "is set on one contact (POST or PUT /contacts/) or with POST /contacts/bulk/business");
        }
        Map<String, Object> given = contacts.givenFields(locationId, request);
        return new ContactUpsertBatch.Item((String) given.get("emailLowerCase"), (String) given.get("phoneDigits"), given,
                ContactService.newContactProperties(locationId, given));
    }

    /** A concurrent writer may take an email or phone between our match and our commit; then all is matched again. */
    private List<Object> upsertAll(String locationId, List<ContactUpsertBatch.Item> items) {
        for (int attempt = 1; ; attempt++) {
            try {
                return db.write(tx -> upsertEach(tx, locationId, items));
            } catch (ClientException e) {
                if (attempt >= 3 || !Neo4jErrors.isConstraintViolation(e)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Upserts many contacts in one transaction, in order, so a later item sees an earlier one: matched in
     * two statements, judged by {@link ContactUpsertBatch}, written in three. Answers per item a
     * {@link ContactService.Upserted} or a {@link ContactUpsertBatch.PhoneTaken}.
     */
    private List<Object> upsertEach(TransactionContext tx, String locationId, List<ContactUpsertBatch.Item> items) {
        ContactUpsertBatch batch = new ContactUpsertBatch(locationId, repository.byEmails(tx, locationId, ContactUpsertBatch.emails(items)),
                repository.byPhones(tx, locationId, ContactUpsertBatch.phones(items)), repository::toContact);
        items.forEach(batch::add);
        List<Map<String, Object>> created = batch.created();
        if (!created.isEmpty()) {
            repository.createAll(tx, created);
        }
        List<Map<String, Object>> updates = batch.updates();
        if (!updates.isEmpty() && repository.updateAll(tx, locationId, updates) != updates.size()) {
            // A matched contact was deleted meanwhile: nothing of the batch is written (no event without
            // its change), as a single upsert's update then fails.
            throw new IllegalStateException("A contact matched by the batch was deleted while it was upserted");
        }
        outbox.appendPrepared(tx, batch.events());
        return batch.outcomes();
    }

    private static ItemResult failed(int index, ApiException e) {
        return new ItemResult(index, ItemStatus.FAILED, null, ErrorBody.of(e));
    }
}
