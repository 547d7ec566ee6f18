package io.liaison.neo4j;

import java.lang.management.ManagementFactory;
import org.jboss.logging.Logger;

/**
 * Where a start's time goes (issue 22: start to ready on a fresh store). Each step of the start logs
 * one line with its wall time, the CPU time the whole process spent during it (all threads: a step
 * that waits shows little CPU, one starved by a loaded machine shows wall far above CPU), the time
 * since the JVM started, and the load average. bench/start-time.sh collects these lines.
 */
public final class StartClock {

    private static final Logger LOG = Logger.getLogger(StartClock.class);
    private static final java.lang.management.OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();
    private static final long JVM_STARTED_MILLIS = ManagementFactory.getRuntimeMXBean().getStartTime();

    private static long lastWallMillis = JVM_STARTED_MILLIS;
    private static long lastCpuNanos = 0;

    private StartClock() {
    }

    /** Logs the step that ends now, measured from the end of the previous one (the first from the JVM's start). */
    public static synchronized void stepDone(String step) {
        long wall = System.currentTimeMillis();
        long cpu = processCpuNanos();
        LOG.infof("Start step \"%s\": %d ms, process CPU %d ms; %d ms since the JVM started, CPU %d ms in all; load average %.1f",
                step, wall - lastWallMillis, (cpu - lastCpuNanos) / 1_000_000, wall - JVM_STARTED_MILLIS, cpu / 1_000_000,
                OS.getSystemLoadAverage());
        lastWallMillis = wall;
        lastCpuNanos = cpu;
    }

    private static long processCpuNanos() {
        return OS instanceof com.sun.management.OperatingSystemMXBean sun ? Math.max(0, sun.getProcessCpuTime()) : 0;
    }
}
