package io.liaison.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.exceptions.AuthenticationException;

/**
 * The packaged default, as a first start on an empty data directory: embedded Neo4j whose Bolt port
 * requires a generated password, and the generated secrets in files of the owner only, never in
 * the log.
 */
@QuarkusTest
@TestProfile(SecureDefaultsTest.FirstStart.class)
class SecureDefaultsTest {

    public static class FirstStart implements QuarkusTestProfile {
        static final Path DATA_DIR = temporaryDirectory();
        static final int BOLT_PORT = freePort();
        static final Path LOG_FILE = DATA_DIR.resolveSibling(DATA_DIR.getFileName() + ".log");

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("liaison.embedded.enabled", "true"),
                    Map.entry("liaison.data-dir", DATA_DIR.toString()),
                    Map.entry("liaison.embedded.bolt-port", String.valueOf(BOLT_PORT)),
                    Map.entry("liaison.embedded.page-cache", "32m"),
                    Map.entry("quarkus.neo4j.uri", "bolt://127.0.0.1:" + BOLT_PORT),
                    // No configured token: the first start generates one, as in production.
                    Map.entry("liaison.agency-token", ""),
                    Map.entry("liaison.bootstrap-default-location", "true"),
                    Map.entry("quarkus.log.file.enable", "true"),
                    Map.entry("quarkus.log.file.path", LOG_FILE.toString()));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        private static Path temporaryDirectory() {
            try {
                return Files.createTempDirectory("liaison-first-start");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Path secret(String name) {
        return FirstStart.DATA_DIR.resolve("secrets").resolve(name);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file).strip();
    }

    @Test
    void boltRequiresTheGeneratedPassword() throws IOException {
        String password = read(secret("neo4j-password"));
        assertTrue(password.length() >= 32, "a long random password");
        String uri = "bolt://127.0.0.1:" + FirstStart.BOLT_PORT;

        try (Driver anonymous = GraphDatabase.driver(uri, AuthTokens.none())) {
            assertThrows(AuthenticationException.class, anonymous::verifyConnectivity);
        }
        try (Driver wrong = GraphDatabase.driver(uri, AuthTokens.basic("neo4j", "neo4j"))) {
            assertThrows(AuthenticationException.class, wrong::verifyConnectivity);
        }
        try (Driver right = GraphDatabase.driver(uri, AuthTokens.basic("neo4j", password))) {
            right.verifyConnectivity();
        }
        // The service itself uses the same password: it is up and its API reaches the database.
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void theSecretsAreInFilesOnlyTheOwnerCanReadAndNeverInTheLog() throws IOException {
        Path directory = FirstStart.DATA_DIR.resolve("secrets");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
        String log = Files.readString(FirstStart.LOG_FILE);
        for (String name : new String[] {"neo4j-password", "agency-token", "default-location-key"}) {
            Path file = secret(name);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), name);
            String value = read(file);
            assertFalse(value.isBlank(), name);
            assertFalse(log.contains(value), name + " must not be in the log");
        }
        assertTrue(log.contains(secret("agency-token").toString()), "the log says where the agency token is");
        assertTrue(log.contains(secret("neo4j-password").toString()), "the log says where the Bolt password is");
    }

    @Test
    void theGeneratedSecretsWork() throws IOException {
        String agency = read(secret("agency-token"));
        String key = read(secret("default-location-key"));
        Matcher created = Pattern.compile("Location \"Default\" created: (\\w+)").matcher(Files.readString(FirstStart.LOG_FILE));
        assertTrue(created.find(), "the log names the Default location");

        given().header("Authorization", "Bearer " + key).get("/contacts/").then().statusCode(200);
        given().header("Authorization", "Bearer " + agency).get("/locations/" + created.group(1) + "/api-keys").then().statusCode(200)
                .body("apiKeys.prefix", hasItem(key.substring(0, 7)));
    }

    @Test
    void theGeneratedAgencyTokenRotates() throws IOException {
        String old = read(secret("agency-token"));
        given().header("Authorization", "Bearer " + old).contentType("application/json").body(Map.of("name", "Before"))
                .post("/locations/").then().statusCode(201);

        String rotated = given().header("Authorization", "Bearer " + old).post("/agency/token/rotate")
                .then().statusCode(200).extract().path("agencyToken");

        assertNotEquals(old, rotated);
        given().header("Authorization", "Bearer " + old).contentType("application/json").body(Map.of("name", "Old token"))
                .post("/locations/").then().statusCode(401).body("code", equalTo("UNAUTHORIZED"));
        given().header("Authorization", "Bearer " + rotated).contentType("application/json").body(Map.of("name", "New token"))
                .post("/locations/").then().statusCode(201);
        assertEquals(rotated, read(secret("agency-token")), "the token file follows the rotation");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret("agency-token"))));
        // A location key cannot rotate it.
        given().header("Authorization", "Bearer " + read(secret("default-location-key"))).post("/agency/token/rotate")
                .then().statusCode(401);
    }
}
