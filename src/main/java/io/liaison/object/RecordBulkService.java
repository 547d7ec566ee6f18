package io.liaison.object;

import io.liaison.bulk.Bulk;
import io.liaison.bulk.ItemStatus;
import io.liaison.error.ApiException;
import io.liaison.error.BeanValidation;
import io.liaison.error.ErrorBody;
import io.liaison.error.Errors;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Bulk create/update of one object's records: each item is judged by the single endpoints' rules
 * ({@link RecordService}'s), and the valid ones are written in one transaction under the object's lock.
 */
@ApplicationScoped
class RecordBulkService {

    private final RecordService records;
    private final BeanValidation validation;

    public RecordBulkService(RecordService records, BeanValidation validation) {
        this.records = records;
        this.validation = validation;
    }

    @Schema(name = "RecordBulkItemResult")
    public record ItemResult(int index, ItemStatus status, ObjectRecord record, ErrorBody error)
            implements ItemStatus.HasStatus {
    }

    @Schema(name = "RecordBulkResult")
    public record Result(List<ItemResult> results, int created, int updated, int failed) {
        static Result of(List<ItemResult> results) {
            return new Result(List.copyOf(results), ItemStatus.CREATED.countIn(results), ItemStatus.UPDATED.countIn(results),
                    ItemStatus.FAILED.countIn(results));
        }
    }

    public Result write(String locationId, String objectKey, List<Bulk.Item<RecordBulkRequest.Item>> items) {
        Bulk.items(items, "records");
        ObjectSchema schema = records.schema(locationId, objectKey);
        ItemResult[] results = new ItemResult[items.size()];
        List<Integer> valid = new ArrayList<>();
        List<RecordService.Write> writes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                writes.add(write(schema, items.get(i).read(), i));
                valid.add(i);
            } catch (ApiException e) {
                results[i] = failed(i, e);
            }
        }
        if (!writes.isEmpty()) {
            List<Optional<ObjectRecord>> written = records.writeEach(schema, writes)
                    .orElseThrow(() -> ObjectSchemaService.notFound(objectKey));
            for (int n = 0; n < written.size(); n++) {
                int index = valid.get(n);
                RecordService.Write write = writes.get(n);
                results[index] = written.get(n)
                        .map(r -> new ItemResult(index, write instanceof RecordService.Create ? ItemStatus.CREATED : ItemStatus.UPDATED,
                                r.withoutCursor(), null))
                        .orElseGet(() -> failed(index, new Errors.NotFound("Record", ((RecordService.Update) write).id())));
            }
        }
        return Result.of(List.of(results));
    }

    private RecordService.Write write(ObjectSchema schema, RecordBulkRequest.Item item, int index) {
        if (item == null) {
            throw Bulk.missingItem("records", index);
        }
        validation.check(item);
        var body = item.body();
        if (item.id() == null) {
            return new RecordService.Create(records.newRecordProperties(schema, body));
        }
        return records.update(schema, item.id(), body);
    }

    private static ItemResult failed(int index, ApiException e) {
        return new ItemResult(index, ItemStatus.FAILED, null, ErrorBody.of(e));
    }
}
