package io.liaison.idempotency;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.liaison.location.SecretInAnswer;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Values;

/**
 * No secret is stored in clear by an Idempotency-Key: an answer carrying one is remembered with the
 * secret withheld, and a replay says so. Read-only searches store nothing at all.
 */
@QuarkusTest
class IdempotentSecretsTest {

    @Inject
    GraphDatabase db;

    /** How many remembered answers hold {@code text}, or have the key {@code key}. */
    private long storedAnswersHolding(String text) {
        return db.read(tx -> tx.run("MATCH (k:IdempotencyKey) WHERE k.body CONTAINS $text RETURN count(k) AS n",
                Values.parameters("text", text)).single().get("n").asLong());
    }

    private long keysNamed(String key) {
        return db.read(tx -> tx.run("MATCH (k:IdempotencyKey {key: $key}) RETURN count(k) AS n", Values.parameters("key", key))
                .single().get("n").asLong());
    }

    @Test
    void aNewApiKeyIsAnsweredOnceAndNeverStoredWithTheIdempotencyKey() {
        Tenant tenant = Api.newTenant("Secret keys");
        String path = "/locations/" + tenant.locationId() + "/api-keys";
        var first = Api.agency().header("Idempotency-Key", "new-key-1").post(path).then().statusCode(201)
                .body("apiKey", startsWith("lk_")).extract();
        String raw = first.path("apiKey");
        String id = first.path("id");

        assertEquals(0, storedAnswersHolding(raw), "the raw key is not in any remembered answer");
        Api.agency().header("Idempotency-Key", "new-key-1").post(path).then().statusCode(201)
                .header(IdempotencyFilters.REPLAYED_HEADER, equalTo("true"))
                .header(SecretInAnswer.WITHHELD_HEADER, equalTo("apiKey"))
                .body("apiKey", nullValue()).body("id", equalTo(id)).body("locationId", equalTo(tenant.locationId()));
        Api.agency().get(path).then().body("apiKeys.size()", equalTo(2)); // the tenant's own key and this one: made once
    }

    @Test
    void aWebhookSecretIsNotStoredWithTheIdempotencyKey() {
        Tenant tenant = Api.newTenant("Secret hooks");
        Map<String, Object> body = Map.of("url", "https://93.184.215.14/hooks", "events", List.of("ContactCreate"));
        var first = tenant.request().header("Idempotency-Key", "hook-1").body(body).post("/webhooks").then().statusCode(201).extract();
        String secret = first.path("webhook.secret");
        assertNotNull(secret);

        assertEquals(0, storedAnswersHolding(secret));
        assertEquals(0, storedAnswersHolding(secret.substring("whsec_".length())));
        tenant.request().header("Idempotency-Key", "hook-1").body(body).post("/webhooks").then().statusCode(201)
                .header(SecretInAnswer.WITHHELD_HEADER, equalTo("webhook.secret"))
                .body("webhook.secret", nullValue()).body("webhook.id", equalTo(first.path("webhook.id")))
                .body("webhook.url", equalTo("https://93.184.215.14/hooks"));
    }

    @Test
    void aSearchWithAnIdempotencyKeyStoresNothingAndIsAnsweredFresh() {
        Tenant tenant = Api.newTenant("Searches");
        Map<String, Object> search = Map.of("locationId", tenant.locationId(), "query", "Nobody");
        tenant.request().header("Idempotency-Key", "search-1").body(search).post("/contacts/search").then().statusCode(200)
                .body("total", equalTo(0)).header(IdempotencyFilters.REPLAYED_HEADER, nullValue());
        assertEquals(0, keysNamed("search-1"));

        tenant.createContact("Nobody", "Here");
        tenant.request().header("Idempotency-Key", "search-1").body(search).post("/contacts/search").then().statusCode(200)
                .body("total", equalTo(1)).header(IdempotencyFilters.REPLAYED_HEADER, nullValue());
    }

    @Test
    void theRuleRedactsNestedFieldsAndKeepsTheRest() {
        var filters = new IdempotencyFilters(null, null, null, new com.fasterxml.jackson.databind.ObjectMapper(), null);
        assertEquals("{\"webhook\":{\"id\":\"a\",\"secret\":null}}",
                filters.withheld("{\"webhook\":{\"id\":\"a\",\"secret\":\"whsec_x\"}}", new String[] {"webhook.secret"}));
        assertEquals("{\"apiKey\":null,\"id\":\"b\"}", filters.withheld("{\"apiKey\":\"lk_x\",\"id\":\"b\"}", new String[] {"apiKey"}));
        assertEquals("", filters.withheld("lk_not_json", new String[] {"apiKey"}), "what cannot be redacted is not kept");
    }
}
