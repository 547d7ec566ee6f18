package io.liaison.neo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.support.Api;
import io.liaison.support.Neo4jTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * A store holding every kind of Liaison data, exported, restored into a fresh data folder and
 * exported again, gives the same file: every label, record, link, key hash, webhook, event, setting,
 * migration record and schema statement came through with its type.
 */
@QuarkusTest
class StoreBackupTest {

    private static final List<String> EVERY_KIND = List.of("Location", "ApiKey", "Contact", "Record", "ObjectSchema", "Association",
            "WebhookSubscription", "IdempotencyKey", "__Neo4jMigration");

    @Test
    void aStoreWithEveryKindOfDataComesBackTheSame() throws Exception {
        Api.Tenant tenant = Api.newTenant("Backup Co");
        String contact = tenant.createContact(Map.of("firstName", "Ada", "lastName", "Lovelace", "email", "ada@example.com",
                "tags", List.of("vip", "math")));
        String other = tenant.createContact("Charles", "Babbage");
        tenant.request().body(Map.of("name", "Shoe size", "dataType", "NUMERICAL", "model", "contact"))
                .post("/locations/" + tenant.locationId() + "/customFields").then().statusCode(201);
        Map<String, Object> object = Map.of("locationId", tenant.locationId(), "key", "custom_objects.engines",
                "labels", Map.of("singular", "Engine", "plural", "Engines"),
                "primaryDisplayPropertyDetails", Map.of("key", "custom_objects.engines.name", "name", "Name", "dataType", "TEXT"));
        tenant.request().body(object).post("/objects/").then().statusCode(201);
        String engine = tenant.request().body(Map.of("locationId", tenant.locationId(), "properties", Map.of("name", "Analytical")))
                .post("/objects/custom_objects.engines/records").then().statusCode(201).extract().path("record.id");
        String colleagues = tenant.createAssociation("colleague", "contact", "Colleague", "contact", null, null);
        tenant.linked(colleagues, contact, other);
        String builds = tenant.createAssociation("builds", "contact", "Builds", "custom_objects.engines", "Built by", null);
        tenant.linked(builds, contact, engine);
        tenant.request().body(Map.of("locationId", tenant.locationId(), "name", "Difference Ltd")).post("/businesses/").then().statusCode(201);
        // A subscription to an event nothing here causes: no delivery changes the store while it is exported.
        tenant.request().body(Map.of("url", "https://93.184.215.14/hooks", "events", List.of("ContactDelete"))).post("/webhooks")
                .then().statusCode(201);
        tenant.request().header("Idempotency-Key", "backup-1").body(Map.of("locationId", tenant.locationId(), "firstName", "Grace"))
                .post("/contacts/").then().statusCode(201);
        tenant.request().get("/events").then().statusCode(200);

        GraphDatabaseService source = Neo4jTestResource.neo4j().defaultDatabaseService();
        ByteArrayOutputStream exported = new ByteArrayOutputStream();
        StoreBackup.Counts counts = StoreBackup.export(source, exported);
        String backup = exported.toString(StandardCharsets.UTF_8);
        for (String label : EVERY_KIND) {
            assertTrue(backup.contains("\"" + label + "\""), "the store to back up has no " + label);
        }
        assertTrue(backup.contains("[\"datetime\","), "datetimes are written as such");
        assertTrue(backup.contains("[\"string[]\",[\"math\",\"vip\"]]") || backup.contains("[\"string[]\",[\"vip\",\"math\"]]"), "tags keep their list type");
        assertTrue(counts.schemaStatements() > 10, "constraints and indexes are in the backup");

        Path fresh = Files.createTempDirectory("liaison-restore");
        DatabaseManagementService restored = StoreBackup.open(fresh);
        try {
            GraphDatabaseService target = restored.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            assertEquals(counts, StoreBackup.restore(new ByteArrayInputStream(exported.toByteArray()), target));
            ByteArrayOutputStream again = new ByteArrayOutputStream();
            StoreBackup.export(target, again);
            assertEquals(backup, again.toString(StandardCharsets.UTF_8));

            String keyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tenant.apiKey().getBytes(StandardCharsets.UTF_8)));
            assertEquals((Object) 1L, target.executeTransactionally("MATCH (k:ApiKey) WHERE k.hash = $hash RETURN count(k) AS n",
                    Map.of("hash", keyHash), result -> (Object) result.next().get("n")), "the key's hash survives");
            assertEquals((Object) 2L, target.executeTransactionally(
                    "MATCH (c:Contact {id: $id})-[r]-(linked) WHERE linked.id IN [$other, $engine] RETURN count(DISTINCT linked) AS n",
                    Map.of("id", contact, "other", other, "engine", engine), result -> (Object) result.next().get("n")), "links survive");

            IllegalStateException notFresh = assertThrows(IllegalStateException.class,
                    () -> StoreBackup.restore(new ByteArrayInputStream(exported.toByteArray()), target));
            assertTrue(notFresh.getMessage().contains("fresh data folder"), notFresh.getMessage());
        } finally {
            restored.shutdown();
        }
    }

    @Test
    void aTruncatedBackupIsRefused() throws Exception {
        ByteArrayOutputStream exported = new ByteArrayOutputStream();
        StoreBackup.export(Neo4jTestResource.neo4j().defaultDatabaseService(), exported);
        String backup = exported.toString(StandardCharsets.UTF_8);
        String truncated = backup.substring(0, backup.lastIndexOf("{\"kind\":\"end\""));
        Path fresh = Files.createTempDirectory("liaison-restore");
        DatabaseManagementService restored = StoreBackup.open(fresh);
        try {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> StoreBackup.restore(
                    new ByteArrayInputStream(truncated.getBytes(StandardCharsets.UTF_8)), restored.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME)));
            assertTrue(refused.getMessage().contains("incomplete"), refused.getMessage());
        } finally {
            restored.shutdown();
        }
    }
}
