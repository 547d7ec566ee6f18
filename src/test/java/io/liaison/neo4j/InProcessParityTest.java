package io.liaison.neo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.support.Neo4jTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionCallback;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.types.Node;
import org.neo4j.driver.types.Relationship;

/**
 * In-process transactions must be indistinguishable from Bolt ones to the repositories: the same
 * statements, run both ways against the one database, give the same records (nodes, relationships,
 * paths, maps, lists, arrays, temporals, nulls, with the same element ids), take the same parameters,
 * and fail with the same exception class and Neo4j status code.
 */
@QuarkusTest
class InProcessParityTest {

    private static Driver driver;
    private static GraphDatabase overBolt;
    private static GraphDatabase inProcess;
    private static final String ID = "parity-" + Ids.newId();

    @BeforeAll
    static void bothWays() {
        var neo4j = Neo4jTestResource.neo4j();
        driver = org.neo4j.driver.GraphDatabase.driver(neo4j.boltURI(), AuthTokens.none());
        overBolt = new GraphDatabase(driver, "neo4j");
        inProcess = new GraphDatabase(driver, "neo4j", neo4j.boltURI().getPort());
        overBolt.write(tx -> tx.run("""
                CREATE (n:ParityNode {id: $id, s: 'text', i: 42, f: 1.5, b: true, strings: ['a', 'b'], numbers: [1, 2],
                        at: datetime('2026-01-01T10:00:00Z'), day: date('2026-01-02')})
                      -[:PARITY_LINK {weight: 2, since: datetime('2025-12-31T23:59:59.5Z')}]->
                      (:ParityNode {id: $id + '-2'})""", Values.parameters("id", ID)).consume());
    }

    @AfterAll
    static void cleanUp() {
        overBolt.write(tx -> tx.run("MATCH (n:ParityNode) WHERE n.id STARTS WITH $id DETACH DELETE n", Values.parameters("id", ID)).consume());
        driver.close();
    }

    @Test
    void theInProcessWayReallyRunsInProcess() {
        // Guards the test itself: a broken lookup would silently compare Bolt with Bolt.
        assertNotNull(InProcessNeo4j.at(Neo4jTestResource.neo4j().boltURI().getPort()).orElse(null));
        String viaBolt = overBolt.read(tx -> tx.run("CALL db.info() YIELD id RETURN id").single().get(0).asString());
        assertEquals(viaBolt, inProcess.read(tx -> tx.run("CALL db.info() YIELD id RETURN id").single().get(0).asString()));
    }

    @Test
    void everyKindOfValueComesBackTheSame() {
        String query = """
                MATCH p = (n:ParityNode {id: $id})-[r:PARITY_LINK]->(m)
                RETURN n, r, m, p, [n, m] AS nodes, {node: n, link: r, mixed: [1, 'a', null, 2.5]} AS nested,
                       null AS nothing, n.strings AS strings, n.numbers AS numbers, n.at AS at, n.day AS day,
                       r.since AS since, 7 AS seven, 0.25 AS quarter, false AS no, 'ü€' AS unicode,
                       [] AS empty, {} AS emptyMap, n.missing AS missing""";
        assertSameBothWays(tx -> tx.run(query, Values.parameters("id", ID)).list(InProcessParityTest::describe));
    }

    @Test
    void parametersOfEveryShapeGoInTheSame() {
        ZonedDateTime when = ZonedDateTime.parse("2026-03-04T05:06:07.123456789+02:00[Europe/Paris]");
        Map<String, Object> parameters = Map.of(
                "map", Map.of("a", 1, "b", List.of("x", Map.of("deep", true))),
                "list", List.of(1L, 2.5, "three", List.of()),
                "when", when,
                "value", Values.value(Map.of("inner", Values.value(List.of(1, 2)))),
                "ids", new String[] {ID, ID + "-2"});
        assertSameBothWays(tx -> tx.run("""
                RETURN $map AS map, $list AS list, $when AS moment, $value AS value, $ids AS ids,
                       COLLECT { MATCH (n:ParityNode) WHERE n.id IN $ids RETURN n.id ORDER BY n.id } AS found""", parameters).list(InProcessParityTest::describe));
        assertSameBothWays(tx -> tx.run("RETURN $a + $b AS sum", Values.parameters("a", 40, "b", 2)).single().get("sum").asLong());
    }

