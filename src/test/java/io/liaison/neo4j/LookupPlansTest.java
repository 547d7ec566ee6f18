package io.liaison.neo4j;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.liaison.association.RelationRepository;
import io.liaison.business.BusinessRepository;
import io.liaison.contact.ContactRepository;
import io.liaison.object.RecordRepository;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;
import org.neo4j.driver.summary.Plan;

/**
 * Every statement that finds a record by its id must start from the unique index on
 * {@code :Record(id)}. A statement that names only {@code :Contact} or {@code :Business} cannot use
 * it and scans every contact of the location instead: fine with ten contacts, a hundred
 * milliseconds per request with a hundred thousand (the benchmark found it). The statements are the
 * repositories' own constants and {@link Locks}' lock statements (which find records for every
 * repository), read by reflection, planned by the real Neo4j with EXPLAIN.
 */
@QuarkusTest
class LookupPlansTest {

    @Inject
    Driver driver;

    @Test
    void lookupsByRecordIdSeekTheUniqueIndex() throws Exception {
        // The unique index comes with the schema, which the service applies as it starts.
        io.liaison.support.Api.awaitReady();
        List<String> checked = new ArrayList<>();
        List<String> scanning = new ArrayList<>();
        for (Class<?> repository : List.of(ContactRepository.class, BusinessRepository.class, RecordRepository.class,
                RelationRepository.class)) {
            for (Field field : repository.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) {
                    continue;
                }
                field.setAccessible(true);
                String statement = (String) field.get(null);
                if (statement == null || !startsByRecordId(statement)) {
                    continue;
                }
                check(repository.getSimpleName() + "." + field.getName(), statement, checked, scanning);
            }
        }
        // Locks finds records for every repository: each lock statement in both its forms (with and without APOC).
        for (Field field : Locks.class.getDeclaredFields()) {
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != Locks.LockStatement.class) {
                continue;
            }
            field.setAccessible(true);
            Locks.LockStatement lock = (Locks.LockStatement) field.get(null);
            for (var form : Map.of("withApoc", lock.withApoc(), "withoutApoc", lock.withoutApoc()).entrySet()) {
                if (startsByRecordId(form.getValue())) {
                    check("Locks." + field.getName() + "." + form.getKey(), form.getValue(), checked, scanning);
                }
            }
        }
        for (boolean apoc : List.of(true, false)) {
            check("Locks.recordsInIdOrder(apoc=" + apoc + ")",
                    "WITH $locationId AS location\n" + Locks.recordsInIdOrder("location", apoc) + "RETURN lockedRecords", checked, scanning);
        }
        assertTrue(scanning.isEmpty(), "these statements do not seek the unique index on :Record(id):\n" + String.join("\n\n", scanning));
        // The test must look at something: the contact lookups at least.
        assertFalse(checked.isEmpty(), "no statement found by id");
        assertTrue(checked.contains("ContactRepository.CONTACT_BY_ID"), "checked: " + checked);
        assertTrue(checked.contains("BusinessRepository.BUSINESS_BY_ID"), "checked: " + checked);
        assertTrue(checked.contains("Locks.RECORD_FOR_CHANGE.withApoc"), "checked: " + checked);
        assertTrue(checked.contains("Locks.RECORD_FOR_CHANGE.withoutApoc"), "checked: " + checked);
    }

    private void check(String name, String statement, List<String> checked, List<String> scanning) {
        Plan plan = explain(statement);
        if (!uses(plan, "NodeUniqueIndexSeek")) {
            scanning.add(name + ":\n" + statement + "\n" + plan);
        }
        checked.add(name);
    }

    /** A statement whose first MATCH finds one node by {@code {id: $id ...}} or {@code {id: $recordId ...}}. */
    private static boolean startsByRecordId(String statement) {
        String first = statement.strip().lines().findFirst().orElse("");
        return first.startsWith("MATCH (") && (first.contains("{id: $id") || first.contains("{id: $recordId"));
    }

    private Plan explain(String statement) {
        try (var session = driver.session(SessionConfig.forDatabase("neo4j"))) {
            return session.executeRead(tx -> tx.run("EXPLAIN " + statement, Map.of("label", "Contact")).consume().plan());
        }
    }

    private static boolean uses(Plan plan, String operator) {
        if (plan.operatorType().startsWith(operator)) {
            return true;
        }
        return plan.children().stream().anyMatch(child -> uses(child, operator));
    }
}
