package io.liaison.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure of docs/design/README.md ("The map"), kept by the build. Plain JUnit over the
 * compiled classes (no service), in the manner of neo4j-migrations' PackageStructureTests.
 */
class ArchitectureTest {

    private static final String ROOT = "io.liaison";

    /** The packages that hold features; neo4j/ and error/ sit below all of them. */
    private static final List<String> FEATURES = List.of("location", "idempotency", "ops", "bulk", "transfer", "event",
            "object", "association", "contact", "business", "graph", "console", "demo");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    /**
     * The record features in the map's order (object, association, business, contact): each uses only
     * the ones before it. Where a lower one needs a higher one's work it declares an interface that the
     * higher one implements (object/AssociationCascade, association/ContactIdsByEmail).
     */
    @Test
    void recordFeaturesUseOnlyTheOnesBelowThem() {
        List<String> order = List.of("object", "association", "business", "contact");
        for (int i = 0; i < order.size() - 1; i++) {
            noClasses().that().resideInAPackage(ROOT + "." + order.get(i) + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(order.subList(i + 1, order.size()).stream()
                            .map(f -> ROOT + "." + f + "..").toArray(String[]::new))
                    .check(classes);
        }
    }

    @Test
    void neo4jAndErrorDependOnNoFeature() {
        noClasses().that().resideInAnyPackage(ROOT + ".neo4j..", ROOT + ".error..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES.stream().map(f -> ROOT + "." + f + "..").toArray(String[]::new))
                .check(classes);
    }

    @Test
    void errorDependsOnNothingButConfig() {
        noClasses().that().resideInAPackage(ROOT + ".error..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".neo4j..")
                .check(classes);
    }

    /**
     * Cypher runs in repositories, the outbox and the database's own package (Locks, migrations, the
     * embedded DBMS and the in-process transaction): nowhere else calls a query runner or an embedded
     * transaction.
     */
    @Test
    void cypherRunsOnlyInRepositoriesLocksOutboxAndMigrations() {
        noClasses().that(DescribedPredicate.not(mayRunCypher()))
                .should().callMethodWhere(runsCypher())
                .check(classes);
    }

    @Test
    void noResourceUsesARepository() {
        noClasses().that().haveSimpleNameEndingWith("Resource")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .check(classes);
    }

    /**
     * Repositories whose methods still open their own transaction, each with why. Every other repository is
     * single statements run in the transaction its caller (the service) opened; a name leaves this list
     * when its repository is moved to that shape (docs/design/README.md, "One shape of write").
     */
    private static final Map<String, String> STILL_OPEN_THEIR_OWN_TRANSACTION = Map.ofEntries(
            Map.entry("IdempotencyRepository", "claim retries its own transaction until the key is claimed; the sweep deletes in batches"));

    /** The write shape: the service opens the transaction, a repository runs statements in it. */
    @Test
    void repositoriesOpenNoTransaction() {
        Set<String> exempt = STILL_OPEN_THEIR_OWN_TRANSACTION.keySet();
        noClasses().that(DescribedPredicate.describe("a repository (or a class nested in one) not listed as still opening its own",
                        c -> topLevel(c).getSimpleName().endsWith("Repository") && !exempt.contains(topLevel(c).getSimpleName())))
                .should().callMethodWhere(opensATransaction())
                .check(classes);
    }

    /** A repository leaves the list above once it is moved: a name that opens no transaction any more is a stale exemption. */
    @Test
    void everyRepositoryStillListedStillOpensItsOwnTransaction() {
        for (String name : STILL_OPEN_THEIR_OWN_TRANSACTION.keySet()) {
            boolean opens = classes.stream().filter(c -> topLevel(c).getSimpleName().equals(name))
                    .flatMap(c -> c.getMethodCallsFromSelf().stream()).anyMatch(opensATransaction());
            org.junit.jupiter.api.Assertions.assertTrue(opens, name + " opens no transaction any more: take it off STILL_OPEN_THEIR_OWN_TRANSACTION");
        }
    }

    private static JavaClass topLevel(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }

    private static DescribedPredicate<JavaAccess<?>> opensATransaction() {
        return DescribedPredicate.describe("opens a transaction (GraphDatabase.read, readStreamed, write, rehearse)",
                access -> access.getTargetOwner().getName().equals(ROOT + ".neo4j.GraphDatabase")
                        && Set.of("read", "readStreamed", "write", "rehearse").contains(access.getName()));
    }

    /** A repository (or a class nested in one), the outbox, or the neo4j package. */
    private static DescribedPredicate<JavaClass> mayRunCypher() {
        return DescribedPredicate.describe("a repository, the outbox or neo4j/", c -> {
            JavaClass top = c;
            while (top.getEnclosingClass().isPresent()) {
                top = top.getEnclosingClass().get();
            }
            return top.getSimpleName().endsWith("Repository") || top.getSimpleName().equals("EventOutbox")
                    || top.getPackageName().startsWith(ROOT + ".neo4j");
        });
    }

    private static DescribedPredicate<JavaAccess<?>> runsCypher() {
        return DescribedPredicate.describe("runs Cypher", access -> {
            String owner = access.getTargetOwner().getName();
            String name = access.getName();
            return (name.equals("run") && (owner.startsWith("org.neo4j.driver.") && owner.endsWith("QueryRunner")
                    || owner.equals("org.neo4j.driver.TransactionContext") || owner.equals("org.neo4j.driver.Transaction")
                    || owner.equals("org.neo4j.driver.Session")))
                    || (name.equals("execute") || name.equals("executeTransactionally")) && owner.startsWith("org.neo4j.graphdb.");
        });
    }
}
