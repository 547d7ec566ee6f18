package io.liaison.neo4j;

import io.liaison.config.SecretFiles;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.AbstractConfigSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The embedded Bolt password. The driver is built from configuration before any bean runs, so the
 * password has to be configuration too: this source answers {@value #PROPERTY}, which
 * application.properties hands to {@code quarkus.neo4j.authentication.password}.
 *
 * <p>Where it lives, for scripts that connect to the embedded Bolt port (the benchmark, cypher-shell):
 * {@code <LIAISON_DATA_DIR>/secrets/neo4j-password} (default {@code ./data/secrets/neo4j-password}), one
 * line, user {@code neo4j}. It is generated on the first start and read on every later one; deleting
 * it makes the next start generate and apply a new one. LIAISON_EMBEDDED_PASSWORD replaces it, and
 * LIAISON_EMBEDDED_NO_AUTH=true turns authentication off (then nothing is generated).
 */
public class EmbeddedNeo4jPassword implements ConfigSourceFactory {

    public static final String PROPERTY = "embedded-neo4j.generated-password";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean embedded = EmbeddedNeo4jLifecycle.isEmbeddedMode(
                Optional.ofNullable(value(context, "liaison.embedded.enabled")).map(Boolean::parseBoolean),
                context.getValue("quarkus.neo4j.uri"));
        boolean noAuth = Boolean.parseBoolean(value(context, "liaison.embedded.no-auth"));
        String chosen = value(context, "liaison.embedded.password");
        if (!embedded || noAuth || (chosen != null && !chosen.isBlank())) {
            return List.of();
        }
        String dataDir = Optional.ofNullable(value(context, "liaison.data-dir")).orElse("./data");
        return List.of(new Generated(Path.of(dataDir)));
    }

    /** The password of the embedded Bolt port in this data directory, generated when there is none. */
    public static String readOrCreate(Path dataDir) {
        return SecretFiles.readOrCreate(dataDir, SecretFiles.NEO4J_PASSWORD, () -> Ids.random(32));
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }

    /** Generates the file only when the value is asked for, which is when the driver is configured. */
    private static final class Generated extends AbstractConfigSource {
        private final Path dataDir;
        private volatile String password;

        Generated(Path dataDir) {
            super("Liaison embedded Neo4j password (" + SecretFiles.file(dataDir, SecretFiles.NEO4J_PASSWORD) + ")", 100);
            this.dataDir = dataDir;
        }

        @Override
        public Map<String, String> getProperties() {
            return Map.of();
        }

        /**
         * Unlisted on purpose: the build reads every listed property, and the file must be made by
         * the first start, not by the build. Lookups by name still reach {@link #getValue}.
         */
        @Override
        public Set<String> getPropertyNames() {
            return Set.of();
        }

        @Override
        public synchronized String getValue(String propertyName) {
            if (!PROPERTY.equals(propertyName)) {
                return null;
            }
            if (password == null) {
                password = readOrCreate(dataDir);
            }
            return password;
        }
    }
}
