package io.liaison.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.liaison.idempotency.IdempotencyRepository.Bounds;
import io.liaison.idempotency.IdempotencyRepository.Claimed;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Timestamps;
import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.Race;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Values;

/**
 * Stored answers are bounded per scope in number and bytes: the oldest are evicted in the transaction
 * that stores a new one, other scopes are untouched, and the scope's totals stay true to its keys.
 * Runs the repository against the test Neo4j with bounds far below the defaults.
 */
@QuarkusTest
class IdempotencyBoundsTest {

    private static final Bounds ROOMY = new Bounds(1_000, 1_000_000);

    @Inject
    IdempotencyRepository keys;

    @Inject
    GraphDatabase db;

    private static String newScope(String name) {
        return "location:bounds-" + name + "-" + System.nanoTime();
    }

    /** Claims {@code key} in {@code scope} and stores {@code body} as its answer, answered at {@code at}. */
    private void answer(String scope, String key, String body, ZonedDateTime at, Bounds bounds) {
        var outcome = keys.claim(scope, key, "fp-" + key, "claim-" + key + "-" + System.nanoTime(), at, at.plusHours(24),
                at.minusMinutes(10));
        keys.remember(assertInstanceOf(Claimed.class, outcome), 201, body, "application/json", at, bounds);
    }

    /** The keys holding an answer in {@code scope}, oldest first. */
    private List<String> answeredKeys(String scope) {
        return db.read(tx -> tx.run("""
                MATCH (k:IdempotencyKey {scope: $scope}) WHERE k.state = 'DONE'
                RETURN k.key AS key ORDER BY k.answeredAt, k.key""", Values.parameters("scope", scope))
                .list(r -> r.get("key").asString()));
    }

    /** The scope's running totals and what its keys really hold: [answers, bytes, real answers, real bytes]. */
    private List<Long> totals(String scope) {
        return db.read(tx -> tx.run("""
                OPTIONAL MATCH (s:IdempotencyScope {scope: $scope})
                OPTIONAL MATCH (k:IdempotencyKey {scope: $scope}) WHERE k.answeredAt IS NOT NULL
                RETURN coalesce(s.answers, 0) AS answers, coalesce(s.bytes, 0) AS bytes,
                       count(k) AS realAnswers, coalesce(sum(k.bytes), 0) AS realBytes""", Values.parameters("scope", scope))
                .single().values().stream().map(v -> v.asLong()).toList());
    }

    @Test
    void pastTheCountBoundTheOldestAreEvictedAndOtherScopesAreUntouched() {
        String mine = newScope("count");
        String other = newScope("other");
        ZonedDateTime t = Timestamps.now();
        for (int i = 0; i < 3; i++) {
            answer(other, "o" + i, "{\"n\":" + i + "}", t.plusSeconds(i), ROOMY);
        }
        Bounds five = new Bounds(5, 1_000_000);
        for (int i = 0; i < 8; i++) {
            answer(mine, "k" + i, "{\"n\":" + i + "}", t.plusSeconds(10 + i), five);
        }
        assertEquals(List.of("k3", "k4", "k5", "k6", "k7"), answeredKeys(mine), "exactly the newest five are kept");
        assertEquals(List.of("o0", "o1", "o2"), answeredKeys(other), "another location's answers are untouched");
        assertEquals(List.of(5L, 35L, 5L, 35L), totals(mine));
        assertEquals(List.of(3L, 21L, 3L, 21L), totals(other));
    }

    @Test
    void pastTheByteBoundTheOldestAreEvictedUntilTheNewOneFits() {
        String scope = newScope("bytes");
        ZonedDateTime t = Timestamps.now();
        Bounds bytes = new Bounds(1_000, 350);
        for (int i = 0; i < 5; i++) {
            answer(scope, "b" + i, "x".repeat(100), t.plusSeconds(i), bytes);
        }
        assertEquals(List.of("b2", "b3", "b4"), answeredKeys(scope), "300 bytes fit, 400 would not");
        // Bytes, not characters: 50 two-byte characters weigh 100.
        answer(scope, "wide", "é".repeat(50), t.plusSeconds(5), bytes);
        assertEquals(List.of("b3", "b4", "wide"), answeredKeys(scope));
        answer(scope, "big", "y".repeat(300), t.plusSeconds(6), bytes);
        assertEquals(List.of("big"), answeredKeys(scope), "300 + the newest 100 would pass 350");
        answer(scope, "huge", "z".repeat(500), t.plusSeconds(7), bytes);
        assertEquals(List.of("huge"), answeredKeys(scope), "an answer larger than the bound is kept, alone");
        assertEquals(List.of(1L, 500L, 1L, 500L), totals(scope));
    }

