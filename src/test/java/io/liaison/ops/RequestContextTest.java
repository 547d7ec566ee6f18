package io.liaison.ops;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.support.Api;
import io.liaison.support.LogCapture;
import io.liaison.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request id and the location id in the MDC of a request's log lines, and X-Request-Id on its response. */
@QuarkusTest
class RequestContextTest {

    @Test
    void everyLineOfARequestCarriesItsRequestIdAndLocationId() {
        var tenant = Api.newTenant("Request context");
        String contactId = tenant.createContact("Ada", "Lovelace");

        List<Map<String, String>> mdcs = LogCapture.mdcsDuring(() -> tenant.request().header("X-Request-Id", "req-0001.abc")
                .get("/contacts/" + contactId).then().statusCode(200).header("X-Request-Id", "req-0001.abc"));

        for (Map<String, String> mdc : LogCapture.ofRequest(mdcs, "req-0001.abc")) {
            assertEquals(tenant.locationId(), mdc.get("locationId"), "a line of the request without its location: " + mdc);
        }
    }

    @Test
    void aSafeRequestIdIsEchoedAndAMissingOneIsGenerated() {
        given().header("X-Request-Id", "3f1c9a0b-7d2e:4f6a_8c1b").get("/q/health/live")
                .then().statusCode(200).header("X-Request-Id", "3f1c9a0b-7d2e:4f6a_8c1b");
        String generated = given().get("/q/health/live").then().statusCode(200).extract().header("X-Request-Id");
        assertTrue(generated != null && generated.matches("[0-9a-f-]{36}"), "generated: " + generated);
        String other = given().get("/q/health/live").then().extract().header("X-Request-Id");
        assertNotEquals(generated, other, "each request gets its own id");
        // Errors answered before any resource runs carry it too.
        given().header("X-Request-Id", "unauthorised-1").get("/contacts/x")
                .then().statusCode(401).header("X-Request-Id", "unauthorised-1");
    }

    @Test
    void aHostileRequestIdIsReplaced() throws IOException {
        String tooLong = "a".repeat(65);
        String answered = given().header("X-Request-Id", tooLong).get("/q/health/live").then().statusCode(200)
                .extract().header("X-Request-Id");
        assertNotEquals(tooLong, answered);
        assertTrue(answered.matches("[0-9a-f-]{36}"), answered);

        for (String hostile : List.of("abc def", "abc\"}{\"level\":\"ERROR", "<script>", "x;y", "-leading-dash")) {
            String echoed = given().header("X-Request-Id", hostile).get("/q/health/live").then().statusCode(200)
                    .extract().header("X-Request-Id");
            assertTrue(echoed.matches("[0-9a-f-]{36}"), hostile + " was answered as " + echoed);
        }

        // A header folded over two lines (obsolete line folding: CR LF and a space) to smuggle a
        // second line into logs: either refused outright or replaced, never echoed.
        String response = RawHttp.request("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Request-Id: abc\r\n forged: line\r\nConnection: close\r\n\r\n");
        String head = response.contains("\r\n\r\n") ? response.substring(0, response.indexOf("\r\n\r\n")) : response;
        assertFalse(head.contains("forged"), head);
        if (head.startsWith("HTTP/1.1 200")) {
            String id = head.lines().filter(line -> line.toLowerCase().startsWith("x-request-id:")).findFirst().orElseThrow()
                    .substring("x-request-id:".length()).trim();
            assertTrue(id.matches("[0-9a-f-]{36}"), head);
        }
    }
}
