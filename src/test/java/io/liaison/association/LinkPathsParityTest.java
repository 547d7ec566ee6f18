package io.liaison.association;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.event.EventOutbox;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.InProcessNeo4j;
import io.liaison.neo4j.Locks;
import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.Neo4jTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.Values;

/**
 * The two ways a batch of links is written, the Cypher statement (over Bolt) and Neo4j's Java core API
 * (in-process, {@link CoreApiLinks}), given the same batch on two tenants set up alike, answer every
 * item alike (created, or refused for the same reason with the same facts) and leave the same graph:
 * the same relationships with the same properties, and exactly the prepared events of the links made.
 */
@QuarkusTest
class LinkPathsParityTest {

    private static final long CAP = 3;
    private static final ZonedDateTime CREATED_AT = ZonedDateTime.parse("2026-02-03T04:05:06.789Z");

    private static Driver driver;
    private static GraphDatabase overBolt;
    private static GraphDatabase inProcess;

    @BeforeAll
    static void bothWays() {
        var neo4j = Neo4jTestResource.neo4j();
        driver = org.neo4j.driver.GraphDatabase.driver(neo4j.boltURI(), AuthTokens.none());
        overBolt = new GraphDatabase(driver, "neo4j");
        inProcess = GraphDatabase.inProcess(driver, "neo4j", neo4j.boltURI().getPort());
    }

    @AfterAll
    static void close() {
        driver.close();
    }

    /** A tenant set up for the batch: its records and labels by name. */
    private record Setup(Tenant tenant, Map<String, String> ids) {
        String id(String name) {
            return ids.getOrDefault(name, name);
        }

        /** The text with every id of this tenant replaced by its name, so two tenants compare. */
        String named(String text) {
            String named = text.replace(tenant.locationId(), "LOCATION");
            // Longest first: a relation id starts with its first record's id.
            for (var e : ids.entrySet().stream().sorted((a, b) -> b.getValue().length() - a.getValue().length()).toList()) {
                named = named.replace(e.getValue(), e.getKey());
            }
            return named;
        }
    }

    private static Setup setUp(String name) {
        Tenant tenant = Api.newTenant(name);
        Map<String, String> ids = new LinkedHashMap<>();
        for (String person : List.of("ann", "bob", "cat", "dan", "eve", "hub")) {
            ids.put(person, tenant.createContact(person, "P"));
        }
        ids.put("stranger", Api.newTenant(name + " other").createContact("stranger", "S"));
        tenant.request().body(Map.of("locationId", tenant.locationId(), "key", "custom_objects.boards",
                "labels", Map.of("singular", "Board", "plural", "Boards"),
                "primaryDisplayPropertyDetails", Map.of("key", "custom_objects.boards.name", "name", "Name", "dataType", "TEXT")))
                .post("/objects/").then().statusCode(201);
        ids.put("board", tenant.request().body(Map.of("locationId", tenant.locationId(), "properties", Map.of("name", "Blue")))
                .post("/objects/custom_objects.boards/records").then().statusCode(201).extract().path("record.id"));
        ids.put("colleague", tenant.createAssociation("colleague", "contact", "Colleague", "contact", null, null));
        ids.put("manager", tenant.createAssociation("manager_employee", "contact", "Manager", "contact", "Employee", "ONE_TO_MANY"));
        ids.put("owner", tenant.createAssociation("owner_board", "contact", "Owner", "custom_objects.boards", "Board", null));
        ids.put("catAnn", tenant.linked(ids.get("colleague"), ids.get("cat"), ids.get("ann")));
        return new Setup(tenant, ids);
    }

    /** The batch, by label: every rule refuses at least one item, and the items see the ones before them. */
    private static final Map<String, List<String[]>> BATCH = new TreeMap<>(Map.of(
            "colleague", List.of(
                    new String[] {"ann", "bob"},       // created
                    new String[] {"bob", "ann"},       // the same pair reversed, on a symmetric label
                    new String[] {"cat", "ann"},       // linked before the batch
                    new String[] {"ann", "cat"},       // linked before the batch, reversed
                    new String[] {"ann", "nobody0000000000000"}, // no such record
                    new String[] {"stranger", "ann"},  // another location's record
                    new String[] {"hub", "ann"},       // created; Ann now has 3, the cap
                    new String[] {"hub", "bob"},       // created
                    new String[] {"dan", "ann"},       // Ann is at the cap
                    new String[] {"hub", "cat"},       // created: Hub at the cap
                    new String[] {"hub", "eve"}),      // Hub is at the cap
            "manager", List.of(
                    new String[] {"ann", "bob"},       // created
                    new String[] {"cat", "bob"},       // Bob already has his one manager
                    new String[] {"ann", "cat"}),      // created: a manager has many employees
            "owner", List.of(
                    new String[] {"board", "ann"},     // wrong objects
                    new String[] {"ann", "board"},     // created
                    new String[] {"bob", "ann"})));    // a contact where a board belongs

    /** What one way answered and wrote, with the tenant's ids replaced by names. */
    private record Written(List<String> outcomes, List<String> relationships, List<String> events) {
    }

