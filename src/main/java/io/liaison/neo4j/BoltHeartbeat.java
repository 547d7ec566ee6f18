package io.liaison.neo4j;

import java.time.Duration;
import org.jboss.logging.Logger;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;

/**
 * Whether a Neo4j server reached through Bolt still answers, asked a few times a second on a thread
 * of its own. The driver has no read timeout: a server that is paused (SIGSTOP, a frozen VM, a
 * network that drops packets) keeps a statement waiting as long as the pause lasts. The heartbeat
 * measures that pause without a timeout of its own: its ping simply has not come back. Once it has
 * been out for {@link #SILENT_AFTER}, the service counts the database as away: new requests are
 * answered 503 at once, readiness is DOWN, and calls in flight give up with 503 (see
 * {@link GraphDatabase}). When the ping comes back, all of it ends by itself, no restart needed.
 */
public final class BoltHeartbeat implements AutoCloseable {

    /**
     * A ping this long out means the server is not answering: well above a loaded server's round trip
     * (on the shared 2-core test machine, pings to a busy server took over 1 s), and with the callers'
     * 100 ms look at it, within the 2 s a client should wait for its 503.
     */
    public static final Duration SILENT_AFTER = Duration.ofMillis(1500);
    static final Duration EVERY = Duration.ofMillis(250);

    private static final Logger LOG = Logger.getLogger(BoltHeartbeat.class);

    private final Driver driver;
    private final SessionConfig session;
    private final Thread thread;
    /** System.nanoTime() when the ping in flight was sent; {@link #IDLE} between pings. */
    private volatile long pingSentNanos = IDLE;
    private volatile boolean lastFailed;
    private volatile boolean running = true;
    private static final long IDLE = Long.MIN_VALUE;

    private BoltHeartbeat(Driver driver, SessionConfig session) {
        this.driver = driver;
        this.session = session;
        this.thread = new Thread(this::run, "liaison-bolt-heartbeat");
        thread.setDaemon(true);
    }

    public static BoltHeartbeat start(Driver driver, SessionConfig session) {
        BoltHeartbeat heartbeat = new BoltHeartbeat(driver, session);
        heartbeat.thread.start();
        return heartbeat;
    }

    /** The server has not answered a ping for {@link #SILENT_AFTER}, or the last ping failed. */
    public boolean silent() {
        long sent = pingSentNanos;
        return running && (lastFailed || (sent != IDLE && System.nanoTime() - sent > SILENT_AFTER.toNanos()));
    }

    private void run() {
        boolean wasSilent = false;
        while (running) {
            pingSentNanos = System.nanoTime();
            try (var ping = driver.session(session)) {
                // A statement, not verifyConnectivity(): an idle pooled connection is handed out without a
                // round trip, so only a statement's answer says the server still answers.
                ping.run("RETURN 1").consume();
                lastFailed = false;
            } catch (RuntimeException e) {
                lastFailed = true;
            } finally {
                pingSentNanos = IDLE;
            }
            boolean nowSilent = lastFailed;
            if (nowSilent != wasSilent) {
                LOG.infof(nowSilent ? "The Neo4j heartbeat fails" : "The Neo4j heartbeat answers again");
                wasSilent = nowSilent;
            }
            try {
                Thread.sleep(EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Not interrupted: the thread holds no transaction, only a ping, and it is a daemon. */
    @Override
    public void close() {
        running = false;
    }
}
