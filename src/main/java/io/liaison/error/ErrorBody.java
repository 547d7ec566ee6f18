package io.liaison.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * HighLevel's error shape, {statusCode, message, error}, plus a stable machine-readable {@code code}
 * and, where numbers or fields are involved, {@code details}; {@code meta} is HighLevel's own. For a 422 {@code message} is the list
 * of field problems, as HighLevel sends it; otherwise it is one sentence.
 */
@Schema(name = "Error", description = "HighLevel's error shape plus a stable code")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(
        @Schema(example = "409") int statusCode,
        @Schema(description = "A sentence, or for 422 an array of field problems", oneOf = {String.class, String[].class},
                example = "Label 'manager_employee' already links record X to its limit of 1000 records") Object message,
        @Schema(example = "Conflict") String error,
        @Schema(description = "Stable machine-readable error code", example = "LIMIT_EXCEEDED") String code,
        @Schema(description = "The field at fault, when there is one", example = "firstRecordId") String param,
        @Schema(description = "The numbers or ids involved") Map<String, Object> details,
        @Schema(description = "HighLevel's own details, where HighLevel sends them (a duplicate contact: contactId, contactName, matchingField)")
        Map<String, Object> meta) {

    /** The body a failure answers with; for a 422 the message is the list of field problems. */
    public static ErrorBody of(ApiException e) {
        Object message = e.status() == 422 ? e.problems() : e.getMessage();
        return new ErrorBody(e.status(), message, ErrorMappers.reason(e.status()), e.code(), e.param(), e.details(), e.meta());
    }

    /** A body for a failure that is no {@link ApiException} (routing, HTTP misuse, an oversized body), built the same way. */
    public static ErrorBody of(int status, Object message, String code, String param, Map<String, Object> details) {
        return new ErrorBody(status, message, ErrorMappers.reason(status), code, param, details, null);
    }
}
