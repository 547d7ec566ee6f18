package io.liaison.association;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.contact.ContactRequest;
import io.liaison.contact.ContactService;
import io.liaison.event.WebhooksConfig;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.PlanWarmUp;
import io.liaison.neo4j.Timestamps;
import io.liaison.support.Api;
import io.liaison.support.Neo4jTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.neo4j.kernel.impl.query.QueryCacheStatistics;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * After the warm-up, the hot statements (a contact's create with its event, a link, a record's
 * relations) find their plans in Cypher's query cache: run as requests run them, they miss it no more.
 * Query cache misses are counted, not times, so the check holds on any machine.
 */
@QuarkusTest
class PlanWarmUpTest {

    @Inject
    PlanWarmUp warmUp;
    @Inject
    GraphDatabase db;
    @Inject
    RelationService relations;
    @Inject
    RelationRepository repository;
    @Inject
    ContactService contacts;
    @Inject
    ObjectMapper json;
    @Inject
    AssociationRepository associations;
    @Inject
    WebhooksConfig webhooks;

    @Test
    void afterTheWarmUpTheHotStatementsMissTheQueryCacheNoMore() throws Exception {
        // The warm-up the start began has ended (it may still run on a busy machine: a bound, not a timed check).
        warmUp.done().get(2, TimeUnit.MINUTES);
        var tenant = Api.newTenant("Warm plans");
        Association label = labelOfACommonType(tenant);

        // Control: on an empty cache the same calls miss it (else the check below could not fail).
        clearQueryCaches();
        List<Long> cold = hotCalls(tenant, label);
        assertTrue(cold.stream().allMatch(misses -> misses > 0), "each hot call plans on an empty cache: " + cold);

        clearQueryCaches();
        assertEquals(3, warmUp.warmUp(), "every rehearsal ran");
        assertEquals(List.of(0L, 0L, 0L), hotCalls(tenant, label), "misses of a contact's create, a link, a relations read");
    }

    /**
     * The link statement's plan is cached per relationship type, and the warm-up plans the types of the
     * most labels: this label has one of them (the shared test database holds other tests' labels too).
     */
    private Association labelOfACommonType(Api.Tenant tenant) {
        String own = tenant.createAssociation("warm_knows", "contact", "Knows", "contact", "Known by", null);
        String commonest = db.read(tx -> associations.commonRelationshipTypes(tx, 1)).get(0);
        String id = commonest.equals("WARM_KNOWS") ? own
                : tenant.createAssociation(commonest.toLowerCase(Locale.ROOT), "contact", "A", "contact", "B", null);
        return relations.label(tenant.locationId(), id).orElseThrow();
    }

    /**
     * Query cache misses of the calls the first requests after a start make, one transaction each: a
     * contact's create (with its event), a link, a record's relations. Background work (event numbering)
     * runs Cypher too, so each call is made once that has settled and measured on its own.
     */
    private List<Long> hotCalls(Api.Tenant tenant, Association label) {
        awaitBackgroundSettled();
        long before = executableQueryMisses();
        String first = contacts.create(tenant.locationId(), contact(tenant, "First")).id();
        long contactCreate = executableQueryMisses() - before;
        String second = contacts.create(tenant.locationId(), contact(tenant, "Second")).id();

        awaitBackgroundSettled();
        before = executableQueryMisses();
        var link = new RelationRepository.NewLink(RelationIds.newId(first), first, second, Timestamps.now());
        var outcome = db.write(tx -> repository.linkIfAllowed(tx, label, relations.cap(), link.relationId(), first, second,
                link.createdAt(), RelationService.relationCreated(RelationService.relation(label, link)))).orElseThrow();
        long linkCreate = executableQueryMisses() - before;
        assertTrue(outcome.created());

        awaitBackgroundSettled();
        before = executableQueryMisses();
        long total = db.read(tx -> repository.relationsOf(tx, tenant.locationId(), first, null, AssociationService.skip(null),
                AssociationService.pageSize(null))).orElseThrow().total();
        long relationsRead = executableQueryMisses() - before;
        assertEquals(1, total);
        return List.of(contactCreate, linkCreate, relationsRead);
    }

    /** Waits until no statement has been planned for two of the dispatcher's polls (at most 2 minutes). */
    private void awaitBackgroundSettled() {
        long quietFor = webhooks.pollInterval().multipliedBy(2).toNanos();
        long giveUpAt = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        long misses = executableQueryMisses();
        long since = System.nanoTime();
        while (System.nanoTime() - since < quietFor && System.nanoTime() - giveUpAt < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            long now = executableQueryMisses();
            if (now != misses) {
                misses = now;
                since = System.nanoTime();
            }
        }
    }

    private ContactRequest contact(Api.Tenant tenant, String firstName) {
        return json.convertValue(Map.of("locationId", tenant.locationId(), "firstName", firstName, "lastName", Ids.newId(),
                "email", Ids.newId().toLowerCase() + "@warm.test"), ContactRequest.class);
    }

    private static long executableQueryMisses() {
        var neo4j = (GraphDatabaseAPI) Neo4jTestResource.neo4j().defaultDatabaseService();
        return neo4j.getDependencyResolver().resolveDependency(QueryCacheStatistics.class).metricsPerCacheKind()
                .get("executable_query").getMisses();
    }

    private static void clearQueryCaches() {
        Neo4jTestResource.neo4j().defaultDatabaseService().executeTransactionally("CALL db.clearQueryCaches()");
    }
}
