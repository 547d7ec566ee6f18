package io.liaison.graph;

import io.liaison.console.StaticFiles;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

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
            StaticFiles.send(rc, "cypher/" + STYLE, "text/plain; charset=utf-8", "no-cache");
            return;
        }
        Optional<String> type = StaticFiles.typeOf(relative);
        if (!rc.normalizedPath().startsWith(PREFIX) || type.isEmpty()) {
            StaticFiles.notFound(rc);
            return;
        }
        // index.html names the hashed bundles, so it is revalidated; the bundles themselves never change.
        StaticFiles.send(rc, ROOT + relative, type.get(), "index.html".equals(relative) ? "no-cache" : "public, max-age=86400");
    }
}
