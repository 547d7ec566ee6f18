package io.liaison.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds request bodies and answers an oversized one with 413 in our error shape. JSON endpoints take
 * at most liaison.http.max-body-size (1M); CSV uploads (a POST to a path ending in /import) up to
 * liaison.imports.max-file-size, streamed to disk. Quarkus has one limit for all
 * (quarkus.http.limits.max-body-size, set to the larger), enforced by its own route of order -2: this
 * one runs before it for a declared Content-Length, and after it for a chunked body, whose limit
 * Quarkus' body reader takes from the routing context, so the smaller limit replaces Quarkus' there.
 */
@ApplicationScoped
public class BodyLimit {

    /** Before Quarkus' own limit route (order -2). */
    private static final int ROUTE_ORDER = -3;
    /** After it, so the chunked limit set here is the one that holds. */
    private static final int CHUNKED_ROUTE_ORDER = -1;
    /** Where Quarkus' body reader looks for the limit of a body without Content-Length. */
    private static final String CHUNKED_LIMIT_KEY = "io.quarkus.max-request-size";

    private final long maxBodySize;
    private final long maxUploadSize;
    private final ObjectMapper json;

    public BodyLimit(HttpLimits limits, @ConfigProperty(name = "liaison.imports.max-file-size") MemorySize maxUploadSize,
            ObjectMapper json) {
        this.maxBodySize = limits.maxBodySize().asLongValue();
        this.maxUploadSize = maxUploadSize.asLongValue();
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(ROUTE_ORDER).handler(this::refuseOversized);
        router.route().order(CHUNKED_ROUTE_ORDER).handler(this::limitChunked);
    }

    private void limitChunked(RoutingContext context) {
        if (context.request().getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
            context.put(CHUNKED_LIMIT_KEY, limit(context));
        }
        context.next();
    }

    /** CSV uploads stream to disk and may be large; every other body is read whole and stays small. */
    private long limit(RoutingContext context) {
        boolean upload = context.request().method() == HttpMethod.POST && context.request().path() != null
                && context.request().path().endsWith("/import");
        return upload ? maxUploadSize : maxBodySize;
    }

    private void refuseOversized(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long limit = limit(context);
        if (length == null || !isLarger(length, limit)) {
            context.next();
            return;
        }
        byte[] tooLarge;
        try {
            tooLarge = json.writeValueAsBytes(ErrorBody.of(413, "The request body is larger than " + limit + " bytes",
                    "PAYLOAD_TOO_LARGE", null, null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // The body is never read, so the connection cannot carry another request: close it.
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(done -> context.request().connection().close())
                .end(Buffer.buffer(tooLarge));
    }

    private static boolean isLarger(String contentLength, long limit) {
        try {
            return Long.parseLong(contentLength.strip()) > limit;
        } catch (NumberFormatException e) {
            return false; // Vert.x rejects a malformed Content-Length itself.
        }
    }
}
