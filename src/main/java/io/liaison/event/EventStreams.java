package io.liaison.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.error.ApiException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The open Server-Sent Event streams. One background thread reads each stream's location on from
 * its cursor at every poll and pushes what is new, so a stream costs one indexed read per poll and
 * no thread of its own. A comment every {@link #KEEP_ALIVE} finds clients that went away.
 */
@ApplicationScoped
public class EventStreams {

    private static final Logger LOG = Logger.getLogger(EventStreams.class);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final int EVENTS_PER_POLL = 100;

    private final EventService events;
    private final EventsConfig config;
    private final ObjectMapper json;
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "liaison-event-streams");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean polling;

    public EventStreams(EventService events, EventsConfig config, ObjectMapper json) {
        this.events = events;
        this.config = config;
        this.json = json;
    }

    private static final class Stream {
        final String locationId;
        final SseEventSink sink;
        final Sse sse;
        long cursor;
        long lastSentNanos = System.nanoTime();

        Stream(String locationId, long cursor, SseEventSink sink, Sse sse) {
            this.locationId = locationId;
            this.cursor = cursor;
            this.sink = sink;
            this.sse = sse;
        }
    }

    public synchronized void open(String locationId, long cursor, SseEventSink sink, Sse sse) {
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
            polling = true;
        }
        Stream stream = new Stream(locationId, cursor, sink, sse);
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

    void onStop(@Observes ShutdownEvent event) {
        poller.shutdownNow();
        open.forEach(s -> s.sink.close());
    }
}
