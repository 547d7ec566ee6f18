package io.liaison.event;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event's delivery to one webhook: where it stands, and when it is tried next. */
@Schema(name = "WebhookDelivery")
record Delivery(
        @Schema(example = "01JEXAMPLE0000000000000000") String eventId,
        @Schema(example = "ContactCreate") String eventType,
        @Schema(description = "PENDING (not yet delivered, retried), DELIVERED, or DEAD (gave up after the last attempt)",
                example = "PENDING") String status,
        @Schema(example = "2") int attempts,
        @Schema(description = "When a PENDING delivery is tried next") String nextAttemptAt,
        String lastAttemptAt,
        @Schema(description = "The receiver's HTTP status at the last attempt", example = "503") Integer lastStatusCode,
        @Schema(description = "Why the last attempt failed", example = "HTTP 503") String lastError,
        String deliveredAt,
        String createdAt) {

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String DEAD = "DEAD";
}
