package io.liaison.demo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.support.Neo4jTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Starts with the demo flag on, as a first-time user would, then loads the demo again by hand. */
@QuarkusTest
@TestProfile(DemoLoaderTest.DemoFlag.class)
class DemoLoaderTest {

    public static class DemoFlag implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("liaison.demo", "true");
        }
    }

    @Inject
    DemoLoader loader;

    record Counts(long contacts, long boards, long labels, long links) {
    }

    private static Counts counts(String apiKey) {
        var request = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + apiKey);
        long contacts = request.queryParam("limit", 1).get("/contacts/").then().statusCode(200).extract().<Integer>path("total");
        List<String> labels = given().header("Authorization", "Bearer " + apiKey).get("/associations/").then().statusCode(200)
                .extract().path("associations.id");
        long links = 0;
        for (String label : labels) {
            links += given().header("Authorization", "Bearer " + apiKey).get("/associations/" + label + "/usage").then()
                    .statusCode(200).extract().<Integer>path("links");
        }
        long boards = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + apiKey).body(Map.of("pageLimit", 1))
                .post("/objects/" + DemoCompany.SURFBOARDS + "/records/search").then().statusCode(200).extract().<Integer>path("total");
        return new Counts(contacts, boards, labels.size(), links);
    }

    @Test
    void theDemoFlagLoadsTheCompanyOnceAndLoadingAgainChangesNothing() {
        DemoLoader.Loaded again = loader.load();
        assertFalse(again.loadedNow(), "the start-up already loaded the demo");
        Counts expected = new Counts(DemoCompany.PEOPLE.size(), DemoCompany.BOARDS.size(), DemoCompany.LABELS.size(),
                DemoCompany.LINKS.size() + DemoCompany.BOARDS.size());
        assertEquals(50, expected.contacts());
        assertEquals(10, expected.boards());
        assertEquals(expected, counts(again.apiKey()));

        DemoLoader.Loaded third = loader.load();
        assertEquals(again.locationId(), third.locationId());
        assertNotEquals(again.apiKey(), third.apiKey());
        assertEquals(expected, counts(third.apiKey()));

        // An interrupted load is finished by writing everything again: nothing is duplicated.
        loader.fill(again.locationId());
        assertEquals(expected, counts(third.apiKey()));
    }

    @Test
    void theDemoAnswersTheGraphEndpoints() {
        DemoLoader.Loaded demo = loader.load();
        var request = given().header("Authorization", "Bearer " + demo.apiKey());
        // Her four heads of department and her two surfboards, by name after her.
        request.get("/graph/records/" + demo.ceoId() + "/neighborhood").then().statusCode(200)
                .body("nodes.name", org.hamcrest.Matchers.contains("Olivia Hart", "Blue Lightning", "Lena Vogel", "Marcus Reed",
                        "Old Faithful", "Priya Natarajan", "Samuel Okafor"));
        request.queryParam("depth", 2).get("/graph/records/" + demo.ceoId() + "/neighborhood").then().statusCode(200)
                // All 41 staff, her 2 boards, and the 3 customers and the board of Marcus, the head of sales.
                .body("nodes", hasSize(47)).body("truncated", equalTo(false));
        request.get("/graph/records/" + demo.ceoId() + "/suggestions").then().statusCode(200).body("suggestions.size()",
                org.hamcrest.Matchers.greaterThan(0));
        // Olivia owns two surfboards: they are records of another object, in the same graph.
        request.queryParam("associationIds", ownerBoard(demo.apiKey())).get("/graph/records/" + demo.ceoId() + "/neighborhood").then()
                .statusCode(200).body("nodes.name", org.hamcrest.Matchers.contains("Olivia Hart", "Blue Lightning", "Old Faithful"))
                .body("nodes.objectKey", org.hamcrest.Matchers.contains("contact", DemoCompany.SURFBOARDS, DemoCompany.SURFBOARDS))
                .body("edges.sourceLabel", org.hamcrest.Matchers.everyItem(equalTo("Owner")))
                .body("edges.targetLabel", org.hamcrest.Matchers.everyItem(equalTo("Board")));
    }

    @Inject
    io.liaison.config.LiaisonConfig config;

    /** The demo's key goes to a file only this user can read, never to the log (it once did). */
    @Test
    void theDemoKeyIsWrittenToItsFileAndNotLogged() throws IOException {
        java.util.List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(DemoLoader.class.getName());
        logger.addHandler(capture);
        try {
            loader.onSchemaApplied(new io.liaison.neo4j.DatabaseReadiness.SchemaApplied());
        } finally {
            logger.removeHandler(capture);
        }
        Path file = io.liaison.config.SecretFiles.file(config.dataDir(), io.liaison.config.SecretFiles.DEMO_LOCATION_KEY);
        String key = Files.readString(file).strip();
        assertTrue(key.startsWith("lk_"), key);
        given().header("Authorization", "Bearer " + key).get("/contacts/?limit=1").then().statusCode(200);
        assertFalse(logged.isEmpty(), "the demo's banner was logged");
        assertTrue(logged.stream().noneMatch(line -> line.contains(key)), "the key is not in the log: " + logged);
        assertTrue(logged.stream().anyMatch(line -> line.contains(file.toString())), "the log names the key's file: " + logged);
    }

    private static String ownerBoard(String apiKey) {
        return given().header("Authorization", "Bearer " + apiKey).get("/associations/key/owner_board").then().statusCode(200)
                .extract().path("id");
    }

    /**
     * Each example query is one statement (pasted whole, Neo4j Browser then draws its graph rather than
     * a multi-statement frame), runs on the demo data and returns rows; the network and path queries
     * return paths, which the Browser draws.
     */
    @Test
    void theExampleQueriesRunOnTheDemo() throws IOException {
        loader.load();
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of("cypher", "queries"))) {
            files = listing.filter(p -> p.toString().endsWith(".cypher")).sorted().toList();
        }
        assertEquals(4, files.size(), "one file per example");
        var db = Neo4jTestResource.neo4j().defaultDatabaseService();
        for (Path file : files) {
            List<String> query = Files.readAllLines(file).stream().filter(line -> !line.strip().startsWith("//")).toList();
            String cypher = String.join("\n", query).strip();
            assertFalse(cypher.contains(":param") || cypher.contains(";"), file + " is one statement, with no :param line");
            boolean graph = file.toString().contains("network") || file.toString().contains("paths");
            boolean drawsPaths = db.executeTransactionally(cypher, Map.of(),
                    result -> result.hasNext() && result.next().values().stream().anyMatch(v -> v instanceof org.neo4j.graphdb.Path));
            assertEquals(graph, drawsPaths, file + (graph ? " returns paths to draw" : " returns a table"));

            boolean rows = db.executeTransactionally(cypher, Map.of(), result -> result.hasNext());
            assertTrue(rows, file + " returns rows on the demo data");
        }
    }
}
