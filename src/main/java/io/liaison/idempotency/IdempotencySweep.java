package io.liaison.idempotency;

import io.liaison.neo4j.Timestamps;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Deletes expired keys in the background. Correctness never depends on it: a claim treats an expired
 * key as absent. It only keeps the graph from growing.
 */
@ApplicationScoped
public class IdempotencySweep {

    private static final Logger LOG = Logger.getLogger(IdempotencySweep.class);

    private final IdempotencyRepository repository;

    public IdempotencySweep(IdempotencyRepository repository) {
        this.repository = repository;
    }

    @Scheduled(every = "${liaison.idempotency.sweep-every:15m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = io.liaison.neo4j.UntilInService.class)
    void sweep() {
        try {
            long deleted = repository.deleteExpired(Timestamps.now());
            if (deleted > 0) {
                LOG.debugf("Deleted %d expired idempotency keys", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Expired idempotency keys were not deleted this time: %s", e.getMessage());
        }
    }
}
