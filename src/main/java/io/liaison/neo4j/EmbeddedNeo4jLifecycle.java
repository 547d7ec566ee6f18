package io.liaison.neo4j;

import io.liaison.config.LiaisonConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.ConfigValue;
import org.jboss.logging.Logger;

/**
 * Starts the embedded DBMS before anything else at start-up and stops it last. It stays off when
 * QUARKUS_NEO4J_URI (or any source above application.properties) points the driver at a server.
 */
@ApplicationScoped
public class EmbeddedNeo4jLifecycle {

    /**
     * Start-up steps in order: the database, then its schema. The first-run bootstrap follows the
     * schema (see {@link DatabaseReadiness.SchemaApplied}), which in external mode may be later.
     */
    public static final int START_DATABASE = 10;
    public static final int APPLY_SCHEMA = 20;

    private static final Logger LOG = Logger.getLogger(EmbeddedNeo4jLifecycle.class);
    /** application.properties has ordinal 250; environment variables 300, system properties 400. */
    private static final int APPLICATION_PROPERTIES_ORDINAL = 250;

    private final LiaisonConfig config;
    private volatile EmbeddedNeo4j embedded;

    public EmbeddedNeo4jLifecycle(LiaisonConfig config) {
        this.config = config;
    }

    void start(@Observes @Priority(START_DATABASE) StartupEvent event) {
        CooperativeStop.serviceStarted();
        if (!isEmbeddedMode()) {
            LOG.infof("Using the Neo4j server at %s; no embedded database started", configuredUri());
            return;
        }
        StartClock.stepDone("JVM and Quarkus boot, up to the embedded database");
        long started = System.nanoTime();
        embedded = EmbeddedNeo4j.start(config.dataDir(), config.embedded().boltPort(), config.embedded().pageCache(),
                boltPassword());
        LOG.infof("Embedded Neo4j started in %d ms, store in %s, Bolt on %s",
                (System.nanoTime() - started) / 1_000_000, config.dataDir().toAbsolutePath().normalize(), embedded.boltUri());
    }

    /** Before anything else of the stop: from here on, background work has one shared budget to end (see CooperativeStop). */
    void stopping(@Observes @Priority(1) ShutdownEvent event) {
        CooperativeStop.serviceStopping();
    }

    void stop(@Observes @Priority(Integer.MAX_VALUE) ShutdownEvent event) {
        EmbeddedNeo4j running = embedded;
        if (running != null) {
            LOG.info("Stopping embedded Neo4j (checkpoint, then close)");
            running.close();
            embedded = null;
            LOG.info("Embedded Neo4j stopped cleanly");
        }
    }

    public boolean isEmbeddedMode() {
        return isEmbeddedMode(config.embedded().enabled(), ConfigProvider.getConfig().getConfigValue("quarkus.neo4j.uri"));
    }

    /** Embedded unless forced off, or QUARKUS_NEO4J_URI is set above application.properties. */
    static boolean isEmbeddedMode(Optional<Boolean> forced, ConfigValue uri) {
        if (forced.isPresent()) {
            return forced.get();
        }
        return uri == null || uri.getValue() == null || uri.getSourceOrdinal() <= APPLICATION_PROPERTIES_ORDINAL;
    }

    /**
     * The password Bolt requires, the same one the driver was configured with (see
     * {@link EmbeddedNeo4jPassword}); empty only with the LIAISON_EMBEDDED_NO_AUTH opt-in.
     */
    public Optional<String> boltPassword() {
        if (config.embedded().noAuth()) {
            return Optional.empty();
        }
        return config.embedded().password().filter(p -> !p.isBlank())
                .or(() -> Optional.of(EmbeddedNeo4jPassword.readOrCreate(config.dataDir())));
    }

    /** Where the generated Bolt password is kept; meaningful when no password was chosen. */
    public boolean passwordIsGenerated() {
        return !config.embedded().noAuth() && config.embedded().password().filter(p -> !p.isBlank()).isEmpty();
    }

    public String configuredUri() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.neo4j.uri", String.class).orElse("?");
    }
}
