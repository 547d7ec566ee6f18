package io.liaison.association;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.event.EventOutbox;
import io.liaison.event.EventType;
import io.liaison.neo4j.Degrees;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Locks;
import io.liaison.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Values;
import org.neo4j.driver.summary.ProfiledPlan;

/**
 * The link rules count a record's links under a label from Neo4j's degree counts, so a link costs the
 * same whatever the degree of its records (issue 20): the link statement's PROFILE shows the degree
 * functions and no walk over the records' links, and its database hits do not grow from 10 to 1,000
 * links on one end. The counts are those of the Cypher walk they replace, in every case that could
 * tell them apart: pair and symmetric labels, both ends, a label deleted with its links and created
 * again with the same key, the same key in another location, a deleted record.
 */
@QuarkusTest
class LinkDegreesTest {

    @Inject
    GraphDatabase db;

    @Inject
    Locks locks;

    @Test
    void theLinkStatementCountsByDegreeNotByWalkingTheLinks() throws Exception {
        var tenant = Api.newTenant("Degrees");
        String labelId = tenant.createAssociation("degree_knows", "contact", "Knows", "contact", "Known by", null);
        Association label = db.read(tx -> Association.from(tx.run("MATCH (a:Association {id: $id}) RETURN a",
                Values.parameters("id", labelId)).single().get("a").asNode()));
        String hub = tenant.createContact("Hub", "Degree");
        // The checked-in text (ComposedStatementsTest keeps it equal to what RelationRepository runs).
        String statement = java.nio.file.Files.readString(ComposedStatementsTest.FOLDER.resolve(
                "link." + (locks.apoc() ? "apoc" : "cypher-locks") + ".degrees.cypher"));

        ProfiledPlan atTen = null;
        long hitsAtTen = 0;
        long hitsAtThousand = 0;
        for (int degree : List.of(10, 1_000)) {
            addLinks(label, hub, degree);
            String other = tenant.createContact("Other" + degree, "Degree");
            ProfiledPlan plan = profile(statement, label, hub, other);
            long hits = dbHits(plan);
            if (degree == 10) {
                atTen = plan;
                hitsAtTen = hits;
            } else {
                hitsAtThousand = hits;
            }
        }
        String details = details(atTen);
        assertTrue(details.contains(Degrees.OUT + "(first, $type)") && details.contains(Degrees.IN + "(first, $type)")
                && details.contains(Degrees.OUT + "(second, $type)") && details.contains(Degrees.IN + "(second, $type)"), details);
        // No count walks the records' links: neither as a nested COUNT { } nor as an Expand(All) with a Filter on associationId.
        assertFalse(details.contains("COUNT {"), details);
        assertFalse(operators(atTen).contains("Expand(All)"), operators(atTen).toString());
        // The duplicate check alone expands, between the two records (Expand(Into), from the end with fewer links).
        // Walking would add about four hits per link (4,046 at 1,000 links, measured before): these stay flat.
        assertTrue(hitsAtThousand - hitsAtTen < 50, "db hits at 10 links " + hitsAtTen + ", at 1,000 links " + hitsAtThousand);
    }

    @Test
    void degreeCountsEqualTheWalkedCounts() {
        var tenant = Api.newTenant("Degrees agree");
        var elsewhere = Api.newTenant("Degrees elsewhere");
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            people.add(tenant.createContact("P" + i, "Degree"));
        }
        String a = people.get(0);
        String b = people.get(1);
        String c = people.get(2);
        String d = people.get(3);
        String e = people.get(4);
        // A pair label used from both ends.
        String manages = tenant.createAssociation("degree_manages", "contact", "Manager", "contact", "Employee", null);
        tenant.linked(manages, a, b);
        tenant.linked(manages, a, c);
        tenant.linked(manages, d, a);
        // A symmetric label: links stored in either direction count from both ends.
        String colleague = tenant.createAssociation("degree_colleague", "contact", "Colleague", "contact", null, null);
        tenant.linked(colleague, a, b);
        tenant.linked(colleague, c, a);
        tenant.linked(colleague, e, a);
        // A label deleted with its links, then created again with the same key: none of the old links is left.
        String old = tenant.createAssociation("degree_again", "contact", "Old", "contact", "Older", null);
        tenant.linked(old, a, b);
        tenant.linked(old, c, a);
        tenant.request().delete("/associations/" + old + "?force=true").then().statusCode(200);
        String again = tenant.createAssociation("degree_again", "contact", "New", "contact", "Newer", null);
        tenant.linked(again, b, a);
        // A deleted record takes its links with it.
        tenant.linked(manages, a, e);
        tenant.request().delete("/contacts/" + e).then().statusCode(200);
        // The same key in another location: the same relationship type, other records.
        String otherLabel = elsewhere.createAssociation("degree_manages", "contact", "Manager", "contact", "Employee", null);
        String x = elsewhere.createContact("X", "Elsewhere");
        String y = elsewhere.createContact("Y", "Elsewhere");
        elsewhere.linked(otherLabel, x, y);

