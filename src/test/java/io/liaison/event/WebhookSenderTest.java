package io.liaison.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sender connects to the address that was checked, and says no more about a failure than a public client would. */
class WebhookSenderTest {

    private final WebhookSender sender = new WebhookSender();
    private final byte[] body = "{\"type\":\"ContactCreate\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void itConnectsToTheCheckedAddressAndKeepsTheUrlsHostWithoutResolvingItAgain() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            // .invalid never resolves (RFC 6761): the request can only arrive if the sender used the pinned address.
            URI uri = URI.create("http://rebound.invalid:" + receiver.port() + "/hooks/liaison?x=1");
            var target = new WebhookTargets.Resolved(uri, InetAddress.getLoopbackAddress());

            int status = sender.post(target, Map.of("webhook-id", "01JEZ6Q4W3X8Y9ZA1B2C3D4E5F", "Content-Type", "application/json"),
                    body, Duration.ofSeconds(5));

            assertEquals(200, status);
            Receiver.Received received = receiver.received().get(0);
            assertEquals("rebound.invalid:" + receiver.port(), received.host());
            assertEquals("01JEZ6Q4W3X8Y9ZA1B2C3D4E5F", received.id());
            assertEquals("{\"type\":\"ContactCreate\"}", received.body());
        }
    }

    @Test
    void theStatusIsAnsweredAsItIs() throws Exception {
        try (Receiver receiver = Receiver.start()) {
            receiver.answer(503);
            var target = new WebhookTargets.Resolved(URI.create(receiver.url()), InetAddress.getLoopbackAddress());
            assertEquals(503, sender.post(target, Map.of(), body, Duration.ofSeconds(5)));
        }
    }

    @Test
    void aRefusedAndAnUnreachableConnectionReadTheSame() throws Exception {
        try (Receiver down = Receiver.down()) {
            var refused = assertThrows(WebhookSender.Failed.class, () -> sender.post(
                    new WebhookTargets.Resolved(URI.create(down.url()), InetAddress.getLoopbackAddress()), Map.of(), body,
                    Duration.ofMillis(300)));
            // TEST-NET-1 is never routed: unreachable at once, or a connect timeout, depending on the network.
            var unreachable = assertThrows(WebhookSender.Failed.class, () -> sender.post(
                    new WebhookTargets.Resolved(URI.create("http://192.0.2.1/hooks"), InetAddress.getByName("192.0.2.1")), Map.of(), body,
                    Duration.ofMillis(300)));
            assertEquals(WebhookSender.COULD_NOT_CONNECT, refused.getMessage());
            assertEquals(WebhookSender.COULD_NOT_CONNECT, unreachable.getMessage());
        }
    }

    @Test
    void aReceiverThatHoldsTheRequestTimesOut() throws Exception {
        try (Receiver hanging = Receiver.start()) {
            hanging.hang();
            var target = new WebhookTargets.Resolved(URI.create(hanging.url()), InetAddress.getLoopbackAddress());
            var failed = assertThrows(WebhookSender.Failed.class, () -> sender.post(target, Map.of(), body, Duration.ofMillis(300)));
            assertEquals("no answer within 300 ms", failed.getMessage());
        }
    }
}
