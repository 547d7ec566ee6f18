package io.liaison.idempotency;

import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.Neo4jErrors;
import io.liaison.neo4j.RequestFirstWrite;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.neo4j.driver.Record;
import org.neo4j.driver.Values;
import org.neo4j.driver.exceptions.ClientException;

/**
 * The Cypher of idempotency keys. A key is an (:IdempotencyKey {scope, key}) node, unique per scope,
 * holding the request's fingerprint and, once answered, the status and body to replay.
 */
@ApplicationScoped
class IdempotencyRepository {

    /**
     * MERGE under the (scope, key) uniqueness constraint: of concurrent first uses exactly one creates
     * the node. Its lock ({@link Locks#exclusively}) is taken next, and the key read again under it
     * ({@link #KEY_UNDER_LOCK}), so the fields read are the latest committed ones.
     */
    private static final String CLAIM_OR_FIND_KEY = """
            MERGE (n:IdempotencyKey {scope: $scope, key: $key})
              ON CREATE SET n.claim = $claim, n.state = 'IN_FLIGHT', n.fingerprint = $fingerprint,
                            n.claimedAt = $now, n.expiresAt = $expiresAt""";
    private static final String KEY_UNDER_LOCK = """
            MATCH (k:IdempotencyKey {scope: $scope, key: $key})
            RETURN k.claim AS claim, k.state AS state, k.fingerprint AS fingerprint, k.claimedAt AS claimedAt,
                   k.expiresAt AS expiresAt, k.status AS status, k.body AS body, k.contentType AS contentType,
                   coalesce(k.written, false) AS written""";
    /** An expired key, or one whose request died, starts over for the new request. */
    private static final String TAKE_OVER_KEY = """
            MATCH (k:IdempotencyKey {scope: $scope, key: $key})
            SET k.claim = $claim, k.state = 'IN_FLIGHT', k.fingerprint = $fingerprint, k.claimedAt = $now,
                k.expiresAt = $expiresAt
            REMOVE k.status, k.body, k.contentType, k.written""";
    /**
     * Run inside the request's own write transaction (see {@link #markWrittenWithTheWrite}): the key then
     * says "written" exactly when the write committed, whatever happens before its answer is stored.
     */
    private static final String MARK_WRITTEN = """
            MATCH (k:IdempotencyKey {scope: $scope, key: $key, claim: $claim})
            SET k.written = true""";
    /** A request that failed (5xx) after its write committed: its key must not let a retry write again. */
    private static final String KEEP_WRITTEN_WITHOUT_ANSWER = """
            MATCH (k:IdempotencyKey {scope: $scope, key: $key, claim: $claim}) WHERE k.written
            SET k.state = 'WRITTEN'
            RETURN count(k) AS kept""";
    /*
     * The bound per scope. A key holding an answer has answeredAt and bytes, and is counted in its
     * scope's (:IdempotencyScope) totals from its first answer until it is deleted (released, evicted or
     * swept); a key taken over keeps both, so its next answer replaces its bytes instead of adding a key.
     * Every statement that changes the totals locks the scope node before any key, so concurrent
     * answers in one scope are counted one after the other and take their locks in one order.
     */
    private static final String LOCK_SCOPE = """
            MERGE (n:IdempotencyScope {scope: $scope}) ON CREATE SET n.answers = 0, n.bytes = 0""";
    private static final String REMEMBER_ANSWER = """
            MATCH (s:IdempotencyScope {scope: $scope})
            MATCH (k:IdempotencyKey {scope: $scope, key: $key, claim: $claim})
            SET s.answers = s.answers + CASE WHEN k.answeredAt IS NULL THEN 1 ELSE 0 END,
                s.bytes = s.bytes + $bytes - coalesce(k.bytes, 0)
            SET k.state = 'DONE', k.status = $status, k.body = $body, k.contentType = $contentType,
                k.bytes = $bytes, k.answeredAt = $now
            RETURN s.answers AS answers, s.bytes AS bytes""";
    /** The scope's oldest answers but the one just stored, oldest first (index idempotency_key_answered). */
    private static final String OLDEST_ANSWERS = """
            MATCH (k:IdempotencyKey)
            WHERE k.scope = $scope AND k.answeredAt IS NOT NULL AND k.state = 'DONE' AND k.key <> $key
            RETURN k.key AS key, k.bytes AS bytes
            ORDER BY k.answeredAt, k.key
            LIMIT $batch""";
    private static final String EVICT_ANSWERS = """
            MATCH (s:IdempotencyScope {scope: $scope})
            UNWIND $keys AS key
            MATCH (k:IdempotencyKey {scope: $scope, key: key}) WHERE k.state = 'DONE'
            WITH s, collect(k) AS evicted, count(k) AS answers, sum(k.bytes) AS bytes
            SET s.answers = s.answers - answers, s.bytes = s.bytes - bytes
            FOREACH (k IN evicted | DELETE k)""";
    private static final String RELEASE_KEY = """
            MATCH (k:IdempotencyKey {scope: $scope, key: $key, claim: $claim}) WHERE k.written IS NULL
            OPTIONAL MATCH (s:IdempotencyScope {scope: $scope}) WHERE k.answeredAt IS NOT NULL
            SET s.answers = s.answers - 1, s.bytes = s.bytes - k.bytes
            DELETE k""";
    /** Grouped by scope, so each scope's totals are locked once and before its keys. */
    private static final String DELETE_EXPIRED_KEYS = """
            MATCH (k:IdempotencyKey) WHERE k.expiresAt <= $now
            WITH k LIMIT $batch
            WITH k.scope AS scope, collect(k) AS expired,
                 sum(CASE WHEN k.answeredAt IS NULL THEN 0 ELSE 1 END) AS answers, sum(coalesce(k.bytes, 0)) AS bytes
            OPTIONAL MATCH (s:IdempotencyScope {scope: scope})
            SET s.answers = s.answers - answers, s.bytes = s.bytes - bytes
            FOREACH (k IN expired | DELETE k)
            RETURN sum(size(expired)) AS deleted""";

