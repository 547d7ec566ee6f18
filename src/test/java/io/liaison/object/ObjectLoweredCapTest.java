package io.liaison.object;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liaison.support.Api;
import io.liaison.support.LoweredLimits;
import io.liaison.support.Race;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** The per-label cap and the labels-per-pair limit, lowered through configuration, between custom objects under a race. */
@QuarkusTest
@TestProfile(LoweredLimits.class)
class ObjectLoweredCapTest {

    @Test
    void aBoardCannotExceedTheLabelCapUnderARace() throws Exception {
        var tenant = Api.newTenant("Cap");
        String boards = Objects.createSurfboards(tenant);
        String wetsuits = Objects.createObject(tenant, "wetsuits", "Wetsuit");
        String board = Objects.createRecord(tenant, boards, "Hub board");
        String label = tenant.createAssociation("board_suit", boards, "Board", wetsuits, "Suit", null);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String suit = Objects.createRecord(tenant, wetsuits, "Suit " + i);
            calls.add(() -> tenant.link(label, board, suit).then().extract().statusCode());
        }
        List<Integer> statuses = Race.run(calls);
        assertEquals(5, Race.count(statuses, 201), statuses.toString());
        assertEquals(15, Race.count(statuses, 409), statuses.toString());
        tenant.request().get("/associations/relations/" + board).then().body("total", equalTo(5));

        List<Callable<Integer>> labels = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String key = "pair_" + i;
            labels.add(() -> tenant.request().body(Map.of("locationId", tenant.locationId(), "key", key, "firstObjectKey", wetsuits,
                    "firstObjectLabel", "S" + key, "secondObjectKey", boards, "secondObjectLabel", "B" + key))
                    .post("/associations/").then().extract().statusCode());
        }
        List<Integer> created = Race.run(labels);
        // board_suit already counts towards the limit of 3 for this pair.
        assertEquals(2, Race.count(created, 201), created.toString());
        tenant.request().get("/associations/objectKey/" + wetsuits).then().body("associations.size()", equalTo(3));
    }
}
