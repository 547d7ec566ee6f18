package io.liaison.event;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The settings of the event outbox and its feed (LIAISON_EVENTS_*). */
@ConfigMapping(prefix = "liaison.events")
public interface EventsConfig {

    /** LIAISON_EVENTS_RETENTION: events older than this leave the feed (and are pruned) once their deliveries ended. */
    @WithDefault("7d")
    Duration retention();

    /** How often an open event stream (SSE) looks for new events. */
    @WithDefault("1s")
    Duration streamPollInterval();

    /** Open event streams per instance, and per location; more are refused with 429. */
    @WithDefault("200")
    int maxStreams();

    @WithDefault("5")
    int maxStreamsPerLocation();
}
