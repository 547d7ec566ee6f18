package io.liaison.neo4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.scheduler.Scheduled;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every scheduled job waits until the service is in service ({@link UntilInService}): a job that ran
 * while the embedded database was starting locked the Bolt user out and the service did not start.
 */
class ScheduledJobsWaitForServiceTest {

    @Test
    void everyScheduledJobIsSkippedUntilTheServiceIsInService() {
        List<JavaMethod> jobs = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.liaison").stream().flatMap(c -> c.getMethods().stream())
                .filter(m -> m.isAnnotatedWith(Scheduled.class)).toList();
        assertFalse(jobs.isEmpty(), "no scheduled job found: the scan is broken");
        List<String> notWaiting = jobs.stream()
                .filter(m -> m.getAnnotationOfType(Scheduled.class).skipExecutionIf() != UntilInService.class)
                .map(JavaMethod::getFullName).toList();
        assertEquals(List.of(), notWaiting);
    }
}
