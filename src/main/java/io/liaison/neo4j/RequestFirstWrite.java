package io.liaison.neo4j;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.RequestScoped;
import org.neo4j.driver.TransactionContext;

/**
 * Work a request wants committed together with its own first write: run by {@link GraphDatabase#write}
 * at the end of the request's first write transaction that commits, inside it, so it commits if and
 * only if that write does. The idempotency filter marks its key "written" this way: a crash after the
 * write can no longer leave a key that a retry takes for never having run.
 *
 * <p>Request-scoped: writes outside a request (background work) never see it, and the work runs once.
 */
@RequestScoped
@Unremovable // also looked up by GraphDatabase, which runs outside CDI too
public class RequestFirstWrite {

    /** Statements to run in a transaction; they must not fail for a reason of their own (a MATCH and SET). */
    @FunctionalInterface
    public interface Statements {
        void run(TransactionContext tx);
    }

    private Statements pending;

    /** {@code statements} will run in, and commit with, this request's next write transaction. */
    public void commitWithNextWrite(Statements statements) {
        this.pending = statements;
    }

    /** Nothing more is to run with a write (the request is answered). */
    public void forget() {
        this.pending = null;
    }

    Statements pending() {
        return pending;
    }

    void committed(Statements statements) {
        if (pending == statements) {
            pending = null;
        }
    }

    /** The current request's instance, or null outside a request (or outside CDI: tools, plain tests). */
    static RequestFirstWrite ofCurrentRequest() {
        ArcContainer container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return null;
        }
        return container.instance(RequestFirstWrite.class).get();
    }
}
