package io.liaison.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.support.Api;
import io.liaison.support.LogCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With the OpenTelemetry SDK switched on (off by default), every HTTP request is a span: it joins
 * the trace of an incoming W3C traceparent header, and its trace and span ids are in the MDC of the
 * request's log lines next to the request id and location id.
 */
@QuarkusTest
@TestProfile(TracingTest.TracesOn.class)
class TracingTest {

    public static class TracesOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // No collector listens here; spans would be exported only after an hour anyway.
            return Map.of("quarkus.otel.sdk.disabled", "false",
                    "quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:9",
                    "quarkus.otel.bsp.schedule.delay", "1h");
        }
    }

    @Test
    void aRequestJoinsTheCallersTraceAndItsLinesCarryTheTraceId() {
        var tenant = Api.newTenant("Traced");
        String contactId = tenant.createContact("Grace", "Hopper");
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String parentSpanId = "00f067aa0ba902b7";

        List<Map<String, String>> mdcs = LogCapture.mdcsDuring(() -> tenant.request().header("X-Request-Id", "traced-1")
                .header("traceparent", "00-" + traceId + "-" + parentSpanId + "-01")
                .get("/contacts/" + contactId).then().statusCode(200));

        for (Map<String, String> mdc : LogCapture.ofRequest(mdcs, "traced-1")) {
            assertEquals(traceId, mdc.get("traceId"), "the request's span is in the caller's trace: " + mdc);
            String spanId = mdc.get("spanId");
            assertTrue(spanId != null && spanId.matches("[0-9a-f]{16}"), "the request's own span: " + mdc);
            assertNotEquals(parentSpanId, spanId, mdc.toString());
            assertEquals(tenant.locationId(), mdc.get("locationId"), mdc.toString());
        }
    }
}
