package io.liaison.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers an oversized body (quarkus.http.limits.max-body-size) with 413 in our error shape. Quarkus
 * refuses such a request itself, with an empty body, in a route of order -2; this one runs just before
 * it. A chunked body has no Content-Length to check up front, so Quarkus still refuses that one bare.
 */
@ApplicationScoped
public class BodyLimit {

    /** Before Quarkus' own limit route (order -2). */
    private static final int ROUTE_ORDER = -3;

    private final long maxBodySize;
    private final byte[] tooLarge;

    public BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
            ObjectMapper json) throws JsonProcessingException {
        this.maxBodySize = maxBodySize.asLongValue();
        this.tooLarge = json.writeValueAsBytes(new ErrorBody(413, "The request body is larger than "
                + this.maxBodySize + " bytes", ErrorMappers.reason(413), "PAYLOAD_TOO_LARGE", null, null));
    }

    void install(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(this::refuseOversized);
    }

    private void refuseOversized(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null || !isLarger(length)) {
            context.next();
            return;
        }
        // The body is never read, so the connection cannot carry another request: close it.
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(done -> context.request().connection().close())
                .end(Buffer.buffer(tooLarge));
    }

    private boolean isLarger(String contentLength) {
        try {
            return Long.parseLong(contentLength.strip()) > maxBodySize;
        } catch (NumberFormatException e) {
            return false; // Vert.x rejects a malformed Content-Length itself.
        }
    }
}
