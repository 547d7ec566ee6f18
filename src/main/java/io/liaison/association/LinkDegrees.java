package io.liaison.association;

import io.liaison.neo4j.Degrees;
import io.liaison.neo4j.GraphDatabase;
import org.jboss.logging.Logger;
import org.neo4j.driver.exceptions.ClientException;

/**
 * Whether the database offers Liaison's degree functions ({@link Degrees}), with which the link
 * statements count a record's links under a label in O(1) of its degree; the embedded database and the
 * tests' harness register them. An external server without them gets the Cypher form, which walks the
 * record's links: the same answers, at O(the record's degree). Asked once per process in a read of
 * its own; a negative answer is asked again after a minute, in case it came from a server still starting,
 * and a positive one after a statement found them missing (a server restarting: {@link Degrees#reportMissing}).
 */
final class LinkDegrees {

    private static final Logger LOG = Logger.getLogger(LinkDegrees.class);
    private static final long REPROBE_AFTER_NANOS = java.time.Duration.ofMinutes(1).toNanos();

    private final GraphDatabase db;
    private volatile Boolean available;
    private volatile long probedAtNanos;
    /** {@link Degrees#reportedMissing()} when last probed: a later report makes a positive answer stale. */
    private volatile long probedAtReport;

    LinkDegrees(GraphDatabase db) {
        this.db = db;
    }

    boolean available() {
        Boolean known = available;
        return known != null && !stale(known) ? known : probe();
    }

    private boolean stale(boolean known) {
        return known ? probedAtReport != Degrees.reportedMissing() : System.nanoTime() - probedAtNanos > REPROBE_AFTER_NANOS;
    }

    /** One probe at a time, so the first links of a busy start ask (and warn) once. */
    private synchronized boolean probe() {
        Boolean known = available;
        if (known == null || stale(known)) {
            long report = Degrees.reportedMissing();
            try {
                known = db.read(Degrees::offeredBy);
            } catch (ClientException refused) {
                // A server that will not list its functions to this user: the walking form works everywhere.
                LOG.debugf("SHOW FUNCTIONS failed: %s", refused.getMessage());
                known = false;
            }
            probedAtNanos = System.nanoTime();
            probedAtReport = report;
            available = known;
            if (!known) {
                LOG.warn("The Neo4j server has no liaison.degree functions: the link rules count a record's links by walking them, "
                        + "which costs O(the record's links) per link (see docs/api/associations.md)");
            }
        }
        return known;
    }
}
