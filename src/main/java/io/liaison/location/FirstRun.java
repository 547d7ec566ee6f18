package io.liaison.location;

import io.liaison.config.LiaisonConfig;
import io.liaison.neo4j.DatabaseReadiness;
import io.liaison.neo4j.EmbeddedNeo4jLifecycle;
import io.liaison.neo4j.Ids;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The first run: makes sure an agency token exists and, on an empty store, a "Default" location
 * with a key, then prints what an operator needs to start: the secrets (once) and every URL.
 */
@Singleton
public class FirstRun {

    private static final Logger LOG = Logger.getLogger(FirstRun.class);

    private final LiaisonConfig config;
    private final AgencyToken agencyToken;
    private final LocationRepository repository;
    private final EmbeddedNeo4jLifecycle embedded;
    private final int httpPort;

    public FirstRun(LiaisonConfig config, AgencyToken agencyToken, LocationRepository repository,
            EmbeddedNeo4jLifecycle embedded, @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int httpPort) {
        this.config = config;
        this.agencyToken = agencyToken;
        this.repository = repository;
        this.embedded = embedded;
        this.httpPort = httpPort;
    }

    /** After the schema, which in external mode may be a while after start-up. */
    void onSchemaApplied(@Observes DatabaseReadiness.SchemaApplied event) {
        Optional<String> generatedAgencyToken = agencyToken.initialise();
        Optional<String> defaultLocation = Optional.empty();
        String defaultKey = null;
        if (config.bootstrapDefaultLocation()) {
            String key = Tokens.newLocationKey();
            defaultLocation = repository.bootstrapDefaultLocation(Ids.newId(), Tokens.hash(key), key.substring(0, 7));
            defaultKey = defaultLocation.isPresent() ? key : null;
        }
        String base = config.publicUrl().orElse("http://localhost:" + httpPort);
        StringBuilder banner = new StringBuilder("\n\n  Liaison is ready\n");
        banner.append("    API         ").append(base).append("/\n");
        banner.append("    Swagger UI  ").append(base).append("/q/swagger-ui\n");
        banner.append("    OpenAPI     ").append(base).append("/q/openapi\n");
        banner.append("    Health      ").append(base).append("/q/health/ready\n");
        if (embedded.isEmbeddedMode()) {
            int bolt = config.embedded().boltPort();
            banner.append("    Bolt        bolt://localhost:").append(bolt).append("  (embedded Neo4j, loopback only)\n");
            if (config.embedded().password().filter(p -> !p.isBlank()).isPresent()) {
                banner.append("    Browser     ").append(base).append("/browser/?dbms=bolt://neo4j@localhost:").append(bolt)
                        .append("  (user neo4j, the password in LIAISON_EMBEDDED_PASSWORD)\n");
            } else {
                banner.append("    Browser     ").append(base).append("/browser/?dbms=bolt://localhost:").append(bolt)
                        .append("&preselectAuthMethod=NO_AUTH\n");
                banner.append("                (Bolt takes no credentials: set LIAISON_EMBEDDED_PASSWORD on a shared or browsing machine)\n");
            }
            banner.append("                (then, in the Browser: :style ").append(base).append("/browser/liaison.grass)\n");
        } else {
            banner.append("    Neo4j       ").append(embedded.configuredUri()).append('\n');
        }
        generatedAgencyToken.ifPresent(t -> banner.append("\n    Agency token (shown once, set LIAISON_AGENCY_TOKEN to choose your own): ")
                .append(t).append('\n'));
        if (defaultLocation.isPresent()) {
            banner.append("\n    Location \"Default\" created: ").append(defaultLocation.get()).append('\n');
            banner.append("    Its API key (shown once):    ").append(defaultKey).append('\n');
        }
        LOG.info(banner);
    }
}
