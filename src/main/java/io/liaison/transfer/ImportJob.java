package io.liaison.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A CSV import as GET /imports/{id} answers it. */
@Schema(name = "ImportJob")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportJob(
        @Schema(example = "Jk3H0aZr8Qn2LmPoX1yT") String id,
        String locationId,
        @Schema(example = "contacts", description = "contacts or relations") String type,
        @Schema(example = "RUNNING", description = "QUEUED (waiting, or stopped by a stop of the service and going on after "
                + "its restart from the first line not processed), RUNNING, SUCCEEDED (every line was tried and none failed), "
                + "COMPLETED_WITH_ERRORS (every line was tried and some failed; see failed and errors) or FAILED (stopped; see failure)")
        Status status,
        @Schema(description = "Data lines read so far (the header is not counted)") long processed,
        long created,
        @Schema(description = "Contacts matched on email or phone and updated; 0 for relations") long updated,
        long failed,
        @Schema(description = "The first line errors, by line number (the header is line 1)") List<LineError> errors,
        @Schema(description = "True when more lines failed than errors lists") boolean errorsTruncated,
        @Schema(description = "Why the job stopped, when status is FAILED") String failure,
        String createdAt, String startedAt, String finishedAt) {

    public enum Status {
        QUEUED, RUNNING, SUCCEEDED, COMPLETED_WITH_ERRORS, FAILED;

        public boolean finished() {
            return this == SUCCEEDED || this == COMPLETED_WITH_ERRORS || this == FAILED;
        }

        /** How a job that tried every line ended: SUCCEEDED only when no line failed. */
        public static Status completed(long failedLines) {
            return failedLines == 0 ? SUCCEEDED : COMPLETED_WITH_ERRORS;
        }
    }

    @Schema(name = "ImportLineError")
    public record LineError(@Schema(example = "7") long line, @Schema(example = "VALIDATION_FAILED") String code,
            @Schema(example = "email must be a well-formed email address") String message) {
    }
}
