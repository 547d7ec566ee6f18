package io.liaison.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
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

    /**
     * LIAISON_IN_PROCESS_TRANSACTIONS: when the database runs in this process (the embedded default),
     * run transactions on it directly rather than through Bolt on loopback. Off forces Bolt.
     */
    @WithDefault("true")
    boolean inProcessTransactions();

    /**
     * LIAISON_BOLT_CALL_TIMEOUT: the longest any one call to a Neo4j server over Bolt may take before the
     * request gets 503, however busy the server is. A server that answers nothing at all is cut off
     * much sooner, after BoltHeartbeat.SILENT_AFTER (1 s). Transactions in process are not bounded by it.
     */
    @WithDefault("30s")
    Duration boltCallTimeout();

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

    ApiKeys apiKeys();

    RateLimit rateLimit();

    Log log();

    Phone phone();

    /** How phone numbers are read before they are stored in E.164 (see io.liaison.phone.PhoneNumbers). */
    interface Phone {
        /**
         * LIAISON_PHONE_DEFAULT_REGION: the region (ISO 3166 two letters) of a number written without
         * its +country code; ZZ accepts only numbers written with it.
         */
        @WithDefault("US")
        String defaultRegion();
    }

    /** Logging; the console handler itself is Quarkus' (quarkus.log.*). */
    interface Log {
        /**
         * LIAISON_LOG_JSON=true: the console writes one JSON object per line, with the request id
         * and location id of the request it was logged in (quarkus.log.console.json.enabled follows it).
         */
        @WithDefault("false")
        boolean json();
    }

    /** How API keys and the agency token are looked up. */
    interface ApiKeys {
        /**
         * A key or agency token found in the database is trusted for this long without asking again.
         * It bounds how long a revoked key or a rotated token still works on any instance, so it may
         * not exceed 1 s.
         */
        @WithDefault("PT0.9S")
        Duration cacheTtl();

        /** Keys remembered at most; a full cache is emptied rather than grown. */
        @WithDefault("10000")
        int cacheSize();

        /** A key's "last used" time is written at most this often (per instance, in one batch). */
        @WithDefault("PT1M")
        Duration lastUsedInterval();
    }

    /**
     * HighLevel's limits per key: a burst window and a daily quota, each answered with 429 and the
     * X-RateLimit-* headers. Counted in this instance's memory, so with N instances a key gets up to N
     * times the numbers.
     */
    interface RateLimit {
        @WithDefault("false")
        boolean enabled();

        /** Requests per location (all its keys together) in one burst window (HighLevel: 100 per 10 s). */
        @WithDefault("100")
        int burst();

        @WithDefault("PT10S")
        Duration burstInterval();

        /** Requests per location (all its keys together) per UTC day (HighLevel: 200,000). */
        @WithDefault("200000")
        int daily();

        /**
         * Failed authentications (an unknown key or a wrong agency token) one client address may
         * make per {@link #failedAuthenticationsWindow}; past it, 429 with Retry-After and no lookup.
         * On whether or not the request limits are; 0 turns it off.
         */
        @WithDefault("20")
        int failedAuthentications();

        @WithDefault("PT1M")
        Duration failedAuthenticationsWindow();
    }

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
         * LIAISON_EMBEDDED_PASSWORD: the password of user neo4j on the embedded Bolt port. Unset, one
         * is generated on the first start and kept in {@code <data-dir>/secrets/neo4j-password}.
         */
        Optional<String> password();

        /**
         * LIAISON_EMBEDDED_NO_AUTH=true: Bolt takes no credentials (one-click Browser), and with that
         * every local process and every web page opened on the host can reach all data. Opt-in only.
         */
        @WithDefault("false")
        boolean noAuth();

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

        /** API keys one location may have at a time. */
        @WithDefault("50")
        int apiKeysPerLocation();
    }
}
