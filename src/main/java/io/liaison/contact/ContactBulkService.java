package io.liaison.contact;

import io.liaison.bulk.Bulk;
import io.liaison.bulk.ItemStatus;
import io.liaison.error.ApiException;
import io.liaison.error.BeanValidation;
import io.liaison.error.ErrorBody;
import io.liaison.error.Errors;
import io.liaison.neo4j.Neo4jErrors;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.neo4j.driver.exceptions.ClientException;

/**
 * Bulk upsert of contacts: each item is judged by the single upsert's rules (its Bean Validation, then
 * {@link ContactService}'s normalisation), and the valid ones are upserted in one transaction.
 */
@ApplicationScoped
public class ContactBulkService {

    private final ContactService contacts;
    private final ContactRepository repository;
    private final BeanValidation validation;

    public ContactBulkService(ContactService contacts, ContactRepository repository, BeanValidation validation) {
        this.contacts = contacts;
        this.repository = repository;
        this.validation = validation;
    }

    @Schema(name = "ContactBulkItemResult")
    public record ItemResult(int index, ItemStatus status, Contact contact, ErrorBody error) {
    }

    @Schema(name = "ContactBulkResult")
    public record Result(List<ItemResult> results, int created, int updated, int failed) {
        static Result of(ItemResult[] items) {
            List<ItemResult> results = Arrays.asList(items);
            return new Result(List.copyOf(results), count(results, ItemStatus.CREATED), count(results, ItemStatus.UPDATED),
                    count(results, ItemStatus.FAILED));
        }

        private static int count(List<ItemResult> results, ItemStatus status) {
            return (int) results.stream().filter(r -> r.status() == status).count();
        }
    }

    public Result upsert(String locationId, List<Bulk.Item<ContactRequest>> requests) {
        Bulk.items(requests, "contacts");
        ItemResult[] results = new ItemResult[requests.size()];
        List<Integer> valid = new ArrayList<>();
        List<ContactRepository.UpsertItem> items = new ArrayList<>();
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
                results[index] = outcome instanceof ContactRepository.UpsertResult done
                        ? new ItemResult(index, done.created() ? ItemStatus.CREATED : ItemStatus.UPDATED, done.contact().withoutCursor(), null)
                        : failed(index, ContactService.duplicate(((ContactRepository.PhoneTaken) outcome).owner(), "phone"));
            }
        }
        return Result.of(results);
    }

    /** The item as the single upsert would take it; throws what the single upsert would answer. */
    ContactRepository.UpsertItem item(String locationId, ContactRequest request, int index) {
        if (request == null) {
            throw Bulk.missingItem("contacts", index);
        }
        if (request.locationId() != null && !request.locationId().isBlank() && !request.locationId().equals(locationId)) {
            throw new Errors.Forbidden("LOCATION_MISMATCH", "contacts[" + index + "].locationId is not the location of this request",
                    "locationId");
        }
        validation.check(request);
        Map<String, Object> given = contacts.givenFields(locationId, request);
        return new ContactRepository.UpsertItem((String) given.get("emailLowerCase"), (String) given.get("phoneDigits"),
                current -> contacts.changes(current, given), contacts.newContactProperties(locationId, request));
    }

    /** A concurrent writer may take an email or phone between our match and our commit; then all is matched again. */
    private List<Object> upsertAll(String locationId, List<ContactRepository.UpsertItem> items) {
        for (int attempt = 1; ; attempt++) {
            try {
                return repository.upsertEach(locationId, items);
            } catch (ClientException e) {
                if (attempt >= 3 || !Neo4jErrors.isConstraintViolation(e)) {
                    throw e;
                }
            }
        }
    }

    private static ItemResult failed(int index, ApiException e) {
        return new ItemResult(index, ItemStatus.FAILED, null, ErrorBody.of(e));
    }
}
