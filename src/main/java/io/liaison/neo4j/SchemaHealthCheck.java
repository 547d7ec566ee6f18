package io.liaison.neo4j;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the schema is applied. quarkus-neo4j adds its own check that the server answers; this
 * one also covers the time between the server answering and the schema being in place.
 */
@Readiness
@ApplicationScoped
public class SchemaHealthCheck implements HealthCheck {

    private final DatabaseReadiness readiness;

    public SchemaHealthCheck(DatabaseReadiness readiness) {
        this.readiness = readiness;
    }

    @Override
    public HealthCheckResponse call() {
        boolean ready = readiness.isReady();
        return HealthCheckResponse.named("Liaison schema").status(ready)
                .withData("state", ready ? "applied" : "waiting for Neo4j: " + readiness.lastFailure()).build();
    }
}
