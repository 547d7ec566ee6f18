package io.liaison.event;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default setting, which the tests run with too: webhooks may not point into the network the service runs in. */
@QuarkusTest
class PrivateTargetsTest {

    @Test
    void loopbackPrivateAndLinkLocalTargetsAreRefused() {
        Tenant tenant = Api.newTenant("Targets");
        for (String url : List.of("http://127.0.0.1:8080/x", "http://localhost/x", "https://10.1.2.3/hook", "http://172.16.0.1/",
                "http://192.168.1.10/", "http://169.254.169.254/latest/meta-data/", "http://[::1]:8080/", "http://[fd00::1]/",
                "http://0.0.0.0/", "http://100.64.0.1/", "http://[::ffff:127.0.0.1]/", "http://192.0.2.1/", "http://198.51.100.1/",
                "http://203.0.113.1/", "http://192.88.99.1/", "http://[2001:db8::1]/", "http://[::127.0.0.1]/", "http://[64:ff9b::7f00:1]/",
                "http://[2002:7f00:1::]/", "http://no-such-host.invalid/", "http://127.1/", "http://127.1:8080/x", "http://2130706433/",
                "http://10.1/", "http://192.168.257/")) {
            tenant.request().body(Map.of("url", url, "events", List.of("ContactCreate"))).post("/webhooks").then()
                    .statusCode(422).body("param", equalTo("url")).body("code", equalTo("VALIDATION_FAILED"))
                    .body("message[0]", containsString("LIAISON_WEBHOOKS_ALLOW_PRIVATE_TARGETS"));
        }
        assertEquals(0, (int) tenant.request().get("/webhooks").then().extract().path("total"));
    }

    /** A short IPv4 form (which java.net.URI does not parse as a host) is refused for what it is: loopback. */
    @Test
    void aShortLoopbackFormIsRefusedAsLoopback() {
        Tenant tenant = Api.newTenant("Targets");
        tenant.request().body(Map.of("url", "http://127.1/", "events", List.of("ContactCreate"))).post("/webhooks").then()
                .statusCode(422).body("param", equalTo("url"))
                .body("message[0]", containsString("resolves to 127.0.0.1, a loopback address"));
        tenant.request().body(Map.of("url", "http://10.1/", "events", List.of("ContactCreate"))).post("/webhooks").then()
                .statusCode(422).body("message[0]", containsString("resolves to 10.0.0.1, a private address"));
        tenant.request().body(Map.of("url", "http://2130706433/", "events", List.of("ContactCreate"))).post("/webhooks").then()
                .statusCode(422).body("param", equalTo("url"))
                .body("message[0]", containsString("resolves to 127.0.0.1, a loopback address"));
    }

    /** The kind is told only of an address the subscriber wrote; a name's refusal says nothing of where it resolves. */
    @Test
    void aNameResolvingInsideIsNotToldWhere() {
        Tenant tenant = Api.newTenant("Targets");
        tenant.request().body(Map.of("url", "http://localhost/", "events", List.of("ContactCreate"))).post("/webhooks").then()
                .statusCode(422).body("param", equalTo("url"))
                .body("message[0]", containsString("does not resolve to a public address"))
                .body("message[0]", not(containsString("127.0.0.1")))
                .body("message[0]", not(containsString("a loopback address")));
    }

    @Test
    void aPublicAddressIsAccepted() {
        Tenant tenant = Api.newTenant("Targets");
        tenant.request().body(Map.of("url", "https://93.184.215.14/hooks", "events", List.of("ContactCreate"))).post("/webhooks")
                .then().statusCode(201);
    }
}
