package io.liaison.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.neo4j.DatabaseErrorMappers;
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
 * A server restarting answers on Bolt before APOC's procedures are registered. A lock statement then
 * fails with ProcedureNotFound: that is 503 (come back shortly), not 500, and the next lock asks the
 * server again whether APOC is there. Driven against a real Neo4j without APOC, with the service
 * believing APOC present, as it does after its probe on the running server. (A Quarkus test only for
 * the class loading the other tests of the run share, as WithoutApocTest.)
 */
@io.quarkus.test.junit.QuarkusTest
class PluginsNotRegisteredTest {

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
    void aMissingProcedureIsA503AndTheNextLockAsksAgain() throws Exception {
        Locks locks = new Locks(db);
        Field known = Locks.class.getDeclaredField("apocAvailable");
        known.setAccessible(true);
        known.set(locks, Boolean.TRUE); // what the probe answered before the restart

        ClientException missing = assertThrows(ClientException.class, () -> db.write(tx -> locks.location(tx, "location0000000000001")));
        assertTrue(Neo4jErrors.isProcedureNotFound(missing), missing.code());

        Response answer = new DatabaseErrorMappers(null, locks).neo4jClientError(missing);
        assertEquals(503, answer.getStatus());
        assertEquals(ErrorMappers.RETRY_AFTER_SECONDS, answer.getHeaderString("Retry-After"));
        assertEquals("DATABASE_UNAVAILABLE", ((ErrorBody) answer.getEntity()).code());

        // Asked again: this server has no APOC, so the lock falls back to Cypher's and works.
        assertFalse(locks.apoc());
        boolean found = db.write(tx -> locks.location(tx, "location0000000000001"));
        assertFalse(found, "no such location, and no failure");
    }

    @Test
    void otherClientErrorsStayInternalErrors() {
        Response answer = new DatabaseErrorMappers(null, new Locks(db))
                .neo4jClientError(new ClientException("Neo.ClientError.Statement.SyntaxError", "Invalid input"));
        assertEquals(500, answer.getStatus());
    }
}
