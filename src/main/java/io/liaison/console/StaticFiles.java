package io.liaison.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Serves files from the class path under a URL prefix: the console (index.html, its scripts and
 * the WebJars it uses) and Neo4j Browser. These are Vert.x routes rather than Quarkus' static
 * resources because the API's exception mappers answer every path the REST layer does not know.
 * Only plain relative names are served: no "..", no backslash, no empty segment.
 */
public final class StaticFiles {

    private static final Pattern SAFE_PATH = Pattern.compile("^[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]+)*(/[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]+)*)*$");
    private static final int MAX_PATH_LENGTH = 300;
    private static final Map<String, String> CONTENT_TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
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

    private StaticFiles() {
    }

    /** The content type of a safe relative path, or empty when it is not one that is served. */
    public static Optional<String> typeOf(String relative) {
        if (relative.length() > MAX_PATH_LENGTH || !SAFE_PATH.matcher(relative).matches()) {
            return Optional.empty();
        }
        return Optional.ofNullable(CONTENT_TYPES.get(relative.substring(relative.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)));
    }

    /** Sends a class-path resource, or a 404 when there is none. */
    public static void send(RoutingContext rc, String resource, String type, String cacheControl) {
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

    public static void notFound(RoutingContext rc) {
        rc.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8").end("Not found");
    }
}
