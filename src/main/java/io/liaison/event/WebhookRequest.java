package io.liaison.event;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** POST /webhooks: where to send, and which events. */
@Schema(name = "CreateWebhookRequest")
record WebhookRequest(
        @Schema(description = "Optional; when given it must be the key's location", example = "ve9EPM428h8vShlRW1KT") String locationId,
        @Schema(required = true, description = "http(s), at most 2048 characters, resolving to a public address",
                example = "https://example.com/hooks/liaison") String url,
        @Schema(required = true, description = "HighLevel event names", example = "[\"ContactCreate\", \"RelationCreate\"]")
        List<String> events) {
}
