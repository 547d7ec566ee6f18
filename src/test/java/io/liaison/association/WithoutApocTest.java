package io.liaison.association;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.liaison.event.EventOutbox;
import io.liaison.event.EventType;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.Timestamps;
import io.liaison.support.Neo4jWithoutApoc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.harness.Neo4j;

/**
 * On a Neo4j server without APOC every lock falls back to Cypher's exclusive lock. The link
 * statement must then still keep every rule under a race: this drives the repository directly
 * against a real Neo4j that has no APOC procedures. (It is a Quarkus test only for the class
 * loading that the other tests of the run share; it builds its repositories itself.)
 */
@io.quarkus.test.junit.QuarkusTest
class WithoutApocTest {

    private static Neo4jWithoutApoc server;
    private static Neo4j neo4j;
    private static GraphDatabase db;

    @BeforeAll
    static void start() {
        server = new Neo4jWithoutApoc();
        neo4j = server.server();
        db = server.db();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void linksRacingForOneRecordStopAtTheCapWithoutApoc() throws Exception {
        Locks locks = new Locks(db);
        assertFalse(locks.apoc());
        RelationRepository relations = new RelationRepository(db, locks, new EventOutbox());
        neo4j.defaultDatabaseService().executeTransactionally("""
                CREATE (:Association {id: 'label0000000000000001', locationId: 'loc', key: 'fan', firstObjectKey: 'contact',
                        firstObjectLabel: 'Fan', secondObjectKey: 'contact', secondObjectLabel: 'Idol', labelType: 'PAIR',
                        cardinality: 'MANY_TO_MANY', relationshipType: 'FAN'})
                WITH 1 AS one
                UNWIND range(0, 20) AS i
                CREATE (:Record:Contact {id: 'rec' + right('000' + toString(i), 3), locationId: 'loc', objectKey: 'contact'})""");
        Association label = Association.from(db.read(tx -> tx.run("MATCH (a:Association) RETURN a").single().get("a").asNode()));
        List<Callable<Boolean>> links = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            String fan = "rec" + String.format("%03d", i);
            Map<String, Object> event = EventOutbox.prepare("loc", EventType.RelationCreate, Map.of("id", fan + "link"));
            links.add(() -> db.write(tx -> relations.linkIfAllowed(tx, label, 5, fan + "link", fan, "rec000", Timestamps.now(), event)
                    .orElseThrow().created()));
        }
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            long created = 0;
            for (var result : pool.invokeAll(links)) {
                created += result.get() ? 1 : 0;
            }
            assertEquals(5, created);
        } finally {
            pool.shutdownNow();
        }
        long stored = (long) neo4j.defaultDatabaseService().executeTransactionally(
                "MATCH (:Record {id: 'rec000'})<-[r:FAN]-() RETURN count(r) AS links", Map.of(), r -> r.next().get("links"));
        assertEquals(5, stored);
        // The statement appends a link's event exactly when it makes the link: one per link, none for a refusal.
        long events = (long) neo4j.defaultDatabaseService().executeTransactionally(
                "MATCH (e:Event {type: 'RelationCreate', locationId: 'loc'}) RETURN count(e) AS events", Map.of(), r -> r.next().get("events"));
        long eventsOfLinks = (long) neo4j.defaultDatabaseService().executeTransactionally("""
                MATCH (:Record {id: 'rec000'})<-[r:FAN]-() MATCH (e:Event {type: 'RelationCreate', aggregateId: r.id})
                RETURN count(e) AS events""", Map.of(), r -> r.next().get("events"));
        assertEquals(5, events);
        assertEquals(5, eventsOfLinks);
    }
}
