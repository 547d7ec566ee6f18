package io.liaison.event;

import com.fasterxml.jackson.annotation.JsonRawValue;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event of the feed: the webhook's payload ({@code data}) with its id and feed cursor. */
@Schema(name = "Event")
record FeedEvent(
        @Schema(description = "The event's stable id, also the webhook-id header of its deliveries", example = "01JEXAMPLE0000000000000000")
        String id,
        @Schema(description = "Pass as ?after= (or Last-Event-ID) to read on from this event", example = "42") String cursor,
        @Schema(example = "ContactCreate") String type,
        @Schema(example = "2025-06-13T20:23:51.000Z") String timestamp,
        @Schema(implementation = Object.class, description = "HighLevel's webhook payload for this event") @JsonRawValue String data) {

    static FeedEvent from(EventRepository.StoredEvent event) {
        return new FeedEvent(event.id(), Long.toString(event.seq()), event.type(),
                io.liaison.neo4j.Timestamps.iso(event.createdAt()), event.payload());
    }
}
