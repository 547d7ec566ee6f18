package io.liaison.idempotency;

import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.Neo4jErrors;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import org.neo4j.driver.Record;
import org.neo4j.driver.Values;
import org.neo4j.driver.exceptions.ClientException;

/**
 * The Cypher of idempotency keys. A key is an (:IdempotencyKey {scope, key}) node, unique per scope,
 * holding the request's fingerprint and, once answered, the status and body to replay.
 */
@ApplicationScoped
public class IdempotencyRepository {

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
                   k.expiresAt AS expiresAt, k.status AS status, k.body AS body, k.contentType AS contentType""";
    /** An expired key, or one whose request died, starts over for the new request. */
    private static final String TAKE_OVER_KEY = """
            MATCH (k:IdempotencyKey {scope: $scope, key: $key})
            SET k.claim = $claim, k.state = 'IN_FLIGHT', k.fingerprint = $fingerprint, k.claimedAt = $now,
                k.expiresAt = $expiresAt
            REMOVE k.status, k.body, k.contentType""";
    private static final String REMEMBER_ANSWER = """
            MATCH (k:IdempotencyKey {scope: $scope, key: $key, claim: $claim})
            SET k.state = 'DONE', k.status = $status, k.body = $body, k.contentType = $contentType""";
    private static final String RELEASE_KEY = """
            MATCH (k:IdempotencyKey {scope: $scope, key: $key, claim: $claim}) DELETE k""";
    private static final String DELETE_EXPIRED_KEYS = """
            MATCH (k:IdempotencyKey) WHERE k.expiresAt <= $now
            WITH k LIMIT $batch
            DELETE k
            RETURN count(*) AS deleted""";

    private static final int SWEEP_BATCH = 5_000;

    private final GraphDatabase db;
    private final Locks locks;

    public IdempotencyRepository(GraphDatabase db, Locks locks) {
        this.db = db;
        this.locks = locks;
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
                    boolean abandoned = "IN_FLIGHT".equals(k.get("state").asString())
                            && !k.get("claimedAt").asZonedDateTime().isAfter(abandonedBefore);
                    if (expired || abandoned) {
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

    public void remember(Claimed claimed, int status, String body, String contentType) {
        db.write(tx -> tx.run(REMEMBER_ANSWER, Values.parameters("scope", claimed.scope(), "key", claimed.key(),
                "claim", claimed.claim(), "status", status, "body", body, "contentType", contentType)).consume());
    }

    public void release(Claimed claimed) {
        db.write(tx -> tx.run(RELEASE_KEY, Values.parameters("scope", claimed.scope(), "key", claimed.key(),
                "claim", claimed.claim())).consume());
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
