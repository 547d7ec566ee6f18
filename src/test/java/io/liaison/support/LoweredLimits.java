package io.liaison.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A test profile with the association limits lowered (5 links per record and label, 3 labels per
 * object pair), so races against them stay small, and the graph queries' fan-out lowered to 3, so
 * a record with 5 links is already a supernode. Tests sharing it share one Quarkus start.
 */
public class LoweredLimits implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("liaison.limits.records-per-label", "5", "liaison.limits.labels-per-object-pair", "3",
                "liaison.graph.fan-out", "3");
    }
}
