package io.liaison.neo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.exceptions.ClientException;

/** The graph queries' cost bound: the server abandons a read past its timeout, with the code ErrorMappers maps to 422. */
@QuarkusTest
class ReadTimeoutTest {

    @Inject
    GraphDatabase db;

    @Test
    void aReadPastItsTimeoutIsAbandonedByTheServer() {
        ClientException e = assertThrows(ClientException.class, () -> db.read(
                tx -> tx.run("UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(*) AS n").single().get("n").asLong(),
                Duration.ofMillis(200)));
        assertTrue(e.code().contains("TransactionTimedOut"), e.code());
        long quick = db.read(tx -> tx.run("RETURN 1 AS n").single().get("n").asLong(), Duration.ofSeconds(5));
        assertEquals(1L, quick);
    }
}