    private static final int SWEEP_BATCH = 5_000;
    /** Answers looked at per eviction round; one round is enough unless the bounds were just lowered. */
    private static final int EVICTION_BATCH = 1_000;

    private final GraphDatabase db;
    private final Locks locks;

    public IdempotencyRepository(GraphDatabase db, Locks locks) {
        this.db = db;
        this.locks = locks;
    }

    /** How much a scope (a location, or the agency) may keep: answers, and bytes of their bodies. */
    public record Bounds(long maxAnswers, long maxBytes) {
    }

    /** What a key says about a new request carrying it. */
    public sealed interface Outcome {
    }

    /** The request may run; its answer is to be remembered under this claim. */
    public record Claimed(String scope, String key, String claim) implements Outcome {
    }

    /** The same request was answered before: replay that answer. */
    public record Answered(int status, byte[] body, String contentType) implements Outcome {
    }

    /** The same request is running right now. */
    public record InFlight() implements Outcome {
    }

    /**
     * The same request ran and its write committed, but its answer was never stored (the process died,
     * or failed, between the two): running it again could write twice, so it is not run again.
     */
    public record WrittenWithoutAnswer() implements Outcome {
    }

    /** The key was used for a different request. */
    public record Reused() implements Outcome {
    }

    public Outcome claim(String scope, String key, String fingerprint, String claim, ZonedDateTime now,
            ZonedDateTime expiresAt, ZonedDateTime abandonedBefore) {
        var parameters = Values.parameters("scope", scope, "key", key, "claim", claim, "fingerprint", fingerprint,
                "now", now, "expiresAt", expiresAt);
        for (int attempt = 1; ; attempt++) {
            try {
                Outcome outcome = db.write(tx -> {
                    Record k = tx.run(locks.exclusively(CLAIM_OR_FIND_KEY, KEY_UNDER_LOCK), parameters).stream().findFirst().orElse(null);
                    if (k == null) {
                        // Released or swept while this waited for its lock: claim it again.
                        return null;
                    }
                    if (claim.equals(k.get("claim").asString())) {
                        return new Claimed(scope, key, claim);
                    }
                    boolean expired = !k.get("expiresAt").asZonedDateTime().isAfter(now);
                    boolean written = k.get("written").asBoolean();
                    boolean abandoned = "IN_FLIGHT".equals(k.get("state").asString())
                            && !k.get("claimedAt").asZonedDateTime().isAfter(abandonedBefore);
                    if (expired || (abandoned && !written)) {
                        tx.run(TAKE_OVER_KEY, parameters).consume();
                        return new Claimed(scope, key, claim);
                    }
                    if (!fingerprint.equals(k.get("fingerprint").asString())) {
                        return new Reused();
                    }
                    if ("DONE".equals(k.get("state").asString())) {
                        return new Answered(k.get("status").asInt(), k.get("body").asString().getBytes(StandardCharsets.UTF_8),
                                k.get("contentType").isNull() ? null : k.get("contentType").asString());
                    }
                    if (written && (abandoned || "WRITTEN".equals(k.get("state").asString()))) {
                        return new WrittenWithoutAnswer();
                    }
                    return new InFlight();
                });
                if (outcome != null) {
                    return outcome;
                }
                if (attempt >= 3) {
                    throw new IllegalStateException("Idempotency key " + key + " kept disappearing while it was claimed");
                }
            } catch (ClientException e) {
                // Two first uses racing: the loser's MERGE may meet the winner's node at commit; read it again.
                if (attempt >= 3 || !Neo4jErrors.isConstraintViolation(e)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Stores the answer of a claimed key and, in the same transaction, evicts the scope's oldest
     * answers until the scope is within {@code bounds} again (the new answer itself is always kept).
     */
    public void remember(Claimed claimed, int status, String body, String contentType, ZonedDateTime now, Bounds bounds) {
        long bytes = body.getBytes(StandardCharsets.UTF_8).length;
        var parameters = Values.parameters("scope", claimed.scope(), "key", claimed.key(), "claim", claimed.claim(),
                "status", status, "body", body, "contentType", contentType, "bytes", bytes, "now", now);
        firstUseOfScope(() -> db.write(tx -> {
            Record totals = tx.run(locks.exclusively(LOCK_SCOPE, REMEMBER_ANSWER), parameters).stream().findFirst().orElse(null);
            if (totals == null) {
                return null; // the claim was lost (taken over after abandonedAfter, or swept): nothing to store
            }
            long surplusAnswers = totals.get("answers").asLong() - bounds.maxAnswers();
            long surplusBytes = totals.get("bytes").asLong() - bounds.maxBytes();
            while (surplusAnswers > 0 || surplusBytes > 0) {
                List<String> evicted = new ArrayList<>();
                for (Record old : tx.run(OLDEST_ANSWERS, Values.parameters("scope", claimed.scope(), "key", claimed.key(),
                        "batch", EVICTION_BATCH)).list()) {
                    if (surplusAnswers <= 0 && surplusBytes <= 0) {
                        break;
                    }
                    evicted.add(old.get("key").asString());
                    surplusAnswers--;
                    surplusBytes -= old.get("bytes").asLong();
                }
                if (evicted.isEmpty()) {
                    break; // only the new answer is left
                }
                tx.run(EVICT_ANSWERS, Values.parameters("scope", claimed.scope(), "keys", evicted)).consume();
            }
            return null;
        }));
    }

    /**
     * Runs a transaction that may create its scope's totals node: two first answers in a new scope
     * may both create it, and the loser meets the winner's node at commit; running again finds it.
     */
    private void firstUseOfScope(Runnable transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.run();
                return;
            } catch (ClientException e) {
                if (attempt >= 3 || !Neo4jErrors.isConstraintViolation(e)) {
                    throw e;
                }
            }
        }
    }

    /**
     * The statements that mark {@code claimed} as written; given to {@link RequestFirstWrite} so they run
     * in, and commit with, the request's own write.
     */
    public RequestFirstWrite.Statements markWrittenWithTheWrite(Claimed claimed) {
        var parameters = Values.parameters("scope", claimed.scope(), "key", claimed.key(), "claim", claimed.claim());
        return tx -> tx.run(MARK_WRITTEN, parameters).consume();
    }

    /**
     * The request ended without an answer to remember (a 5xx): a key whose write never committed is
     * deleted, so a retry runs; one whose write committed is kept as {@link WrittenWithoutAnswer}.
     */
    public void release(Claimed claimed) {
        var parameters = Values.parameters("scope", claimed.scope(), "key", claimed.key(), "claim", claimed.claim());
        db.write(tx -> {
            tx.run(KEEP_WRITTEN_WITHOUT_ANSWER, parameters).consume();
            tx.run(RELEASE_KEY, parameters).consume();
            return null;
        });
    }

    /** Deletes the keys expired at {@code now}, in batches so no transaction grows large; answers how many. */
    public long deleteExpired(ZonedDateTime now) {
        long total = 0;
        while (true) {
            long deleted = db.write(tx -> tx.run(DELETE_EXPIRED_KEYS, Values.parameters("now", now, "batch", SWEEP_BATCH))
                    .single().get("deleted").asLong());
            total += deleted;
            if (deleted < SWEEP_BATCH) {
                return total;
            }
        }
    }
}