    @Test
    void countersAndEmptyResultsAgree() {
        assertSameBothWays(tx -> {
            var counters = tx.run("CREATE (n:ParityNode {id: $id + '-counted-' + randomUUID()}) SET n.x = 1", Values.parameters("id", ID))
                    .consume().counters();
            return List.of(counters.nodesCreated(), counters.propertiesSet(), counters.labelsAdded(), counters.containsUpdates());
        });
        assertSameBothWays(tx -> tx.run("MATCH (n:ParityNode {id: 'nobody'}) RETURN n").list().size());
        assertSameBothWays(tx -> tx.run("MATCH (n:ParityNode {id: 'nobody'}) RETURN n").stream().findFirst().isPresent());
        assertSameBothWays(tx -> {
            var result = tx.run("UNWIND [1, 2, 3] AS x RETURN x");
            return List.of(result.keys(), result.peek().get("x").asLong(), result.next().get("x").asLong(), result.hasNext(),
                    result.list(r -> r.get("x").asLong()), result.hasNext());
        });
    }

    @Test
    void failuresAreTheSameExceptionWithTheSameCode() {
        assertSameFailure(tx -> tx.run("RETURN nonsense(").consume());
        assertSameFailure(tx -> tx.run("RETURN 1 / $zero AS x", Values.parameters("zero", 0)).single());
        // The unique constraint on :Record(id), as when two creates race for one id.
        String recordId = "parity-record-" + Ids.newId();
        overBolt.write(tx -> tx.run("CREATE (:Record {id: $id, locationId: 'parity', objectKey: 'parity'})",
                Values.parameters("id", recordId)).consume());
        assertSameFailure(tx -> tx.run("CREATE (:Record {id: $id, locationId: 'parity', objectKey: 'parity'})",
                Values.parameters("id", recordId)).consume());
        Neo4jException violation = failure(inProcess, tx -> tx.run("CREATE (:Record {id: $id, locationId: 'parity', objectKey: 'parity'})",
                Values.parameters("id", recordId)).consume());
        assertTrue(Neo4jErrors.isConstraintViolation(assertInstanceOf(org.neo4j.driver.exceptions.ClientException.class, violation)),
                violation.code());
        overBolt.write(tx -> tx.run("MATCH (r:Record {id: $id}) DELETE r", Values.parameters("id", recordId)).consume());
    }

    @Test
    void aReadTransactionRefusesToWriteBothWays() {
        Neo4jException overBoltFailure = assertThrowsNeo4j(() -> overBolt.read(tx -> tx.run("CREATE (:ParityNode {id: $id})",
                Values.parameters("id", ID + "-written-in-a-read")).consume()));
        Neo4jException inProcessFailure = assertThrowsNeo4j(() -> inProcess.read(tx -> tx.run("CREATE (:ParityNode {id: $id})",
                Values.parameters("id", ID + "-written-in-a-read")).consume()));
        // The one known difference: the same refusal has another code (Statement.AccessMode over Bolt,
        // Security.Forbidden in-process); no service tells them apart, both are a client error.
        assertInstanceOf(org.neo4j.driver.exceptions.ClientException.class, overBoltFailure);
        assertInstanceOf(org.neo4j.driver.exceptions.ClientException.class, inProcessFailure);
        assertTrue(inProcessFailure.code().equals("Neo.ClientError.Security.Forbidden"), inProcessFailure.code());
        assertSameBothWays(tx -> tx.run("MATCH (n:ParityNode {id: $id}) RETURN count(n) AS n",
                Values.parameters("id", ID + "-written-in-a-read")).single().get("n").asLong());
    }

    private static Neo4jException assertThrowsNeo4j(Runnable work) {
        try {
            work.run();
        } catch (Neo4jException expected) {
            return expected;
        }
        throw new AssertionError("The statement was expected to fail");
    }

