package io.liaison.neo4j;

import org.neo4j.dbms.api.DatabaseNotFoundException;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.DatabaseException;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.TransientException;
import org.neo4j.graphdb.DatabaseShutdownException;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.kernel.api.exceptions.Status;

/**
 * Failures of in-process transactions, reported as the driver reports the same failure coming over
 * Bolt (same exception class, same Neo4j status code), so that retries, 409s, 422s and 503s are
 * decided in one place whichever way a transaction ran.
 */
final class InProcessErrors {

    private InProcessErrors() {
    }

    static RuntimeException translate(RuntimeException failure) {
        if (failure instanceof Neo4jException) {
            return failure;
        }
        if (isUnavailable(failure)) {
            return withCause(new ServiceUnavailableException("The database is unavailable: " + failure.getMessage()), failure);
        }
        String code = statusCode(failure);
        if (code == null) {
            // Not Neo4j's (a service's own exception thrown inside the transaction): unchanged.
            return failure;
        }
        String message = String.valueOf(failure.getMessage());
        if (code.startsWith(Neo4jCodes.CLIENT_ERROR_PREFIX)) {
            return withCause(new ClientException(code, message), failure);
        }
        if (code.startsWith(Neo4jCodes.TRANSIENT_ERROR_PREFIX)) {
            return withCause(new TransientException(code, message), failure);
        }
        return withCause(new DatabaseException(code, message), failure);
    }

    private static String statusCode(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof QueryExecutionException query && query.getStatusCode() != null) {
                return query.getStatusCode();
            }
            if (cause instanceof Status.HasStatus status && status.status() != null) {
                return status.status().code().serialize();
            }
        }
        return null;
    }

    private static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabaseShutdownException || cause instanceof DatabaseNotFoundException) {
                return true;
            }
        }
        return false;
    }

    private static RuntimeException withCause(Neo4jException translated, Throwable cause) {
        try {
            translated.initCause(cause);
        } catch (IllegalStateException alreadySet) {
            translated.addSuppressed(cause);
        }
        return translated;
    }
}
