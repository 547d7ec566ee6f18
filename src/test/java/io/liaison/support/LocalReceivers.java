package io.liaison.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * For tests that subscribe a receiver on this machine: private targets are allowed here only. Every
 * other test runs with the default, which refuses loopback, private and special-purpose addresses.
 * Tests sharing it share one Quarkus start.
 */
public class LocalReceivers implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("liaison.webhooks.allow-private-targets", "true");
    }
}
