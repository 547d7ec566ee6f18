package io.liaison.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liaison.neo4j.GraphDatabase;
import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dispatcher the service runs by itself (LIAISON_WEBHOOKS_DISPATCH=true, the default outside tests). */
@QuarkusTest
@TestProfile(BackgroundDispatchTest.Dispatching.class)
class BackgroundDispatchTest {

    public static class Dispatching implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("liaison.webhooks.dispatch", "true", "liaison.webhooks.poll-interval", "200ms",
                    "liaison.webhooks.allow-private-targets", "true");
        }
    }

    @Inject
    GraphDatabase db;

    @Test
    void theServiceDeliversWithoutBeingAsked() throws Exception {
        Tenant tenant = Api.newTenant("Background");
        try (Receiver receiver = Receiver.start()) {
            var hook = Outbox.subscribe(tenant, receiver.url(), List.of("ContactCreate"));
            String event = Outbox.record(db, tenant, EventType.ContactCreate, "backgroundcontact001", Map.of());
            // Waits for the background rounds (every 200 ms); the bound only stops a broken build from hanging.
            for (int i = 0; i < 600 && receiver.received().isEmpty(); i++) {
                Thread.sleep(100);
            }
            assertEquals(List.of(event), receiver.receivedIds());
            Outbox.assertSigned(hook.secret(), receiver.received().get(0));
        }
    }
}