    @Test
    void aFailedWriteLeavesNothingBehind() {
        String marker = ID + "-rolled-back";
        failure(inProcess, tx -> {
            tx.run("CREATE (:ParityNode {id: $id})", Values.parameters("id", marker)).consume();
            return tx.run("RETURN nonsense(").consume();
        });
        long left = overBolt.read(tx -> tx.run("MATCH (n:ParityNode {id: $id}) RETURN count(n) AS n",
                Values.parameters("id", marker)).single().get("n").asLong());
        assertEquals(0L, left);
    }

    /**
     * A transaction that lost a lock conflict runs again, reads and writes alike; a read with a timeout
     * does not (its bound is on its cost). In process only: over Bolt the test's plain driver retries the
     * same failure itself (for 30 s) before GraphDatabase sees it.
     */
    @Test
    void aLostConflictRunsAgainExceptInAReadWithATimeout() {
        var attempts = new java.util.concurrent.atomic.AtomicInteger();
        TransactionCallback<String> losesOnce = tx -> {
            tx.run("RETURN 1").consume();
            if (attempts.incrementAndGet() == 1) {
                throw new org.neo4j.driver.exceptions.TransientException("Neo.TransientError.Transaction.DeadlockDetected", "lost a deadlock");
            }
            return "won";
        };
        assertEquals("won", inProcess.write(losesOnce));
        assertEquals(2, attempts.getAndSet(0));
        assertEquals("won", inProcess.read(losesOnce));
        assertEquals(2, attempts.getAndSet(0));
        assertThrowsNeo4j(() -> inProcess.read(losesOnce, java.time.Duration.ofSeconds(30)));
        assertEquals(1, attempts.get());
    }

    private static <T> void assertSameBothWays(TransactionCallback<T> work) {
        T expected = overBolt.write(work);
        T actual = inProcess.write(work);
        assertEquals(expected, actual);
    }

    private static void assertSameFailure(TransactionCallback<?> work) {
        Neo4jException overBoltFailure = failure(overBolt, work);
        Neo4jException inProcessFailure = failure(inProcess, work);
        assertEquals(overBoltFailure.getClass(), inProcessFailure.getClass(), inProcessFailure.toString());
        assertEquals(overBoltFailure.code(), inProcessFailure.code());
    }

    private static Neo4jException failure(GraphDatabase db, TransactionCallback<?> work) {
        try {
            db.write(work);
        } catch (Neo4jException expected) {
            return expected;
        }
        throw new AssertionError("The statement was expected to fail");
    }

    /** A value as text that differs whenever the driver would see a difference (type, ids, content). */
    static String describe(Record record) {
        return record.fields().stream().map(f -> f.key() + "=" + describe(f.value())).collect(Collectors.joining(", "));
    }

    static String describe(Value value) {
        String type = value.type().name();
        return switch (type) {
            case "NODE" -> {
                Node node = value.asNode();
                yield "NODE(" + node.elementId() + " " + StreamSupport.stream(node.labels().spliterator(), false).sorted().toList()
                        + " " + describeMap(node.asMap(Function.identity())) + ")";
            }
            case "RELATIONSHIP" -> {
                Relationship r = value.asRelationship();
                yield "REL(" + r.elementId() + " " + r.type() + " " + r.startNodeElementId() + "->" + r.endNodeElementId() + " "
                        + describeMap(r.asMap(Function.identity())) + ")";
            }
            case "PATH" -> "PATH(" + StreamSupport.stream(value.asPath().spliterator(), false)
                    .map(s -> describe(Values.value(s.start())) + "-" + describe(Values.value(s.relationship())) + "-"
                            + describe(Values.value(s.end())))
                    .collect(Collectors.joining(",")) + ")";
            case "LIST" -> "LIST" + value.asList(InProcessParityTest::describe);
            case "MAP" -> "MAP" + describeMap(value.asMap(Function.identity()));
            default -> type + ":" + value.asObject();
        };
    }

    private static String describeMap(Map<String, Value> map) {
        Map<String, String> sorted = new TreeMap<>();
        map.forEach((k, v) -> sorted.put(k, describe(v)));
        return sorted.toString();
    }
}
