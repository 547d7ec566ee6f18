package io.liaison.location;

import io.liaison.config.LiaisonConfig;
import io.liaison.config.SecretFiles;
import io.liaison.neo4j.DatabaseReadiness;
import io.liaison.neo4j.EmbeddedNeo4jLifecycle;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Ids;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.Console;
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
    private final GraphDatabase db;
    private final LocationRepository repository;
    private final EmbeddedNeo4jLifecycle embedded;
    private final int httpPort;

    public FirstRun(LiaisonConfig config, AgencyToken agencyToken, GraphDatabase db, LocationRepository repository,
            EmbeddedNeo4jLifecycle embedded, @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int httpPort) {
        this.config = config;
        this.agencyToken = agencyToken;
        this.db = db;
        this.repository = repository;
        this.embedded = embedded;
        this.httpPort = httpPort;
    }

    /**
     * After the schema, which in external mode may be a while after start-up. Secrets go to 0600
     * files under the data directory and, when a person is at the terminal, to the terminal itself:
     * never through the logger, whose output ends up in files and log collectors.
     */
    void onSchemaApplied(@Observes DatabaseReadiness.SchemaApplied event) {
        Optional<String> generatedAgencyToken = agencyToken.initialise();
        generatedAgencyToken.ifPresent(t -> SecretFiles.write(config.dataDir(), SecretFiles.AGENCY_TOKEN, t));
        Optional<String> defaultLocation = Optional.empty();
        String defaultKey = null;
        if (config.bootstrapDefaultLocation()) {
            String key = Tokens.newLocationKey();
            String locationId = Ids.newId();
            defaultLocation = db.write(tx -> repository.bootstrapDefaultLocation(tx, locationId, Tokens.hash(key), key.substring(0, 7)));
            if (defaultLocation.isPresent()) {
                defaultKey = key;
                SecretFiles.write(config.dataDir(), SecretFiles.DEFAULT_LOCATION_KEY, key);
            }
        }
        LOG.info(banner(defaultLocation));
        Console terminal = System.console();
        if (terminal != null && (generatedAgencyToken.isPresent() || defaultKey != null)) {
            StringBuilder secrets = new StringBuilder("\n  Shown once, on this terminal only (also in the files above):\n");
            generatedAgencyToken.ifPresent(t -> secrets.append("    Agency token   ").append(t).append('\n'));
            if (defaultKey != null) {
                secrets.append("    Default key    ").append(defaultKey).append('\n');
            }
            terminal.writer().println(secrets);
            terminal.flush();
        }
    }

    private String banner(Optional<String> defaultLocation) {
        String base = config.publicUrl().orElse("http://localhost:" + httpPort);
        StringBuilder banner = new StringBuilder("\n\n  Liaison is ready\n");
        banner.append("    Console     ").append(base).append("/   (sign in with the location key or the agency token)\n");
        banner.append("    API         ").append(base).append("/\n");
        banner.append("    Swagger UI  ").append(base).append("/q/swagger-ui\n");
        banner.append("    OpenAPI     ").append(base).append("/q/openapi\n");
        banner.append("    Health      ").append(base).append("/q/health/ready\n");
        banner.append("    Metrics     ").append(base).append("/q/metrics\n");
        if (embedded.isEmbeddedMode()) {
            int bolt = config.embedded().boltPort();
            if (config.embedded().noAuth()) {
                banner.append("    Bolt        bolt://localhost:").append(bolt).append("  (embedded Neo4j, loopback only, NO AUTHENTICATION)\n");
                banner.append("    Browser     ").append(base).append("/browser/?dbms=bolt://localhost:").append(bolt)
                        .append("&preselectAuthMethod=NO_AUTH\n");
                banner.append("                (LIAISON_EMBEDDED_NO_AUTH=true: every local process and web page can reach the data)\n");
            } else {
                banner.append("    Bolt        bolt://localhost:").append(bolt).append("  (embedded Neo4j, loopback only, user neo4j)\n");
                banner.append("    Browser     ").append(base).append("/browser/?dbms=bolt://neo4j@localhost:").append(bolt).append('\n');
                banner.append("                password: ").append(embedded.passwordIsGenerated()
                        ? "type the output of  cat " + SecretFiles.file(config.dataDir(), SecretFiles.NEO4J_PASSWORD)
                        : "type the value of LIAISON_EMBEDDED_PASSWORD").append('\n');
            }
            banner.append("                (then, in the Browser: :style ").append(base).append("/browser/liaison.grass)\n");
        } else {
            banner.append("    Neo4j       ").append(embedded.configuredUri()).append('\n');
        }
        if (config.agencyToken().filter(t -> !t.isBlank()).isEmpty()
                && SecretFiles.exists(config.dataDir(), SecretFiles.AGENCY_TOKEN)) {
            banner.append("\n    Agency token        in ").append(SecretFiles.file(config.dataDir(), SecretFiles.AGENCY_TOKEN))
                    .append("  (readable by this user only)\n");
        }
        if (defaultLocation.isPresent()) {
            banner.append("    Location \"Default\" created: ").append(defaultLocation.get()).append(", its API key in ")
                    .append(SecretFiles.file(config.dataDir(), SecretFiles.DEFAULT_LOCATION_KEY)).append('\n');
        }
        return banner.toString();
    }
}
