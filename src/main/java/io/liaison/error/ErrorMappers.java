package io.liaison.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.liaison.neo4j.DatabaseReadiness;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.Neo4jErrors;
import io.liaison.ops.DomainMetrics;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;

/** Turns every failure into HighLevel's error shape; a client never sees a stack trace. */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    static final String RETRY_AFTER_SECONDS = "5";

    private final DomainMetrics metrics;
    private final DatabaseReadiness readiness;
    private final Locks locks;
    private final HighLevelOperations highLevel;

    public ErrorMappers(DomainMetrics metrics, DatabaseReadiness readiness, Locks locks, HighLevelOperations highLevel) {
        this.metrics = metrics;
        this.readiness = readiness;
        this.locks = locks;
        this.highLevel = highLevel;
    }

    /** Every refusal by a rule is counted by its code (liaison_refusals_total). */
    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        if (e.status() < 500) {
            metrics.refused(e.code());
        }
        return answer(e.status(), ErrorBody.of(e));
    }

    /** Bean Validation on request bodies and parameters: 422 naming each field. */
    @ServerExceptionMapper
    public Response constraintViolations(ConstraintViolationException e) {
        List<ConstraintViolation<?>> violations = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> fieldName(v)))
                .toList();
        List<String> problems = violations.stream().map(v -> fieldName(v) + " " + v.getMessage()).distinct().toList();
        String first = violations.isEmpty() ? null : fieldName(violations.get(0));
        metrics.refused("VALIDATION_FAILED");
        return respond(422, problems, "VALIDATION_FAILED", first, null);
    }

    /**
     * A value of the wrong type ("tags": "x", "limit": "ten"), or an unknown field of a {@link KnownFieldsOnly}
     * body: the JSON is fine, the field is not ({@link JsonErrors}).
     */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e) {
        return apiException(JsonErrors.of(e));
    }

    @ServerExceptionMapper(priority = 2)
    public Response malformedJson(JsonProcessingException e) {
        return respond(400, "The request body is not valid JSON: " + firstLine(e.getOriginalMessage()), "MALFORMED_JSON", null, null);
    }

    /** The server is gone: later requests are answered 503 at once until it is back. */
    @ServerExceptionMapper
    public Response databaseUnavailable(ServiceUnavailableException e) {
        readiness.reportOutage(e.getMessage());
        return unavailable(e);
    }

    @ServerExceptionMapper
    public Response sessionExpired(SessionExpiredException e) {
        readiness.reportOutage(e.getMessage());
        return unavailable(e);
    }

    @ServerExceptionMapper
    public Response transientFailure(TransientException e) {
        return unavailable(e);
    }

    /**
     * A request that no Liaison resource method answers (a 404 or 405 from routing, with no resource
     * matched) but that names an operation of HighLevel's documents is 501 NOT_IMPLEMENTED naming it;
     * anything else keeps its status. A record a resource does not find is an {@link ApiException}
     * raised inside a matched method, so it stays 404.
     */
    @ServerExceptionMapper
    public Response routingMiss(NotFoundException e, HttpServerRequest request, SimpleResourceInfo resource) {
        return notImplemented(request, resource).orElseGet(() -> webApplication(e));
    }

    @ServerExceptionMapper
    public Response methodMiss(NotAllowedException e, HttpServerRequest request, SimpleResourceInfo resource) {
        return notImplemented(request, resource).orElseGet(() -> webApplication(e));
    }

    /** The path as sent, not decoded: an encoded slash stays inside its segment, as routing sees it. */
    private Optional<Response> notImplemented(HttpServerRequest request, SimpleResourceInfo resource) {
        if (resource != null && resource.getResourceClass() != null) {
            return Optional.empty();
        }
        return highLevel.find(request.method().name(), request.path()).map(operation ->
                respond(501, operation.describe() + " is not implemented by Liaison", "NOT_IMPLEMENTED", null,
                        java.util.Map.of("method", operation.method(), "path", operation.path())));
    }

    /** Routing misses, wrong methods, unsupported media types, oversized bodies. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getResponse().getEntity() instanceof ErrorBody) {
            return e.getResponse();
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return json instanceof MismatchedInputException mismatch ? mismatchedInput(mismatch) : malformedJson(json);
        }
        String code = switch (status) {
            case 400 -> "BAD_REQUEST";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            default -> status >= 500 ? "INTERNAL_ERROR" : "REQUEST_REJECTED";
        };
        if (status >= 500) {
            LOG.error("Request failed", e);
            return respond(status, "The request could not be completed", code, null, null);
        }
        String message = e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? Response.Status.fromStatusCode(status) == null
                ? "Request rejected" : Response.Status.fromStatusCode(status).getReasonPhrase() : e.getMessage();
        return respond(status, message, code, null, null);
    }

    /**
     * The body could not be read: a chunked body past the size limit ("Request too large"), or the
     * client went away. The client caused it, so it is answered (when still possible) and logged
     * quietly, never as an unexpected failure.
     */
    @ServerExceptionMapper
    public Response unreadableBody(java.io.IOException e) {
        LOG.debugf("Request body could not be read: %s", e.getMessage());
        if (e.getMessage() != null && e.getMessage().contains("too large")) {
            return respond(413, "The request body is larger than the limit", "PAYLOAD_TOO_LARGE", null, null);
        }
        return respond(400, "The request body could not be read", "BAD_REQUEST", null, null);
    }

    /**
     * A read past its timeout (the graph queries' bound on cost) is 422; no connection in time, or a
     * procedure or function not registered yet (a restarting server), is 503; other client errors are
     * ours, hence 500.
     */
    @ServerExceptionMapper
    public Response neo4jClientError(org.neo4j.driver.exceptions.ClientException e) {
        if (Neo4jErrors.isNoConnectionInTime(e)) {
            return unavailable(e);
        }
        if (Neo4jErrors.isProcedureNotFound(e) || Neo4jErrors.isDegreeFunctionMissing(e)) {
            // A server restarting answers on Bolt before its plugins are registered: come back shortly, and
            // ask the server again whether they are there.
            locks.forgetApoc();
            io.liaison.neo4j.Degrees.reportMissing();
            return unavailable(e);
        }
        if (e.code() != null && e.code().contains("TransactionTimedOut")) {
            return respond(422, List.of("The query ran past its time bound; narrow it (a lower depth or maxDepth, or associationIds)"),
                    "QUERY_TOO_EXPENSIVE", null, null);
        }
        return unexpected(e);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected failure", e);
        return respond(500, "The request could not be completed; the error was logged", "INTERNAL_ERROR", null, null);
    }

    private Response unavailable(RuntimeException e) {
        LOG.warn("Neo4j is unavailable: " + e.getMessage());
        return apiException(new Errors.DatabaseUnavailable("The graph database is unavailable; retry shortly"));
    }

    /** Every 503 tells the client when to come back. */
    public static Response respond(int status, Object message, String code, String param, java.util.Map<String, Object> details) {
        return answer(status, new ErrorBody(status, message, reason(status), code, param, details));
    }

    /** Every error answer, in one place: the body in HighLevel's shape, and Retry-After on a 503. */
    private static Response answer(int status, ErrorBody body) {
        Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
        if (status == 503) {
            response.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        if (status == 429 && body.details() != null && body.details().get("retryAfterSeconds") != null) {
            response.header("Retry-After", String.valueOf(body.details().get("retryAfterSeconds")));
        }
        return response.build();
    }

    static String reason(int status) {
        if (status == 422) {
            return "Unprocessable Entity";
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }

    /**
     * Validation paths are method.parameter[.field...]: "create.body.email" becomes "email",
     * "list.limit" becomes "limit", "create.body.tags[0].<list element>" becomes "tags[0]".
     */
    static String fieldName(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString().replaceAll("\\.?<[^>]*>", "");
        String[] parts = path.split("\\.", 3);
        return parts[Math.min(parts.length - 1, parts.length == 3 ? 2 : 1)];
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
