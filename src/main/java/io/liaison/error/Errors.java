package io.liaison.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The domain failures and their stable codes; every code the API can answer is named here. */
public final class Errors {
    private Errors() {
    }

    public static final class NotFound extends ApiException {
        public NotFound(String what, String id) {
            super(404, "NOT_FOUND", what + " with id '" + id + "' was not found", null, Map.of("id", id));
        }

        public NotFound(String what, String field, String value) {
            super(404, "NOT_FOUND", what + " with " + field + " '" + value + "' was not found", field, Map.of(field, value));
        }
    }

    /** 404 for a graph query whose records exist but are not connected within the asked depth. */
    public static final class NoPath extends ApiException {
        public NoPath(String from, String to, int maxDepth) {
            super(404, "NO_PATH", "No path of at most " + maxDepth + " links connects record " + from + " to record " + to
                    + "; try a larger maxDepth (at most 6)", "maxDepth", Map.of("from", from, "to", to, "maxDepth", maxDepth));
        }
    }

    /** 422: one or more fields are wrong. Each problem starts with the field's name ({@link Problems} collects them). */
    public static final class ValidationFailed extends ApiException {
        public ValidationFailed(List<String> problems, String firstField) {
            super(422, "VALIDATION_FAILED", String.join("; ", problems), firstField, null, problems);
        }

        public ValidationFailed(Problems problems) {
            this(problems.texts(), problems.list().get(0).field());
        }

        public static ValidationFailed of(String field, String problem) {
            return new ValidationFailed(List.of(field + " " + problem), field);
        }
    }

    /** 422: a field the body does not have (a {@link KnownFieldsOnly} body refuses what it does not know). */
    public static final class UnknownField extends ApiException {
        public UnknownField(String field, String problem) {
            super(422, "UNKNOWN_FIELD", problem, field, null, List.of(problem));
        }
    }

    /** 422: a record belongs to another object than the one the association expects on that side. */
    public static final class WrongObject extends ApiException {
        public WrongObject(String field, String recordId, String actualObjectKey, String expectedObjectKey) {
            super(422, "WRONG_OBJECT", field + " " + recordId + " is a record of object '" + actualObjectKey
                    + "', but this association expects a record of object '" + expectedObjectKey + "' there", field,
                    Map.of("recordId", recordId, "actualObjectKey", actualObjectKey, "expectedObjectKey", expectedObjectKey),
                    List.of(field + " is a record of object '" + actualObjectKey + "', but this association expects object '"
                            + expectedObjectKey + "'"));
        }
    }

    public static final class BadRequest extends ApiException {
        public BadRequest(String code, String message, String param) {
            super(400, code, message, param, null);
        }
    }

    public static final class Unauthorized extends ApiException {
        public Unauthorized(String message) {
            super(401, "UNAUTHORIZED", message, "Authorization", null);
        }
    }

    public static final class Forbidden extends ApiException {
        public Forbidden(String code, String message, String param) {
            super(403, code, message, param, null);
        }
    }

    /**
     * 429: the location used up its burst window or its daily quota (X-RateLimit-* and Retry-After), or
     * the client address failed to authenticate too often (Retry-After, from details.retryAfterSeconds).
     */
    public static final class RateLimited extends ApiException {
        public RateLimited(String message, Map<String, Object> details) {
            super(429, "RATE_LIMITED", message, "Authorization", details);
        }
    }

    /** 409 for a limit or a cardinality that the write would break. */
    public static final class LimitExceeded extends ApiException {
        public LimitExceeded(String limit, long maximum, long current, String message, Map<String, Object> extra) {
            super(409, "LIMIT_EXCEEDED", message, null, withNumbers(limit, maximum, current, extra));
        }
    }

    public static final class DuplicateRelation extends ApiException {
        public DuplicateRelation(String existingRelationId, String associationId) {
            super(409, "DUPLICATE_RELATION", "These records are already linked under association " + associationId
                    + " (relation " + existingRelationId + ")", null,
                    Map.of("existingRelationId", existingRelationId, "associationId", associationId));
        }
    }

    public static final class AssociationInUse extends ApiException {
        public AssociationInUse(String associationId, long links) {
            super(409, "ASSOCIATION_IN_USE", "Association " + associationId + " still links records (" + links
                    + (links == 1 ? " link" : " links") + "); remove them first, or delete with force=true to remove them too", null,
                    Map.of("associationId", associationId, "links", links));
        }
    }

    /** 409 for any other state conflict, with its own stable code. */
    public static final class Conflict extends ApiException {
        public Conflict(String code, String message, String param, Map<String, Object> details) {
            super(409, code, message, param, details);
        }
    }

    /** 422: an Idempotency-Key already answered a different request (another path or body). */
    public static final class IdempotencyKeyReused extends ApiException {
        public IdempotencyKeyReused() {
            super(422, "IDEMPOTENCY_KEY_REUSED", "Idempotency-Key was already used for a different request (another path or body); "
                    + "use a new key for a new request", "Idempotency-Key", null, List.of("Idempotency-Key was already used for a different request"));
        }
    }

    /** 409: the first request with this Idempotency-Key is still running; retry once it has answered. */
    public static final class IdempotencyKeyInFlight extends ApiException {
        public IdempotencyKeyInFlight() {
            super(409, "IDEMPOTENCY_KEY_IN_FLIGHT", "A request with this Idempotency-Key is still being processed; retry shortly "
                    + "to receive its answer", "Idempotency-Key", null);
        }
    }

    /**
     * 409: the request with this key made its change, but its answer was lost before it could be stored
     * (the service stopped or failed right after the write). Running it again could make the change
     * twice, so it is not run; the client reads the resource to learn its state.
     */
    public static final class IdempotencyKeyWrittenWithoutAnswer extends ApiException {
        public IdempotencyKeyWrittenWithoutAnswer() {
            super(409, "IDEMPOTENCY_KEY_WRITTEN_WITHOUT_ANSWER", "A request with this Idempotency-Key was already carried out, "
                    + "but its answer was lost; it is not run again. Read the resource to see its current state", "Idempotency-Key", null);
        }
    }

    /**
     * 409: the location already has a contact with this email or phone. {@code meta} is HighLevel's
     * (contactId, contactName, matchingField), so an integration finds the existing contact as it would there.
     */
    public static final class DuplicateContact extends ApiException {
        public DuplicateContact(String contactId, String contactName, String matchingField) {
            super(409, "DUPLICATE_CONTACT", "This location does not allow duplicated contacts: contact " + contactId
                    + " already has this " + matchingField, matchingField, Map.of("contactId", contactId, "matchingField", matchingField),
                    List.of(), meta(contactId, contactName, matchingField));
        }

        private static Map<String, Object> meta(String contactId, String contactName, String matchingField) {
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("contactName", contactName);
            meta.put("contactId", contactId);
            meta.put("matchingField", matchingField);
            return meta;
        }
    }

    /** 503: Neo4j does not answer (yet); the response carries Retry-After. */
    public static final class DatabaseUnavailable extends ApiException {
        public DatabaseUnavailable(String message) {
            super(503, "DATABASE_UNAVAILABLE", message, null, null);
        }
    }

    private static Map<String, Object> withNumbers(String limit, long maximum, long current, Map<String, Object> extra) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("limit", limit);
        details.put("maximum", maximum);
        details.put("current", current);
        if (extra != null) {
            details.putAll(extra);
        }
        return details;
    }
}
