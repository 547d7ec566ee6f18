package io.liaison.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesRegex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Prometheus at /q/metrics: HTTP server, the driver's pool, and Liaison's own counters. */
@QuarkusTest
class MetricsTest {

    @Inject
    DomainMetrics domainMetrics;

    @Test
    void httpAndDriverPoolMetricsAreExported() {
        var tenant = Api.newTenant("Metrics");
        tenant.request().get("/contacts/").then().statusCode(200);

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/contacts\"}"))
                .body(containsString("neo4j_acquired_total"))
                .body(containsString("neo4j_timedOutToAcquire_total"))
                .body(containsString("liaison_links_created_total"))
                // The tests' harness lives in this JVM, like the embedded default: reads run in-process.
                .body(matchesRegex("(?s).*liaison_transactions_total\\{access=\"read\",way=\"in-process\"} [1-9].*"));
    }

    @Test
    void everyRefusalIsCountedByItsCode() {
        double unauthorized = counter("liaison_refusals_total{code=\"UNAUTHORIZED\"}");
        double validation = counter("liaison_refusals_total{code=\"VALIDATION_FAILED\"}");
        double mismatch = counter("liaison_refusals_total{code=\"LOCATION_MISMATCH\"}");
        var tenant = Api.newTenant("Refusals");

        given().header("Authorization", "Bearer nope").get("/contacts/").then().statusCode(401);
        given().header("Authorization", "Bearer nope").get("/contacts/").then().statusCode(401);
        tenant.request().body(Map.of("locationId", tenant.locationId(), "email", "not an email")).post("/contacts/").then().statusCode(422);
        tenant.request().queryParam("locationId", "someoneElse1234").get("/contacts/").then().statusCode(403);

        assertEquals(unauthorized + 2, counter("liaison_refusals_total{code=\"UNAUTHORIZED\"}"));
        assertEquals(validation + 1, counter("liaison_refusals_total{code=\"VALIDATION_FAILED\"}"));
        assertEquals(mismatch + 1, counter("liaison_refusals_total{code=\"LOCATION_MISMATCH\"}"));
    }

    /** A link made through the API counts once; a refused one does not. */
    @Test
    void linksCreatedAndWebhookDeliveriesAreExported() {
        var linker = io.liaison.support.Api.newTenant("Metrics links");
        String a = linker.createContact("Metric", "A");
        String b = linker.createContact("Metric", "B");
        String label = linker.createAssociation("metric_pal", "contact", "Pal", "contact", null, null);
        double links = counter("liaison_links_created_total");
        linker.linked(label, a, b);
        linker.link(label, a, b).then().statusCode(409);
        domainMetrics.webhookDelivery("delivered");
        assertEquals(links + 1, counter("liaison_links_created_total"));
        assertTrue(counter("liaison_webhook_deliveries_total{outcome=\"delivered\"}") >= 1);
    }

    private static double counter(String series) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.E+-]+)$").matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
