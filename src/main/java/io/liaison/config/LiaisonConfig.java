package io.liaison.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/** Every Liaison setting in one typed place; each one can be set by its LIAISON_* environment variable. */
@ConfigMapping(prefix = "liaison")
public interface LiaisonConfig {

    /** Where the embedded Neo4j keeps its store (LIAISON_DATA_DIR). */
    @WithDefault("./data")
    Path dataDir();

    Embedded embedded();

    /** The Neo4j database every session names, so a cluster routes to the right one. */
    @WithDefault("neo4j")
    String database();

    /** LIAISON_AGENCY_TOKEN; when unset, one is generated on the first start and only its hash is kept. */
    Optional<String> agencyToken();

    /** The public base URL printed at start-up and used in links. */
    Optional<String> publicUrl();

    /** Creates a "Default" location with a key when the store has none (the first run). */
    @WithDefault("true")
    boolean bootstrapDefaultLocation();

    /** LIAISON_DEMO=true loads the "Demo" location once the schema is applied (see io.liaison.demo). */
    @WithDefault("false")
    boolean demo();

    Limits limits();

    interface Embedded {
        /**
         * Forces the embedded database on or off. Unset means: embedded, unless QUARKUS_NEO4J_URI
         * points the driver elsewhere.
         */
        Optional<Boolean> enabled();

        /** LIAISON_EMBEDDED_BOLT_PORT; Bolt always listens on loopback only. */
        @WithDefault("7687")
        int boltPort();

        /**
         * LIAISON_EMBEDDED_PASSWORD: when set, the embedded Bolt port requires user neo4j with this
         * password (and the driver sends it). Unset, Bolt takes no credentials: one-click Browser,
         * but open to every local process and web page. Set it on any shared or browsing machine.
         */
        Optional<String> password();

        /** Page cache of the embedded store; Neo4j would otherwise size it from the machine's RAM. */
        @WithDefault("512m")
        String pageCache();
    }

    /** The product's limits (see the help article); each is configurable and enforced where it is written. */
    interface Limits {
        /** At most this many association labels between any one pair of objects. */
        @WithDefault("10")
        int labelsPerObjectPair();

        /** One record links to at most this many records under one label. */
        @WithDefault("1000")
        int recordsPerLabel();

        /** Custom objects per location. */
        @WithDefault("10")
        int customObjects();

        /** Fields declared by one custom object. */
        @WithDefault("50")
        int fieldsPerObject();
    }
}