    private static Written write(Setup setup, GraphDatabase db, boolean expectCoreApi) {
        RelationRepository repository = new RelationRepository(db, new Locks(db), new EventOutbox());
        String locationId = setup.tenant().locationId();
        List<String> outcomes = new ArrayList<>();
        Map<String, String> preparedPayloads = new TreeMap<>();
        Map<String, String> itemOfRelation = new TreeMap<>();
        AtomicBoolean sawCoreApi = new AtomicBoolean();
        for (var batch : BATCH.entrySet()) {
            Association label = db.read(tx -> Association.from(tx.run("MATCH (a:Association {id: $id}) RETURN a",
                    Values.parameters("id", setup.id(batch.getKey()))).single().get("a").asNode()));
            List<RelationRepository.NewLink> links = new ArrayList<>();
            List<Map<String, Object>> events = new ArrayList<>();
            for (String[] pair : batch.getValue()) {
                String relationId = RelationIds.newId(setup.id(pair[0]));
                links.add(new RelationRepository.NewLink(relationId, setup.id(pair[0]), setup.id(pair[1]), CREATED_AT));
                itemOfRelation.put(relationId, batch.getKey() + "#" + (links.size() - 1));
                Map<String, Object> event = RelationService.relationCreated(RelationService.relation(label, links.get(links.size() - 1)));
                events.add(event);
                preparedPayloads.put((String) event.get("id"), setup.named((String) event.get("payload")));
            }
            List<RelationRepository.LinkOutcome> answered = db.write(tx -> {
                sawCoreApi.set(InProcessNeo4j.coreApi(tx).isPresent());
                return repository.linkEachIfAllowed(tx, label, CAP, links, events).orElseThrow();
            });
            for (int i = 0; i < links.size(); i++) {
                RelationRepository.LinkOutcome outcome = answered.get(i);
                String refusal = LinkRules.refusal(outcome.label(), LinkRules.limits(outcome.label(), CAP), outcome.state(),
                        links.get(i).firstId(), links.get(i).secondId()).map(e -> e.code() + " " + e.getMessage()).orElse("allowed");
                outcomes.add(batch.getKey() + "#" + i + " created=" + outcome.created() + " " + refusal + " "
                        + outcome.state() + " cardinality=" + outcome.label().cardinality());
            }
        }
        // A refusal as a duplicate names the link it duplicates: one of the batch's, or the one made before it.
        outcomes.replaceAll(o -> {
            String named = o;
            for (var e : itemOfRelation.entrySet()) {
                named = named.replace(e.getKey(), e.getValue());
            }
            return setup.named(named);
        });
        assertEquals(expectCoreApi, sawCoreApi.get(), "the way the batch was meant to take");
        List<String> relationships = db.read(tx -> tx.run("""
                MATCH (x:Record {locationId: $locationId})-[r]->(y:Record)
                RETURN x.id AS x, type(r) AS type, y.id AS y, r.id AS id, properties(r) AS properties""",
                Values.parameters("locationId", locationId)).list(r -> {
                    Map<String, Object> properties = new TreeMap<>(r.get("properties").asMap());
                    String relationId = r.get("id").asString();
                    if (!itemOfRelation.containsKey(relationId)) {
                        properties.put("createdAt", "when it was made, before the batch");
                    }
                    properties.put("id", itemOfRelation.getOrDefault(relationId, "made before the batch"));
                    return setup.named(r.get("x").asString() + " -" + r.get("type").asString() + "-> " + r.get("y").asString() + " "
                            + properties);
                }));
        List<String> events = db.read(tx -> tx.run("""
                MATCH (e:Event {locationId: $locationId, type: 'RelationCreate'}) WHERE e.id IN $ids
                RETURN e.id AS id, e.payload AS payload, e.createdAt AS createdAt, e.aggregateId AS aggregateId,
                       [l IN labels(e) WHERE l <> 'NewEvent'] AS labels, [k IN keys(e) WHERE k <> 'seq'] AS keys""",
                Values.parameters("locationId", locationId, "ids", List.copyOf(preparedPayloads.keySet()))).list(r -> {
                    String payload = setup.named(r.get("payload").asString());
                    assertEquals(preparedPayloads.get(r.get("id").asString()), payload, "the event is the prepared one");
                    return itemOfRelation.get(r.get("aggregateId").asString()) + " " + r.get("labels").asList()
                            + " " + new java.util.TreeSet<>(r.get("keys").asList()) + " " + r.get("createdAt").type().name() + " " + payload
                            .replaceAll("\"id\":\"[^\"]+\"", "\"id\":\"relation\"").replaceAll("\"timestamp\":\"[^\"]+\"", "");
                }));
        relationships = new ArrayList<>(relationships);
        relationships.sort(null);
        events = new ArrayList<>(events);
        events.sort(null);
        return new Written(outcomes, relationships, events);
    }

    @Test
    void theStatementAndTheCoreApiAnswerAndWriteTheSame() {
        Written byStatement = write(setUp("Links by statement"), overBolt, false);
        Written byCoreApi = write(setUp("Links by core API"), inProcess, true);
        assertEquals(byStatement.outcomes(), byCoreApi.outcomes());
        assertEquals(byStatement.relationships(), byCoreApi.relationships());
        assertEquals(byStatement.events(), byCoreApi.events());
        // Guards the comparison itself: the batch really made links and refused others, with their events.
        assertEquals(7, byCoreApi.outcomes().stream().filter(o -> o.contains("created=true")).count(), byCoreApi.outcomes().toString());
        assertEquals(7 + 1, byCoreApi.relationships().size(), byCoreApi.relationships().toString());
        assertEquals(7, byCoreApi.events().size(), byCoreApi.events().toString());
        assertTrue(byCoreApi.outcomes().stream().anyMatch(o -> o.contains("already links to 3 records")), byCoreApi.outcomes().toString());
    }
}
