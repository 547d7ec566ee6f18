package io.liaison.neo4j;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * {@code liaison_transactions_total{way="in-process"|"bolt", access="read"|"write"}}: transactions
 * begun (a retried one counts each time). It tells an operator which way the service talks to Neo4j
 * and how many transactions a workload costs, whichever way that is.
 */
final class TransactionCounters {

    final Counter inProcessRead;
    final Counter inProcessWrite;
    final Counter boltRead;
    final Counter boltWrite;

    private TransactionCounters(MeterRegistry registry) {
        inProcessRead = counter(registry, "in-process", "read");
        inProcessWrite = counter(registry, "in-process", "write");
        boltRead = counter(registry, "bolt", "read");
        boltWrite = counter(registry, "bolt", "write");
    }

    static TransactionCounters registeredIn(MeterRegistry registry) {
        return new TransactionCounters(registry);
    }

    /** Outside the service (the benchmark, tools): counted, but nowhere exported. */
    static TransactionCounters unexported() {
        return new TransactionCounters(new SimpleMeterRegistry());
    }

    private static Counter counter(MeterRegistry registry, String way, String access) {
        return Counter.builder("liaison.transactions").description("Neo4j transactions begun, by way and access")
                .tag("way", way).tag("access", access).register(registry);
    }
}
