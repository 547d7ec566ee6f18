package io.liaison.association;

import io.liaison.support.LoweredLimits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * {@link RelationBulkRaceTest} over Bolt, where batches run as Cypher statements (in-process they go
 * through Neo4j's Java core API): the cap, the cardinality and the lock order hold either way.
 */
@QuarkusTest
@TestProfile(RelationBulkRaceOverBoltTest.LoweredLimitsOverBolt.class)
class RelationBulkRaceOverBoltTest extends RelationBulkRaceTest {

    public static class LoweredLimitsOverBolt extends LoweredLimits {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("liaison.in-process-transactions", "false");
            return overrides;
        }
    }
}
