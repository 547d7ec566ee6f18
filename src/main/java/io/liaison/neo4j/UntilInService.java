package io.liaison.neo4j;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;

/**
 * Skips a scheduled job while the service is not in service (the database starting, its schema not
 * applied yet, or away): {@code @Scheduled(skipExecutionIf = UntilInService.class)}.
 *
 * <p>A job's first run is timed from the scheduler's start, not from readiness. On a loaded 2-core
 * machine the embedded database took over a minute to start, and a job due after one minute ran in
 * the middle of it: the database not yet hosted in process, the job went over Bolt, was refused while
 * Bolt was not listening, and then failed to log in, because the Bolt password is set only after the
 * DBMS is built. Neo4j locks a user out after three failed logins, so the start's own first Bolt
 * connection was refused ("incorrect authentication details too many times in a row") and the
 * service did not start.
 */
@Singleton
public class UntilInService implements Scheduled.SkipPredicate {

    private final DatabaseReadiness readiness;

    public UntilInService(DatabaseReadiness readiness) {
        this.readiness = readiness;
    }

    @Override
    public boolean test(ScheduledExecution execution) {
        return !readiness.isReady();
    }
}
