package io.liaison.graph;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.LoweredLimits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With the cap at 5 links per label and the fan-out at 3, a handful of links make a supernode and a record at the cap. */
@QuarkusTest
@TestProfile(LoweredLimits.class)
class GraphLimitsTest {

    private Tenant tenant;
    private String manager;
    private String hub;
    private final List<String> reports = new ArrayList<>();

    /** A hub managing 5 people: more than the fan-out of 3, and exactly the cap. */
    @BeforeEach
    void hub() {
        tenant = Api.newTenant("Low caps");
        manager = tenant.createAssociation("manager_employee", "contact", "Manager", "contact", "Employee", null);
        hub = tenant.createContact("Hub", "Boss");
        for (int i = 0; i < 5; i++) {
            String report = tenant.createContact("Report", "N" + i);
            reports.add(report);
            tenant.linked(manager, hub, report);
        }
    }

    @Test
    void aSupernodeIsExpandedOnlyAsFarAsTheFanOutAndSaysSo() {
        tenant.request().get("/graph/records/" + hub + "/neighborhood").then().statusCode(200)
                .body("nodes", hasSize(4)).body("edges", hasSize(3)).body("truncated", equalTo(true))
                .body("nodes[0].id", equalTo(hub));
        tenant.request().queryParam("depth", 3).get("/graph/records/" + hub + "/neighborhood").then().statusCode(200)
                .body("nodes", hasSize(4)).body("truncated", equalTo(true));
        // From a report, the hub is reached, and the hub's own links are cut at the fan-out again.
        tenant.request().queryParam("depth", 2).get("/graph/records/" + reports.get(0) + "/neighborhood").then().statusCode(200)
                .body("nodes.size()", lessThanOrEqualTo(5)).body("truncated", equalTo(true));
        tenant.request().queryParam("with", reports.get(1)).get("/graph/records/" + reports.get(0) + "/mutual").then().statusCode(200)
                .body("records.id", contains(hub)).body("truncated", equalTo(false));
        tenant.request().queryParam("with", reports.get(0)).get("/graph/records/" + hub + "/mutual").then().statusCode(200)
                .body("truncated", equalTo(true));
        tenant.request().get("/graph/records/" + reports.get(0) + "/suggestions").then().statusCode(200)
                .body("suggestions.size()", lessThanOrEqualTo(3)).body("truncated", equalTo(true));
    }

    @Test
    void usageListsTheRecordsAtOrNearTheCap() {
        // The cap is 5, so 4 links (80%) is near it; a record with 3 is not.
        String second = tenant.createContact("Second", "Boss");
        for (int i = 0; i < 4; i++) {
            tenant.linked(manager, second, reports.get(i));
        }
        String third = tenant.createContact("Third", "Boss");
        for (int i = 0; i < 3; i++) {
            tenant.linked(manager, third, reports.get(i));
        }
        tenant.request().get("/associations/" + manager + "/usage").then().statusCode(200)
                .body("links", equalTo(12)).body("records", equalTo(8)).body("cap", equalTo(5))
                .body("nearLimit.recordId", contains(hub, second)).body("nearLimitTotal", equalTo(2))
                .body("nearLimit.find { it.recordId == '" + hub + "' }.links", equalTo(5))
                .body("nearLimit.find { it.recordId == '" + hub + "' }.limit", equalTo(5))
                .body("nearLimit.find { it.recordId == '" + hub + "' }.reason", equalTo("recordsPerLabel"))
                .body("nearLimit.find { it.recordId == '" + hub + "' }.name", equalTo("Hub Boss"))
                .body("nearLimit.find { it.recordId == '" + second + "' }.links", equalTo(4));
    }

    @Test
    void usageListsTheRecordsThatUsedTheOneLinkTheirSideAllows() {
        // Each employee works for at most one company record; a company employs many.
        String worksFor = tenant.createAssociation("works_for", "contact", "Employee", "contact", "Employer", "MANY_TO_ONE");
        tenant.linked(worksFor, reports.get(0), hub);
        tenant.linked(worksFor, reports.get(1), hub);
        tenant.request().get("/associations/" + worksFor + "/usage").then().statusCode(200)
                .body("links", equalTo(2)).body("records", equalTo(3))
                .body("nearLimit.recordId", containsInAnyOrder(reports.get(0), reports.get(1)))
                .body("nearLimit.reason", contains("cardinality", "cardinality"))
                .body("nearLimit.limit", contains(1, 1));
    }
}
