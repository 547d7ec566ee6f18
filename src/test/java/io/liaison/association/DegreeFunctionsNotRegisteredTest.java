package io.liaison.association;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.error.ErrorBody;
import io.liaison.neo4j.DatabaseErrorMappers;
import io.liaison.neo4j.Degrees;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.Neo4jErrors;
import io.liaison.support.Neo4jWithoutApoc;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Field;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.exceptions.ClientException;

/**
 * The restart window of issue 22 (item 8): an instance in external mode learnt that the server has
 * Liaison's degree functions; the server restarts and answers on Bolt before it registers them. A
 * link statement then fails with "Unknown function": that is 503 with Retry-After (come back shortly),
 * not 500, and the next link asks the server again instead of trusting the earlier answer. Driven
 * against a real Neo4j without the functions, with the instance believing them present.
 */
@io.quarkus.test.junit.QuarkusTest
class DegreeFunctionsNotRegisteredTest {

    private static Neo4jWithoutApoc server;
    private static GraphDatabase db;

    @BeforeAll
    static void start() {
        server = new Neo4jWithoutApoc();
        db = server.db();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aMissingDegreeFunctionIsA503AndTheNextLinkAsksAgain() throws Exception {
        LinkDegrees degrees = new LinkDegrees(db);
        believePresent(degrees);
        assertTrue(degrees.available(), "what the probe answered before the restart");

        ClientException missing = assertThrows(ClientException.class, () -> db.read(tx -> tx.run(
                "MATCH (n) WITH n LIMIT 1 RETURN " + Degrees.OUT + "(n, 'X') AS d UNION RETURN 0 AS d").list()));
        assertTrue(Neo4jErrors.isDegreeFunctionMissing(missing), missing.code() + ": " + missing.getMessage());

        Response answer = new DatabaseErrorMappers(null, new Locks(db)).neo4jClientError(missing);
        assertEquals(503, answer.getStatus());
        assertEquals("5", answer.getHeaderString("Retry-After"));
        assertEquals("DATABASE_UNAVAILABLE", ((ErrorBody) answer.getEntity()).code());

        assertFalse(degrees.available(), "asked again after the failure: this server has no degree functions");
    }

    @Test
    void anUnknownFunctionOfSomeoneElseStaysAnInternalError() {
        ClientException other = assertThrows(ClientException.class, () -> db.read(tx -> tx.run("RETURN other.fn(1) AS x").list()));
        assertFalse(Neo4jErrors.isDegreeFunctionMissing(other));
        assertEquals(500, new DatabaseErrorMappers(null, new Locks(db)).neo4jClientError(other).getStatus());
    }

    /** As after a probe on the server before its restart: the functions were there. */
    private static void believePresent(LinkDegrees degrees) throws Exception {
        set(degrees, "available", Boolean.TRUE);
        set(degrees, "probedAtNanos", System.nanoTime());
        set(degrees, "probedAtReport", Degrees.reportedMissing());
    }

    private static void set(LinkDegrees degrees, String field, Object value) throws Exception {
        Field f = LinkDegrees.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(degrees, value);
    }
}
