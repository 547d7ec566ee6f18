package io.liaison.neo4j;

import java.util.Set;
import org.neo4j.driver.exceptions.Neo4jException;
import org.neo4j.kernel.api.exceptions.Status;

/**
 * The Neo4j status codes Liaison reacts to, named once and taken from Neo4j's own {@link Status} (so a
 * typo cannot compile), compared whole with {@code equals}. The same codes arrive over Bolt and from the
 * in-process transaction ({@link InProcessErrors}). Model: neo4j-migrations' Neo4jCodes.
 */
final class Neo4jCodes {

    public static final String CONSTRAINT_VALIDATION_FAILED = Status.Schema.ConstraintValidationFailed.code().serialize();
    public static final String EQUIVALENT_SCHEMA_RULE_ALREADY_EXISTS = Status.Schema.EquivalentSchemaRuleAlreadyExists.code().serialize();
    public static final String PROCEDURE_NOT_FOUND = Status.Procedure.ProcedureNotFound.code().serialize();
    /** A transaction past its time bound: the server's own, or the one the client configured. */
    public static final Set<String> TRANSACTION_TIMED_OUT = Set.of(Status.Transaction.TransactionTimedOut.code().serialize(),
            Status.Transaction.TransactionTimedOutClientConfiguration.code().serialize());
    /** The category of a transaction that lost to a concurrent one; running it again succeeds. */
    public static final String TRANSIENT_TRANSACTION_PREFIX = "Neo.TransientError.Transaction.";
    public static final String CLIENT_ERROR_PREFIX = "Neo.ClientError.";
    public static final String TRANSIENT_ERROR_PREFIX = "Neo.TransientError.";

    private Neo4jCodes() {
    }

    /** Whether the failure carries exactly this code. */
    public static boolean is(Neo4jException e, String code) {
        return code.equals(e.code());
    }
}
