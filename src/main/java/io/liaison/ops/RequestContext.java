package io.liaison.ops;

import io.liaison.location.Caller;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The request id and the location id in the MDC of every line logged while a request is handled,
 * so that JSON logs (LIAISON_LOG_JSON=true) carry them as {@code mdc.requestId} and
 * {@code mdc.locationId}.
 *
 * <p>The request id is taken from the client's {@code X-Request-Id} when that is a short token of
 * safe characters (a proxy's or the client's own id, so one id follows the request across
 * services), else generated; it is answered in {@code X-Request-Id} on every response, including
 * /q/* and errors. The location id is put by {@link io.liaison.location.Caller} as soon as it is
 * known: when a location key (or an agency console session on a location) is authenticated, or when
 * an agency-token request names the location it acts on.
 *
 * <p>Quarkus keeps the MDC on the request's Vert.x context, so the values follow the request onto
 * worker threads and vanish with it.
 */
@ApplicationScoped
public class RequestContext {

    public static final String HEADER = "X-Request-Id";
    public static final String REQUEST_ID = "requestId";
    /** Letters, digits and {@code . _ : -}, at most 64: no spaces, CR/LF or quotes to forge log lines with. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    /** Before every other HTTP filter and route. */
    private static final int FIRST = Integer.MAX_VALUE - 10;

    private static final Logger LOG = Logger.getLogger(RequestContext.class);

    void register(@Observes Filters filters) {
        filters.register(RequestContext::assignRequestId, FIRST);
    }

    static void assignRequestId(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        String id = requestId(request.getHeader(HEADER));
        MDC.put(REQUEST_ID, id);
        MDC.remove(Caller.LOG_LOCATION_ID);
        routing.response().putHeader(HEADER, id);
        routing.next();
    }

    /** The client's id when it is safe to log and echo, else a new one. */
    public static String requestId(String offered) {
        return offered != null && SAFE_ID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

    /**
     * One line per API request at DEBUG ({@code quarkus.log.category."io.liaison.ops.RequestContext".level=DEBUG}),
     * with both ids in its MDC like every other line of the request.
     */
    @ServerResponseFilter
    public void completed(ContainerRequestContext request, ContainerResponseContext response) {
        if (LOG.isDebugEnabled()) {
            LOG.debugf("%s %s %d", request.getMethod(), request.getUriInfo().getPath(), response.getStatus());
        }
    }
}
