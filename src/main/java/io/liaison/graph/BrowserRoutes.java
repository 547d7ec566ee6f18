package io.liaison.graph;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Serves Neo4j Browser (the org.neo4j.client:neo4j-browser jar, GPLv3) at /browser/ from the
 * jar's {@code browser/} resources. The Browser then talks Bolt over WebSocket straight to the
 * database, e.g. /browser/?dbms=bolt://localhost:7687&preselectAuthMethod=NO_AUTH connects in one
 * click. The files are public static assets; the API's key check does not apply to them.
 */
@ApplicationScoped
public class BrowserRoutes {

    static final String PREFIX = "/browser/";
    private static final String ROOT = "browser/";
    /** Liaison's Browser style (cypher/liaison.grass), served beside the Browser: `:style /browser/liaison.grass`. */
    static final String STYLE = "liaison.grass";
    /** Plain relative file names only: no "..", no backslash, no empty segment, no encoded tricks left after decoding. */
    private static final Pattern SAFE_PATH = Pattern.compile("^[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]+)*(/[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]+)*)*$");
    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("xml", "application/xml"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("eot", "application/vnd.ms-fontobject"),
            Map.entry("mp4", "video/mp4"));

    void install(@Observes Router router) {
        // "/browser/*" matches the bare "/browser" too: that one is redirected, keeping the query
        // string, which carries the one-click connect parameters.
        router.get(PREFIX + "*").handler(rc -> {
            if ("/browser".equals(rc.normalizedPath())) {
                String query = rc.request().query();
                rc.redirect(query == null ? PREFIX : PREFIX + "?" + query);
            } else {
                rc.next();
            }
        }).blockingHandler(this::serve, false);
    }

    private void serve(RoutingContext rc) {
        String relative = rc.normalizedPath().substring(Math.min(rc.normalizedPath().length(), PREFIX.length()));
        if (relative.isEmpty()) {
            relative = "index.html";
        }
        if (STYLE.equals(relative)) {
            send(rc, "cypher/" + STYLE, "text/plain; charset=utf-8", "no-cache");
            return;
        }
        String extension = relative.substring(relative.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String type = CONTENT_TYPES.get(extension);
        if (!rc.normalizedPath().startsWith(PREFIX) || relative.length() > 200 || !SAFE_PATH.matcher(relative).matches() || type == null) {
            notFound(rc);
            return;
        }
        // index.html names the hashed bundles, so it is revalidated; the bundles themselves never change.
        send(rc, ROOT + relative, type, "index.html".equals(relative) ? "no-cache" : "public, max-age=86400");
    }

    private static void send(RoutingContext rc, String resource, String type, String cacheControl) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                notFound(rc);
                return;
            }
            byte[] body = in.readAllBytes();
            rc.response()
                    .putHeader("Content-Type", type)
                    .putHeader("Cache-Control", cacheControl)
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .end(Buffer.buffer(body));
        } catch (IOException e) {
            rc.fail(e);
        }
    }

    private static void notFound(RoutingContext rc) {
        rc.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8").end("Not found");
    }
}
