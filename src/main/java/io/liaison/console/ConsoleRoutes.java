package io.liaison.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/**
 * The console is static files: index.html at / and its scripts under /console/, from the class
 * path's web/ folder (served here, so that they are revalidated on each load: their names carry no
 * version), and its libraries under /webjars/, which Quarkus serves from the WebJars (versioned,
 * cached). This adds the headers that make the page safe to show: a Content-Security-Policy that runs only this origin's scripts (no inline script, so a
 * record name that slipped into the page as markup could not run), no framing, no MIME sniffing and
 * no referrer. The API's JSON answers get nosniff too; Neo4j Browser and Swagger UI keep their own
 * needs (both run inline scripts) and are left alone.
 */
@ApplicationScoped
public class ConsoleRoutes {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            // Cytoscape and Tom Select size and place elements through the style property, which
            // CSP does not restrict; no style attribute or <style> is written into the markup.
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    private static final String ROOT = "web/";

    void install(@Observes Router router) {
        router.get("/").blockingHandler(rc -> StaticFiles.send(rc, ROOT + "index.html", "text/html; charset=utf-8", "no-cache"), false);
        router.get("/console/*").blockingHandler(ConsoleRoutes::serve, false);
        router.route().order(-100).handler(rc -> {
            String path = rc.normalizedPath();
            rc.response().headers().set("X-Content-Type-Options", "nosniff");
            if (isConsole(path)) {
                rc.response().headers()
                        .set("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                        .set("X-Frame-Options", "DENY")
                        .set("Referrer-Policy", "no-referrer")
                        .set("Cross-Origin-Opener-Policy", "same-origin");
            }
            rc.next();
        });
    }

    private static void serve(RoutingContext rc) {
        String path = rc.normalizedPath();
        String relative = path.substring(1);
        Optional<String> type = StaticFiles.typeOf(relative);
        if (type.isEmpty()) {
            // Not a file name: the console's API (/console/session) answers it.
            rc.next();
            return;
        }
        StaticFiles.send(rc, ROOT + relative, type.get(), "no-cache");
    }

    static boolean isConsole(String path) {
        return "/".equals(path) || path.startsWith("/console/") || path.startsWith("/webjars/");
    }
}
