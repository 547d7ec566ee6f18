package io.liaison.neo4j;

import org.neo4j.driver.exceptions.ClientException;

/** How the server reports the failures the services react to. */
public final class Neo4jErrors {
    private Neo4jErrors() {
    }

    public static boolean isConstraintViolation(ClientException e) {
        return e.code() != null && e.code().endsWith("ConstraintValidationFailed");
    }
}
