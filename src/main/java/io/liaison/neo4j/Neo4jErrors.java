package io.liaison.neo4j;

import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.TransientException;

/** How the server reports the failures the services react to. */
public final class Neo4jErrors {
    private Neo4jErrors() {
    }

    public static boolean isConstraintViolation(ClientException e) {
        return Neo4jCodes.is(e, Neo4jCodes.CONSTRAINT_VALIDATION_FAILED);
    }

    /**
     * A transaction that lost to a concurrent one (deadlock, lock wait cut short, outdated read):
     * running it again succeeds. Not "the database is unavailable", which is a General or Cluster error.
     */
    public static boolean isTransactionConflict(TransientException e) {
        return e.code() != null && e.code().startsWith(Neo4jCodes.TRANSIENT_TRANSACTION_PREFIX);
    }

    /**
     * A procedure the service calls is not registered: on a server that has it (APOC's locks are only
     * called once a probe found them), this is the window of a restart in which Bolt already answers
     * and plugins are not registered yet. The client should come back shortly (503), not see a 500.
     */
    public static boolean isProcedureNotFound(ClientException e) {
        return Neo4jCodes.is(e, Neo4jCodes.PROCEDURE_NOT_FOUND);
    }

    /** A read or write past its time bound (the graph queries' bound on cost). */
    public static boolean isTimedOut(ClientException e) {
        return e.code() != null && Neo4jCodes.TRANSACTION_TIMED_OUT.contains(e.code());
    }

    /**
     * A statement calls one of Liaison's degree functions and the server does not have it: as with
     * {@link #isProcedureNotFound}, the window of a restart before they are registered.
     */
    public static boolean isDegreeFunctionMissing(ClientException e) {
        return e.code() != null && e.code().endsWith("Statement.SyntaxError") && e.getMessage() != null
                && e.getMessage().contains("Unknown function '" + Degrees.OUT.substring(0, Degrees.OUT.lastIndexOf('.') + 1));
    }

    /**
     * No connection within quarkus.neo4j.pool.connection-acquisition-timeout: a server that does not
     * answer at all, or a pool exhausted by overload. Either way the client should come back later
     * (503), and the driver reports it as a client error without a code.
     */
    public static boolean isNoConnectionInTime(ClientException e) {
        return e.getMessage() != null && e.getMessage().startsWith("Unable to acquire connection from the pool");
    }
}
