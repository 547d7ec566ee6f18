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
