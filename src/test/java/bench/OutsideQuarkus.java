package bench;

import io.smallrye.faulttolerance.standalone.StandaloneFaultTolerance;

/**
 * The {@code main} of a tool that makes its own {@link io.liaison.neo4j.GraphDatabase}, outside Quarkus:
 * its conflict retry starts SmallRye Fault Tolerance's standalone timer, whose thread is not a daemon and
 * would keep the JVM alive after the tool ends, so it is shut down here.
 */
public final class OutsideQuarkus {

    /** A tool's work. */
    @FunctionalInterface
    public interface Tool {
        void run(String[] args) throws Exception;
    }

    private OutsideQuarkus() {
    }

    public static void main(String[] args, Tool tool) throws Exception {
        try {
            tool.run(args);
        } finally {
            StandaloneFaultTolerance.shutdown();
        }
    }
}
