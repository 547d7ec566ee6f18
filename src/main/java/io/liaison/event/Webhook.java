package io.liaison.event;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A webhook subscription. Its secret is answered once, when it is created. */
@Schema(name = "Webhook")
public record Webhook(
        @Schema(example = "aB3dE5gH7jK9mN1pQ3sT") String id,
        @Schema(example = "https://example.com/hooks/liaison") String url,
        @Schema(example = "[\"ContactCreate\", \"RelationCreate\"]") List<String> events,
        @Schema(description = "Standard Webhooks signing secret (whsec_ + base64 key); only in the answer to POST /webhooks",
                example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret,
        @Schema(example = "2025-06-13T20:23:51.000Z") String createdAt) {

    Webhook withoutSecret() {
        return new Webhook(id, url, events, null, createdAt);
    }
}
