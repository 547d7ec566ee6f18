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

    @Test
    void nothingOutsideTheBrowserFilesIsServed() {
        for (String path : new String[] { "/browser/../application.properties", "/browser/%2e%2e/%2e%2e/META-INF/MANIFEST.MF",
                "/browser/..%2f..%2fapplication.properties", "/browser/assets", "/browser/assets/", "/browser/nope.js",
                "/browser/%5c..%5capplication.properties", "/browser/LICENSE", "/browser/.%2e/cypher/schema/V0001__Core_constraints.cypher" }) {
            given().redirects().follow(false).get(path).then().statusCode(not(equalTo(200)));
        }
    }
}
