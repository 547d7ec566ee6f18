package io.liaison.graph;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BrowserRoutesTest {

    @Test
    void theBrowserPageIsServedWithoutAKey() {
        given().get("/browser/").then().statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("<title>Neo4j Browser</title>"));
        given().get("/browser/index.html").then().statusCode(200).contentType(startsWith("text/html"));
    }

    @Test
    void itsScriptsStylesAndImagesAreServedWithTheirContentTypes() {
        String html = given().get("/browser/").then().statusCode(200).extract().asString();
        Matcher script = Pattern.compile("<script src=\"([^\"]+\\.js)\"").matcher(html);
        org.junit.jupiter.api.Assertions.assertTrue(script.find(), "index.html names its scripts");
        given().get("/browser/" + script.group(1)).then().statusCode(200).contentType(startsWith("text/javascript"))
                .header("Content-Length", not(equalTo("0")));
        given().get("/browser/assets/images/device-icons/favicon-16x16.png").then().statusCode(200).contentType(equalTo("image/png"));
        given().get("/browser/manifest.json").then().statusCode(200).contentType(startsWith("application/json"));
    }

    @Test
    void liaisonsStyleIsServedBesideTheBrowser() {
        given().get("/browser/liaison.grass").then().statusCode(200).contentType(startsWith("text/plain"))
                .body(containsString("node.Contact")).body(containsString("{displayName}"));
    }

    @Test
    void theBareUrlRedirectsAndKeepsTheConnectParameters() {
        given().urlEncodingEnabled(false).redirects().follow(false).get("/browser?dbms=bolt://localhost:7687&preselectAuthMethod=NO_AUTH").then()
                .statusCode(302).header("Location", endsWith("/browser/?dbms=bolt://localhost:7687&preselectAuthMethod=NO_AUTH"));
    }

    /** The Browser reaches Neo4j over WebSocket on the Bolt port: the embedded database must accept that upgrade. */
    @Test
    void theEmbeddedBoltPortAcceptsTheBrowsersWebSocket(@org.junit.jupiter.api.io.TempDir java.nio.file.Path store) throws Exception {
        int port;
        try (var free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (var embedded = io.liaison.neo4j.EmbeddedNeo4j.start(store, port, "16m");
                var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Origin: http://localhost:8080\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            org.hamcrest.MatcherAssert.assertThat(status, startsWith("HTTP/1.1 101"));
        }
    }

    @Test
    void nothingOutsideTheBrowserFilesIsServed() {
        for (String path : new String[] { "/browser/../application.properties", "/browser/%2e%2e/%2e%2e/META-INF/MANIFEST.MF",
                "/browser/..%2f..%2fapplication.properties", "/browser/assets", "/browser/assets/", "/browser/nope.js",
                "/browser/%5c..%5capplication.properties", "/browser/LICENSE", "/browser/.%2e/cypher/schema/V0001__Core_constraints.cypher" }) {
            given().redirects().follow(false).get(path).then().statusCode(not(equalTo(200)));
        }
    }
}
