package io.liaison.graph;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The bounds of the graph queries. Each can be set by its LIAISON_GRAPH_* environment variable; the
 * request parameters (depth, limit) are checked against them, so no query can grow without bound.
 */
@ConfigMapping(prefix = "liaison.graph")
public interface GraphConfig {

    /**
     * At most this many links are followed from any one record (LIAISON_GRAPH_FAN_OUT). A record
     * with more (a supernode) is expanded this far and the answer says {@code truncated: true}.
     */
    @WithDefault("100")
    int fanOut();

    /** Nodes in a neighbourhood when the request names no limit. */
    @WithDefault("100")
    int defaultNodes();

    /** The largest neighbourhood a request may ask for, in nodes; edges are capped at four per node. */
    @WithDefault("500")
    int maxNodes();

    /**
     * LIAISON_GRAPH_QUERY_TIMEOUT: the server abandons a graph query after this long, whatever the
     * graph looks like (a path search between supernodes, say); the client gets 422 QUERY_TOO_EXPENSIVE.
     */
    @WithDefault("10s")
    java.time.Duration queryTimeout();
}
