package io.liaison.neo4j;

import io.liaison.error.ErrorMappers;
import io.liaison.error.Errors;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.neo4j.driver.exceptions.ClientException;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.neo4j.driver.exceptions.TransientException;

/**
 * The database's failures as answers, in the one error shape ({@link ErrorMappers}): a database gone or
 * restarting is 503 with Retry-After, a read past its time bound 422. Here rather than in error/, because
 * they act on the database's state (the outage mode of {@link DatabaseReadiness}, the APOC probe of
 * {@link Locks}), and error/ depends on no feature.
 */
public class DatabaseErrorMappers {

    private static final Logger LOG = Logger.getLogger(DatabaseErrorMappers.class);

    private final DatabaseReadiness readiness;
    private final Locks locks;

    public DatabaseErrorMappers(DatabaseReadiness readiness, Locks locks) {
        this.readiness = readiness;
        this.locks = locks;
    }

    /** The server is gone: later requests are answered 503 at once until it is back. */
    @ServerExceptionMapper
    public Response databaseUnavailable(ServiceUnavailableException e) {
        readiness.reportOutage(e.getMessage());
        return unavailable(e);
    }

    @ServerExceptionMapper
    public Response sessionExpired(SessionExpiredException e) {
        readiness.reportOutage(e.getMessage());
        return unavailable(e);
    }

    @ServerExceptionMapper
    public Response transientFailure(TransientException e) {
        return unavailable(e);
    }

    /**
     * A read past its timeout (the graph queries' bound on cost) is 422; no connection in time, or a
     * procedure or function not registered yet (a restarting server), is 503; other client errors are
     * ours, hence 500.
     */
    @ServerExceptionMapper
    public Response neo4jClientError(ClientException e) {
        if (Neo4jErrors.isNoConnectionInTime(e)) {
            return unavailable(e);
        }
        if (Neo4jErrors.isProcedureNotFound(e) || Neo4jErrors.isDegreeFunctionMissing(e)) {
            // A server restarting answers on Bolt before its plugins are registered: come back shortly, and
            // ask the server again whether they are there.
            locks.forgetApoc();
            Degrees.reportMissing();
            return unavailable(e);
        }
        if (Neo4jErrors.isTimedOut(e)) {
            return ErrorMappers.respond(422, List.of("The query ran past its time bound; narrow it (a lower depth or maxDepth, or associationIds)"),
                    "QUERY_TOO_EXPENSIVE", null, null);
        }
        return ErrorMappers.unexpectedFailure(e);
    }

    private static Response unavailable(RuntimeException e) {
        LOG.warn("Neo4j is unavailable: " + e.getMessage());
        return ErrorMappers.answer(new Errors.DatabaseUnavailable("The graph database is unavailable; retry shortly"));
    }
}