    @Test
    void releasedTakenOverAndSweptKeysKeepTheTotalsTrue() {
        String scope = newScope("totals");
        ZonedDateTime t = Timestamps.now();
        answer(scope, "a", "aaaa", t, ROOMY);
        answer(scope, "b", "bb", t.plusSeconds(1), ROOMY);
        // A retry after b's expiry takes the key over; its new answer replaces b's bytes, not adds a key.
        ZonedDateTime later = t.plusHours(25);
        var takenOver = assertInstanceOf(Claimed.class, keys.claim(scope, "b", "fp-b2", "claim-b2", later, later.plusHours(24),
                later.minusMinutes(10)));
        assertEquals(List.of(2L, 6L, 2L, 6L), totals(scope));
        keys.remember(takenOver, 200, "bbbbbbbb", "application/json", later, ROOMY);
        assertEquals(List.of(2L, 12L, 2L, 12L), totals(scope));
        // A 5xx releases its key: an answered key taken over and then released leaves the totals.
        var again = assertInstanceOf(Claimed.class, keys.claim(scope, "a", "fp-a2", "claim-a2", later, later.plusHours(24),
                later.minusMinutes(10)));
        keys.release(again);
        assertEquals(List.of(1L, 8L, 1L, 8L), totals(scope));
        // The sweep deletes b (expiring a day after `later`) and takes it off the totals.
        keys.deleteExpired(later.plusHours(25));
        assertEquals(List.of(0L, 0L, 0L, 0L), totals(scope));
    }

    @Test
    void anAnswerStoredOverHttpIsCountedInItsLocation() {
        Tenant tenant = Api.newTenant("Bounds wiring");
        String scope = "location:" + tenant.locationId();
        String body = tenant.request().header(IdempotencyFilters.HEADER, "counted")
                .body(Map.of("locationId", tenant.locationId(), "firstName", "Counted", "lastName", "Once"))
                .post("/contacts/").then().statusCode(201).extract().asString();
        long bytes = body.getBytes(StandardCharsets.UTF_8).length;
        assertEquals(List.of(1L, bytes, 1L, bytes), totals(scope));
        // A replay stores nothing more; a search with a key stores nothing at all.
        tenant.request().header(IdempotencyFilters.HEADER, "counted")
                .body(Map.of("locationId", tenant.locationId(), "firstName", "Counted", "lastName", "Once"))
                .post("/contacts/").then().statusCode(201);
        tenant.request().header(IdempotencyFilters.HEADER, "a-search")
                .body(Map.of("locationId", tenant.locationId(), "query", "Counted")).post("/contacts/search").then().statusCode(200);
        assertEquals(List.of(1L, bytes, 1L, bytes), totals(scope));
    }

    @Test
    void concurrentAnswersInOneScopeNeverPassTheBound() throws Exception {
        String scope = newScope("race");
        Bounds ten = new Bounds(10, 1_000_000);
        List<Callable<Integer>> writers = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            String key = "r" + i;
            writers.add(() -> {
                answer(scope, key, "{\"key\":\"" + key + "\"}", Timestamps.now(), ten);
                return 200;
            });
        }
        List<Integer> statuses = Race.run(writers);
        assertEquals(32, Race.count(statuses, 200), statuses.toString());
        assertEquals(10, answeredKeys(scope).size());
        List<Long> totals = totals(scope);
        assertEquals(totals.get(2), totals.get(0), "the running count is the real count");
        assertEquals(totals.get(3), totals.get(1), "the running bytes are the real bytes");
    }
}
