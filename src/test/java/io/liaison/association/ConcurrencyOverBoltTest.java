package io.liaison.association;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;

/**
 * The same races as {@link ConcurrencyTest}, with every transaction sent through the driver over
 * Bolt, as with a Neo4j server or cluster: the rules must hold whichever way transactions run (the
 * rest of the suite runs them in-process on the harness, as the embedded default does).
 */
@QuarkusTest
@TestProfile(ConcurrencyOverBoltTest.OverBolt.class)
class ConcurrencyOverBoltTest extends ConcurrencyTest {

    public static class OverBolt implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("liaison.in-process-transactions", "false");
        }
    }
}
