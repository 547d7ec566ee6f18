package io.liaison.event;

import io.liaison.error.ErrorBody;
import io.liaison.location.SecretInAnswer;
import io.liaison.location.Caller;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/webhooks")
@Tag(name = "Webhooks", description = "HighLevel event webhooks from the outbox, signed with the Standard Webhooks scheme")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
class WebhookResource {

    private final WebhookService service;
    private final Caller caller;

    public WebhookResource(WebhookService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    public record WebhookEnvelope(Webhook webhook) {
    }

    public record WebhookList(List<Webhook> webhooks, int total) {
    }

    public record DeletedWebhook(boolean deleted, String id) {
    }

    public record DeliveryList(List<Delivery> deliveries) {
    }

    public record DeliveryEnvelope(Delivery delivery) {
    }

    @POST
    @SecretInAnswer("webhook.secret")
    @Operation(summary = "Subscribe a URL to events",
            description = "The answer carries the signing secret (whsec_...), shown this once. At most "
                    + "LIAISON_WEBHOOKS_MAX_SUBSCRIPTIONS_PER_LOCATION (default 10) per location.")
    @APIResponse(responseCode = "201", description = "The subscription, with its secret",
            content = @Content(schema = @Schema(implementation = WebhookEnvelope.class)))
    @APIResponse(responseCode = "409", description = "The location has as many webhooks as allowed (LIMIT_EXCEEDED)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response create(WebhookRequest body) {
        if (body == null) {
            throw io.liaison.error.Errors.ValidationFailed.of("body", "must be a JSON object with url and events");
        }
        return Response.status(201).entity(new WebhookEnvelope(service.create(caller.location(body.locationId()), body))).build();
    }

    @GET
    @Operation(summary = "List the location's webhooks", description = "Oldest first, without their secrets.")
    @APIResponse(responseCode = "200", description = "The webhooks", content = @Content(schema = @Schema(implementation = WebhookList.class)))
    public WebhookList list() {
        List<Webhook> webhooks = service.list(caller.location());
        return new WebhookList(webhooks, webhooks.size());
    }

    @GET
    @Path("/{webhookId}")
    @Operation(summary = "Get a webhook", description = "Without its secret.")
    @APIResponse(responseCode = "200", description = "The webhook", content = @Content(schema = @Schema(implementation = WebhookEnvelope.class)))
    @APIResponse(responseCode = "404", description = "No such webhook in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public WebhookEnvelope get(@PathParam("webhookId") String webhookId) {
        return new WebhookEnvelope(service.get(caller.location(), webhookId));
    }

    @DELETE
    @Path("/{webhookId}")
    @Operation(summary = "Delete a webhook", description = "Its pending deliveries are dropped with it.")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(implementation = DeletedWebhook.class)))
    @APIResponse(responseCode = "404", description = "No such webhook in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public DeletedWebhook delete(@PathParam("webhookId") String webhookId) {
        service.delete(caller.location(), webhookId);
        return new DeletedWebhook(true, webhookId);
    }

    @GET
    @Path("/{webhookId}/deliveries")
    @Operation(summary = "A webhook's deliveries", description = "Newest event first: status, attempts, the last error and the next retry.")
    @APIResponse(responseCode = "200", description = "A page of deliveries", content = @Content(schema = @Schema(implementation = DeliveryList.class)))
    @APIResponse(responseCode = "404", description = "No such webhook in this location", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public DeliveryList deliveries(@PathParam("webhookId") String webhookId,
            @Parameter(description = "PENDING, DELIVERED or DEAD") @QueryParam("status") String status,
            @Parameter(description = "The last eventId of the previous page") @QueryParam("before") String before,
            @Parameter(description = "Page size, 1 to 100 (default 20)") @QueryParam("limit") Integer limit) {
        return new DeliveryList(service.deliveries(caller.location(), webhookId, status, before, limit));
    }

    @POST
    @Path("/{webhookId}/deliveries/{eventId}/redeliver")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Send an event to a webhook again", description = "Whatever its state (delivered or dead), with a fresh attempt budget.")
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(schema = @Schema(implementation = DeliveryEnvelope.class)))
    @APIResponse(responseCode = "404", description = "No delivery of that event to that webhook in this location",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response redeliver(@PathParam("webhookId") String webhookId, @PathParam("eventId") String eventId) {
        return Response.status(202).entity(new DeliveryEnvelope(service.redeliver(caller.location(), webhookId, eventId))).build();
    }
}
