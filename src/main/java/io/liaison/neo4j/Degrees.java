package io.liaison.neo4j;

import static org.neo4j.internal.kernel.api.procs.Neo4jTypes.NTInteger;
import static org.neo4j.internal.kernel.api.procs.Neo4jTypes.NTNode;
import static org.neo4j.internal.kernel.api.procs.Neo4jTypes.NTString;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.Direction;
import org.neo4j.token.api.TokenConstants;
import org.neo4j.internal.kernel.api.exceptions.ProcedureException;
import org.neo4j.internal.kernel.api.helpers.Nodes;
import org.neo4j.internal.kernel.api.procs.QualifiedName;
import org.neo4j.internal.kernel.api.procs.UserFunctionSignature;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.kernel.api.procedure.CallableUserFunction;
import org.neo4j.kernel.api.procedure.Context;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.values.AnyValue;
import org.neo4j.values.storable.TextValue;
import org.neo4j.values.storable.Values;
import org.neo4j.values.virtual.VirtualNodeValue;

/**
 * A node's number of relationships of one type in one direction, from Neo4j's own degree counts, for
 * Cypher: {@code liaison.degree.out(node, $type)} and {@code liaison.degree.in(node, $type)}.
 *
 * <p>Neo4j 5.26 answers {@code COUNT { (n)-[:KNOWS]->() }} from the node's degree counts (a dense
 * node keeps one per type and direction), but not the dynamic form {@code COUNT { (n)-[:$($type)]->() }}
 * that Liaison must use, since a label's type is never written into a statement: that one expands every
 * relationship of the node and filters by type, so it costs the node's degree (measured: 20,205 db hits
 * at 10,000 links, against 3 for the static form). These functions make the same lookup the static form
 * plans, with the type as a value, through the kernel's node cursor, so they see what the calling
 * transaction has written, as Cypher does.
 *
 * <p>Registered as function objects ({@link GlobalProcedures#register(CallableUserFunction)}), not as an
 * annotated class: Neo4j compiles an annotated class into bytecode that must load it by name from
 * Neo4j's own class loader, which under Quarkus' test and dev class loaders cannot see application
 * classes. The embedded DBMS registers them with APOC's locks ({@link EmbeddedNeo4j#registerSharedLocks});
 * a server without them gets the Cypher form (see {@code association.LinkDegrees}).
 */
public final class Degrees {

    public static final String OUT = "liaison.degree.out";
    public static final String IN = "liaison.degree.in";
    /** Statements that found the functions missing, in this process: whoever learnt they were there asks again. */
    private static final java.util.concurrent.atomic.AtomicLong REPORTED_MISSING = new java.util.concurrent.atomic.AtomicLong();

    private static final String OFFERED = """
            SHOW FUNCTIONS YIELD name WHERE name IN $names RETURN count(name) AS found""";

    /** Whether the server offers both functions (an external server may not): one SHOW FUNCTIONS. */
    public static boolean offeredBy(org.neo4j.driver.SimpleQueryRunner tx) {
        return tx.run(OFFERED, org.neo4j.driver.Values.parameters("names", java.util.List.of(OUT, IN))).single()
                .get("found").asLong() == 2;
    }

    private Degrees() {
    }

    /**
     * A statement found the functions missing: a server restarting answers on Bolt before they are
     * registered (or they were removed). Every cached "they are there" is asked again.
     */
    public static void reportMissing() {
        REPORTED_MISSING.incrementAndGet();
    }

    /** How many times {@link #reportMissing} was called: an answer probed before a later report is stale. */
    public static long reportedMissing() {
        return REPORTED_MISSING.get();
    }

    /** Registers both functions with this DBMS; once per DBMS. */
    public static void register(DatabaseManagementService dbms) {
        var api = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        var procedures = api.getDependencyResolver().resolveDependency(GlobalProcedures.class);
        try {
            procedures.register(new Degree("out", Direction.OUTGOING));
            procedures.register(new Degree("in", Direction.INCOMING));
        } catch (ProcedureException e) {
            throw new IllegalStateException("Could not register Liaison's degree functions", e);
        }
    }

    private static final class Degree extends CallableUserFunction.BasicUserFunction {
        private final Direction direction;

        Degree(String name, Direction direction) {
            super(UserFunctionSignature.functionSignature(new QualifiedName(new String[] { "liaison", "degree" }, name))
                    .in("node", NTNode).in("type", NTString).out(NTInteger)
                    .description("The node's " + direction.name().toLowerCase(java.util.Locale.ROOT)
                            + " relationships of this type, from its degree counts; 0 for a null node")
                    .threadSafe().build());
            this.direction = direction;
        }

        @Override
        public AnyValue apply(Context context, AnyValue[] input) throws ProcedureException {
            if (!(input[0] instanceof VirtualNodeValue node) || !(input[1] instanceof TextValue type)) {
                return Values.longValue(0);
            }
            KernelTransaction ktx = context.kernelTransaction();
            int typeId = ktx.tokenRead().relationshipType(type.stringValue());
            if (typeId == TokenConstants.NO_TOKEN) {
                return Values.longValue(0);
            }
            var cursor = ktx.ambientNodeCursor();
            ktx.dataRead().singleNode(node.id(), cursor);
            if (!cursor.next()) {
                return Values.longValue(0);
            }
            return Values.longValue(Nodes.count(cursor, typeId, direction));
        }
    }
}
