package io.liaison.transfer;

import io.liaison.bulk.ItemStatus;
import io.liaison.error.ErrorBody;
import java.util.List;

/**
 * What one kind of import contributes: the columns it takes and how a batch of lines is written. The
 * job machinery (upload, progress, errors, restarts) is {@link ImportService}'s and {@link ImportWorker}'s.
 */
public interface ImportHandler {

    /** The job type, as GET /imports/{id} shows it. */
    String type();

    /** Refuses (422, naming the column) a header the lines could never be imported with. */
    void checkHeader(List<String> header);

    /**
     * Writes the batch's valid lines (in few transactions) and answers each line's outcome, in order.
     * {@code cells} are keyed by the header's column names.
     */
    List<LineOutcome> importBatch(String locationId, List<java.util.Map<String, String>> cells);

    /** CREATED, UPDATED or FAILED with the error the line's item got. */
    record LineOutcome(ItemStatus status, ErrorBody error) {
    }
}
