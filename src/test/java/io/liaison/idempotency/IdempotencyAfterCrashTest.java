package io.liaison.idempotency;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.liaison.idempotency.IdempotencyRepository.Claimed;
import io.liaison.idempotency.IdempotencyRepository.WrittenWithoutAnswer;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.RequestFirstWrite;
import io.liaison.neo4j.Timestamps;
import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Values;

/**
 * A crash (or a failure) between a request's write and the storing of its answer: the key is marked
 * "written" in the write's own transaction, so a retry is refused with
 * IDEMPOTENCY_KEY_WRITTEN_WITHOUT_ANSWER instead of writing a second time. Before, the key stayed in
 * flight, was taken over after abandonedAfter, and the retry wrote again.
 */
@QuarkusTest
class IdempotencyAfterCrashTest {

    @Inject
    IdempotencyRepository keys;

    @Inject
    GraphDatabase db;

    @Inject
    Locks locks;

    @Inject
    RequestFirstWrite firstWrite;

    private static String newScope(String name) {
        return "location:crash-" + name + "-" + System.nanoTime();
    }

    private static String newClaim() {
        return "claim-" + System.nanoTime();
    }

    private Claimed firstClaim(String scope, String key, ZonedDateTime t) {
        return assertInstanceOf(Claimed.class, keys.claim(scope, key, "fp", newClaim(), t, t.plusHours(24), t.minusMinutes(10)));
    }

    /** Claims the key as a retry would, {@code minutesLater} after {@code first}, with the default 10 minutes to abandon. */
    private IdempotencyRepository.Outcome retry(String scope, String key, ZonedDateTime first, int minutesLater) {
        ZonedDateTime now = first.plusMinutes(minutesLater);
        return keys.claim(scope, key, "fp", newClaim(), now, now.plusHours(24), now.minusMinutes(10));
    }

    /** Runs {@code request} as an HTTP request would: in a request context, with its key's mark pending. */
    private void inRequest(Claimed claimed, Runnable request) {
        Arc.container().requestContext().activate();
        try {
            firstWrite.commitWithNextWrite(keys.markWrittenWithTheWrite(claimed));
            request.run();
        } finally {
            Arc.container().requestContext().terminate();
        }
    }

    private void writeProbe(String scope) {
        db.write(tx -> tx.run("CREATE (:IdempotencyCrashProbe {scope: $scope})", Values.parameters("scope", scope)).consume());
    }

    private long probes(String scope) {
        return db.read(tx -> tx.run("MATCH (p:IdempotencyCrashProbe {scope: $scope}) RETURN count(p) AS n",
                Values.parameters("scope", scope)).single().get("n").asLong());
    }

    @Test
    void aKeyWhoseWriteCommittedIsNeverTakenOverEvenAfterItsRequestDied() {
        String scope = newScope("died");
        ZonedDateTime t = Timestamps.now();
        Claimed claimed = firstClaim(scope, "k", t);
        // The request writes, then the process dies before the answer is stored: remember() never runs.
        inRequest(claimed, () -> writeProbe(scope));

        // While the request may still be running, a retry waits; once it is abandoned, the retry is told
        // the write happened, and is not run again.
        assertInstanceOf(IdempotencyRepository.InFlight.class, retry(scope, "k", t, 1));
        assertInstanceOf(WrittenWithoutAnswer.class, retry(scope, "k", t, 11));
        assertEquals(1, probes(scope));
        // Once the key expires, it is a new key like any other.
        assertInstanceOf(Claimed.class, retry(scope, "k", t, 24 * 60 + 1));
    }

    @Test
    void aWriteThatRolledBackLeavesTheKeyToRunAgain() {
        String scope = newScope("rolled-back");
        ZonedDateTime t = Timestamps.now();
        Claimed claimed = firstClaim(scope, "k", t);
        inRequest(claimed, () -> assertThrows(RuntimeException.class, () -> db.write(tx -> {
            tx.run("CREATE (:IdempotencyCrashProbe {scope: $scope})", Values.parameters("scope", scope)).consume();
            throw new IllegalStateException("the write fails before its commit");
        })));
        assertEquals(0, probes(scope));
        assertInstanceOf(Claimed.class, retry(scope, "k", t, 11));
    }

    @Test
    void onlyTheRequestsOwnFirstWriteMarksItsKey() {
        String scope = newScope("background");
        ZonedDateTime t = Timestamps.now();
        Claimed claimed = firstClaim(scope, "k", t);
        Arc.container().requestContext().activate();
        try {
            firstWrite.commitWithNextWrite(keys.markWrittenWithTheWrite(claimed));
            // A write on another thread (background work) is not the request's.
            Thread background = new Thread(() -> writeProbe(scope));
            background.start();
            background.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        } finally {
            Arc.container().requestContext().terminate();
        }
        assertEquals(1, probes(scope));
        assertInstanceOf(Claimed.class, retry(scope, "k", t, 11));
    }

    @Test
    void aFailedRequestThatHadWrittenIsRefusedAtOnceInsteadOfReleased() {
        String scope = newScope("failed");
        ZonedDateTime t = Timestamps.now();
        Claimed claimed = firstClaim(scope, "k", t);
        inRequest(claimed, () -> writeProbe(scope));
        keys.release(claimed); // what a 5xx after the write does
        assertInstanceOf(WrittenWithoutAnswer.class, retry(scope, "k", t, 0));
        // Without a write, a release lets the retry run.
        Claimed other = firstClaim(scope, "k2", t);
        keys.release(other);
        assertInstanceOf(Claimed.class, retry(scope, "k2", t, 0));
    }

    /** The whole way through HTTP: the answer's storage fails right after the write committed. */
    @Test
    void aRetryAfterTheAnswerWasLostDoesNotCreateTheContactTwice() {
        QuarkusMock.installMockForType(new IdempotencyRepository(db, locks) {
            @Override
            public void remember(Claimed claimed, int status, String body, String contentType, ZonedDateTime now, Bounds bounds) {
                throw new IllegalStateException("the process dies before the answer is stored");
            }
        }, IdempotencyRepository.class);
        Tenant tenant = Api.newTenant("Idempotency crash");
        var body = Map.of("locationId", tenant.locationId(), "firstName", "Lost", "lastName", "Answer");
        tenant.request().header("Idempotency-Key", "lost-answer").body(body).post("/contacts/").then().statusCode(201);
        // Ten minutes later the first request is taken for dead.
        db.write(tx -> tx.run("MATCH (k:IdempotencyKey {scope: $scope, key: 'lost-answer'}) SET k.claimedAt = k.claimedAt - duration('PT11M')",
                Values.parameters("scope", "location:" + tenant.locationId())).consume());

        Response retry = tenant.request().header("Idempotency-Key", "lost-answer").body(body).post("/contacts/");
        retry.then().statusCode(409).body("code", equalTo("IDEMPOTENCY_KEY_WRITTEN_WITHOUT_ANSWER"))
                .body("param", equalTo("Idempotency-Key"));
        int contacts = tenant.request().body(Map.of("locationId", tenant.locationId(), "query", "lost answer"))
                .post("/contacts/search").then().statusCode(200).extract().path("total");
        assertEquals(1, contacts);
    }
}
