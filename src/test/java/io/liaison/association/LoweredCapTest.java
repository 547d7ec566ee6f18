package io.liaison.association;

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

/** The per-label cap, lowered through configuration, holds when many links to one record race. */
@QuarkusTest
@TestProfile(LoweredLimits.class)
class LoweredCapTest {

    @Test
    void aRecordCannotExceedTheLabelCapUnderARace() throws Exception {
        var tenant = Api.newTenant("Cap");
        String hub = tenant.createContact("Hub", "Record");
        String label = tenant.createAssociation("knows", "contact", "Knows", "contact", null, null);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String spoke = tenant.createContact("Spoke" + i, "S");
            // Alternate ends: the cap counts a record's links under the label from either side.
            calls.add(i % 2 == 0
                    ? () -> tenant.link(label, hub, spoke).then().extract().statusCode()
                    : () -> tenant.link(label, spoke, hub).then().extract().statusCode());
        }
        List<Integer> statuses = Race.run(calls);
        assertEquals(5, Race.count(statuses, 201), statuses.toString());
        assertEquals(15, Race.count(statuses, 409), statuses.toString());
        tenant.request().get("/associations/relations/" + hub).then().body("total", equalTo(5));
        String another = tenant.createContact("Another", "A");
        tenant.link(label, another, hub).then().statusCode(409)
                .body("code", equalTo("LIMIT_EXCEEDED")).body("details.limit", equalTo("recordsPerLabel"))
                .body("details.maximum", equalTo(5)).body("details.current", equalTo(5));
    }

    @Test
    void theLabelsPerObjectPairLimitIsConfigurable() {
        var tenant = Api.newTenant("Labels");
        for (int i = 0; i < 3; i++) {
            tenant.createAssociation("l" + i, "contact", "A" + i, "contact", "B" + i, null);
        }
        tenant.request().body(Map.of("locationId", tenant.locationId(), "key", "l3", "firstObjectKey", "contact",
                "firstObjectLabel", "A", "secondObjectKey", "contact")).post("/associations/").then().statusCode(409)
                .body("details.maximum", equalTo(3));
    }
}