        // Each label against the records of its location: a record's links are always its own location's.
        Map<String, List<String>> recordsByLabel = Map.of(manages, List.of(a, b, c, d), colleague, List.of(a, b, c, d),
                again, List.of(a, b, c, d), otherLabel, List.of(x, y));
        for (var entry : recordsByLabel.entrySet()) {
            Association label = db.read(tx -> Association.from(tx.run("MATCH (a:Association {id: $id}) RETURN a",
                    Values.parameters("id", entry.getKey())).single().get("a").asNode()));
            for (String record : entry.getValue()) {
                var counts = db.read(tx -> tx.run("MATCH (r:Record {id: $id}) RETURN "
                        + AssociationLinks.asFirst("r") + " AS walkedOut, " + AssociationLinks.asSecond("r") + " AS walkedIn, "
                        + AssociationLinks.asFirstByDegree("r") + " AS out, " + AssociationLinks.asSecondByDegree("r") + " AS in",
                        Values.parameters("id", record, "type", label.relationshipType(), "associationId", label.id())).single());
                String where = label.key() + " at " + record;
                assertEquals(counts.get("walkedOut").asLong(), counts.get("out").asLong(), where);
                assertEquals(counts.get("walkedIn").asLong(), counts.get("in").asLong(), where);
            }
        }
        // And they are not all zero: a's colleagues are b (stored a to b) and c (stored c to a); e went with its links.
        long aColleagues = db.read(tx -> tx.run("MATCH (r:Record {id: $id}) RETURN " + AssociationLinks.asFirstByDegree("r") + " + "
                + AssociationLinks.asSecondByDegree("r") + " AS links", Values.parameters("id", a, "type", "DEGREE_COLLEAGUE")).single()
                .get("links").asLong());
        assertEquals(2, aColleagues);
        long aAgain = db.read(tx -> tx.run("MATCH (r:Record {id: $id}) RETURN " + AssociationLinks.asFirstByDegree("r") + " + "
                + AssociationLinks.asSecondByDegree("r") + " AS links", Values.parameters("id", a, "type", "DEGREE_AGAIN")).single()
                .get("links").asLong());
        assertEquals(1, aAgain);
    }

    /** {@code count} links from the hub to new records of its location, under the label, as the link statement makes them. */
    private void addLinks(Association label, String hub, int count) {
        db.write(tx -> tx.run("""
                MATCH (h:Record {id: $hub})
                WITH h, $count - COUNT { (h)-[:$($type)]->() } AS missing
                UNWIND range(1, missing) AS i
                CREATE (h)-[:$($type) {id: $hub + '-' + toString(i) + '-' + toString($count), associationId: $associationId,
                                      locationId: $locationId, createdAt: datetime()}]->
                       (:Record:Contact {id: $hub + '-spoke-' + toString(i) + '-' + toString($count), locationId: $locationId,
                                         objectKey: 'contact'})""",
                Values.parameters("hub", hub, "count", count, "type", label.relationshipType(), "associationId", label.id(),
                        "locationId", label.locationId())).consume());
    }

    private ProfiledPlan profile(String statement, Association label, String first, String second) throws Exception {
        Map<String, Object> params = parameters(label, first, second);
        // Rolled back: the statement links, and the profile is all this wants of it.
        try (var session = db.driver().session(db.sessionConfig()); var tx = session.beginTransaction()) {
            var summary = tx.run("PROFILE " + statement, params).consume();
            tx.rollback();
            return summary.profile();
        }
    }

    /** The parameters of a link statement between two records under the label. */
    private Map<String, Object> parameters(Association label, String first, String second) throws Exception {
        var method = RelationRepository.class.getDeclaredMethod("labelParameters", Association.class, long.class);
        method.setAccessible(true);
        @SuppressWarnings("unchecked")
        Map<String, Object> params = (Map<String, Object>) method.invoke(null, label, 1_000_000L);
        params.put("lockOrder", locks.lockOrder(List.of(first, second)));
        params.put("firstId", first);
        params.put("secondId", second);
        params.put("id", "profiled-" + second);
        params.put("createdAt", java.time.ZonedDateTime.now());
        params.put(EventOutbox.EVENT_PARAMETER, EventOutbox.prepare(label.locationId(), EventType.RelationCreate, Map.of("id", "profiled")));
        return params;
    }

    /**
     * Every composed statement checked in under cypher/composed/ plans on this server: the APOC forms when
     * it has APOC's locks, the degree forms when it has Liaison's degree functions (the harness has both).
     */
    @Test
    void everyComposedStatementPlans() throws Exception {
        var tenant = Api.newTenant("Composed plans");
        String labelId = tenant.createAssociation("composed_knows", "contact", "Knows", "contact", "Known by", null);
        Association label = db.read(tx -> Association.from(tx.run("MATCH (a:Association {id: $id}) RETURN a",
                Values.parameters("id", labelId)).single().get("a").asNode()));
        boolean degrees = db.read(Degrees::offeredBy);
        List<String> planned = new ArrayList<>();
        try (var files = java.nio.file.Files.list(ComposedStatementsTest.FOLDER)) {
            for (var file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.contains(".apoc.") && !locks.apoc() || name.contains(".degrees.") && !degrees) {
                    continue;
                }
                Map<String, Object> params = parameters(label, "first", "second");
                params.put("items", List.of());
                try (var session = db.driver().session(db.sessionConfig()); var tx = session.beginTransaction()) {
                    assertTrue(tx.run("EXPLAIN " + java.nio.file.Files.readString(file), params).consume().plan() != null, name);
                    tx.rollback();
                }
                planned.add(name);
            }
        }
        assertEquals(10, planned.size(), "planned: " + planned);
    }

    private static long dbHits(ProfiledPlan plan) {
        return plan.dbHits() + plan.children().stream().mapToLong(LinkDegreesTest::dbHits).sum();
    }

    private static List<String> operators(ProfiledPlan plan) {
        List<String> all = new ArrayList<>(List.of(plan.operatorType()));
        plan.children().forEach(child -> all.addAll(operators(child)));
        return all;
    }

    private static String details(ProfiledPlan plan) {
        StringBuilder all = new StringBuilder(plan.operatorType()).append(": ").append(plan.arguments().getOrDefault("Details",
                org.neo4j.driver.Values.NULL)).append('\n');
        plan.children().forEach(child -> all.append(details(child)));
        return all.toString();
    }
}
