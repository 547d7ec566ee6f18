package io.liaison.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.error.ApiException;
import io.liaison.location.AgencyToken;
import io.liaison.location.ApiKeys;
import io.liaison.neo4j.CooperativeStop;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The open Server-Sent Event streams. One background thread reads each stream's location on from
 * its cursor at every poll and pushes what is new, so a stream costs one indexed read per poll and
 * no thread of its own. A comment every {@link #KEEP_ALIVE} finds clients that went away.
 *
 * <p>A stream lives no longer than the key that opened it: revoked through this instance, the key's
 * streams end at once; revoked through another instance sharing the database, they end at the next
 * key check, every {@link #KEY_CHECK} (one read for all open streams), so within 1 s as for requests.
 */
@ApplicationScoped
public class EventStreams {

    private static final Logger LOG = Logger.getLogger(EventStreams.class);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final int EVENTS_PER_POLL = 100;
    static final Duration KEY_CHECK = Duration.ofMillis(250);

    private final EventService events;
    private final ApiKeys apiKeys;
    private final EventsConfig config;
    private final ObjectMapper json;
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "liaison-event-streams");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService keyChecker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "liaison-event-stream-keys");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean polling;

    public EventStreams(EventService events, ApiKeys apiKeys, AgencyToken agencyToken, EventsConfig config, ObjectMapper json) {
        this.events = events;
        this.apiKeys = apiKeys;
        this.config = config;
        this.json = json;
        apiKeys.onRevoke(this::endStreamsOf);
        agencyToken.onRotate(() -> endStreamsOf(null));
    }

    private static final class Stream {
        final String locationId;
        final ApiKeys.KeyRef key;
        final SseEventSink sink;
        final Sse sse;
        long cursor;
        long lastSentNanos = System.nanoTime();

        Stream(String locationId, ApiKeys.KeyRef key, long cursor, SseEventSink sink, Sse sse) {
            this.locationId = locationId;
            this.key = key;
            this.cursor = cursor;
            this.sink = sink;
            this.sse = sse;
        }
    }

    /** {@code keyId} is the key that opened the stream: the stream ends when the key is revoked. */
    public synchronized void open(String locationId, String keyId, long cursor, SseEventSink sink, Sse sse) {
        open.removeIf(s -> s.sink.isClosed());
        if (open.size() >= config.maxStreams()) {
            throw tooMany("This instance already serves " + open.size() + " event streams; retry later or read GET /events");
        }
        long ofLocation = open.stream().filter(s -> s.locationId.equals(locationId)).count();
        if (ofLocation >= config.maxStreamsPerLocation()) {
            throw tooMany("This location already has " + ofLocation + " open event streams; the limit is " + config.maxStreamsPerLocation());
        }
        if (!polling) {
            long every = config.streamPollInterval().toMillis();
            poller.scheduleWithFixedDelay(this::pollAll, every, every, TimeUnit.MILLISECONDS);
            keyChecker.scheduleWithFixedDelay(this::checkKeys, KEY_CHECK.toMillis(), KEY_CHECK.toMillis(), TimeUnit.MILLISECONDS);
            polling = true;
        }
        // An agency console session opens a stream under no key: it ends when the agency token rotates.
        Stream stream = new Stream(locationId, keyId == null ? null : new ApiKeys.KeyRef(locationId, keyId), cursor, sink, sse);
        // Sends the headers at once, so the client knows the stream is open before the first event.
        sink.send(sse.newEventBuilder().comment("stream open after cursor " + cursor).build());
        open.add(stream);
    }

    private void pollAll() {
        for (Stream stream : open) {
            try {
                poll(stream);
            } catch (RuntimeException e) {
                // The database may be away for a moment; the stream keeps its cursor and tries again.
                LOG.debugf("Event stream poll failed: %s", e.getMessage());
            }
        }
    }

    /** Ends the streams whose key is gone, whichever instance revoked it. */
    private void checkKeys() {
        try {
            Set<ApiKeys.KeyRef> keys = open.stream().map(s -> s.key).filter(Objects::nonNull).collect(Collectors.toSet());
            if (keys.isEmpty()) {
                return;
            }
            Set<ApiKeys.KeyRef> existing = apiKeys.existing(keys);
            keys.stream().filter(k -> !existing.contains(k)).forEach(this::endStreamsOf);
        } catch (RuntimeException e) {
            // The database is away: the check runs again shortly.
            LOG.debugf("Checking the keys of event streams failed: %s", e.getMessage());
        }
    }

    private void endStreamsOf(ApiKeys.KeyRef key) {
        for (Stream stream : open) {
            if (Objects.equals(stream.key, key)) {
                open.remove(stream);
                stream.sink.close();
            }
        }
    }

    private void poll(Stream stream) {
        if (stream.sink.isClosed()) {
            open.remove(stream);
            return;
        }
        var fresh = events.after(stream.locationId, stream.cursor, EVENTS_PER_POLL);
        for (FeedEvent event : fresh) {
            // No mediaType: the JSON text is written as it is, and setting one would add a
            // "content-type:" field line, which is not an SSE field (id, event, data, retry).
            send(stream, stream.sse.newEventBuilder().id(event.cursor()).name(event.type())
                    .data(String.class, serialize(event)).build());
            stream.cursor = Long.parseLong(event.cursor());
        }
        if (fresh.isEmpty() && System.nanoTime() - stream.lastSentNanos > KEEP_ALIVE.toNanos()) {
            send(stream, stream.sse.newEventBuilder().comment("keep-alive").build());
        }
    }

    private void send(Stream stream, jakarta.ws.rs.sse.OutboundSseEvent event) {
        stream.lastSentNanos = System.nanoTime();
        stream.sink.send(event).exceptionally(failure -> {
            open.remove(stream);
            stream.sink.close();
            return null;
        });
    }

    private String serialize(FeedEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiException tooMany(String message) {
        return new ApiException(429, "TOO_MANY_STREAMS", message, null, Map.of());
    }

    void signalStop(@Observes @jakarta.annotation.Priority(CooperativeStop.SIGNAL) ShutdownEvent event) {
        CooperativeStop.signal(keyChecker);
        CooperativeStop.signal(poller);
    }

    void onStop(@Observes ShutdownEvent event) {
        // A poll in progress finishes its read; interrupting it inside the database could panic it.
        CooperativeStop.stop(keyChecker, Duration.ofSeconds(2), "The event streams' key check");
        CooperativeStop.stop(poller, Duration.ofSeconds(2), "The event streams' poll");
        open.forEach(s -> s.sink.close());
    }
}
