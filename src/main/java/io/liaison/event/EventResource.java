package io.liaison.event;

import io.liaison.error.ErrorBody;
import io.liaison.location.Caller;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/events")
@Tag(name = "Events", description = "The location's events (the webhook payloads), as a pull feed and as Server-Sent Events")
@SecurityRequirement(name = "bearer")
class EventResource {

    private final EventService service;
    private final EventStreams streams;
    private final Caller caller;

    public EventResource(EventService service, EventStreams streams, Caller caller) {
        this.service = service;
        this.streams = streams;
        this.caller = caller;
    }

    public record FeedPage(List<FeedEvent> events, String nextCursor) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Read the event feed",
            description = "Oldest first, after a cursor. Pass nextCursor back as after to read on; an empty page keeps the cursor. "
                    + "Events stay for LIAISON_EVENTS_RETENTION (default 7 days).")
    @APIResponse(responseCode = "200", description = "A page of events", content = @Content(schema = @Schema(implementation = FeedPage.class)))
    @APIResponse(responseCode = "422", description = "A bad cursor or limit", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public FeedPage feed(@Parameter(description = "The nextCursor of the previous page; leave out to start at the oldest kept event")
            @QueryParam("after") String after,
            @Parameter(description = "Page size, 1 to 100 (default 20)") @QueryParam("limit") Integer limit) {
        var page = service.feed(caller.location(), after, limit);
        return new FeedPage(page.events(), page.nextCursor());
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Stream events as they happen (Server-Sent Events)",
            description = "Each event's SSE id is its cursor and its name its type; data is the feed's event object. Reconnect "
                    + "with Last-Event-ID (or after) to resume; without either the stream starts after the latest event.")
    @APIResponse(responseCode = "200", description = "The stream")
    @APIResponse(responseCode = "429", description = "Too many open streams (TOO_MANY_STREAMS)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public void stream(@HeaderParam("Last-Event-ID") String lastEventId, @QueryParam("after") String after,
            @Context SseEventSink sink, @Context Sse sse) {
        String locationId = caller.location();
        streams.open(locationId, caller.keyId().orElse(null), service.streamStart(locationId, lastEventId, after), sink, sse);
    }
}
