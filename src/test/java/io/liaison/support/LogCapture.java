package io.liaison.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * The MDC of every log record of the service (this JVM) while something runs, with the one line
 * per request of io.liaison.ops.RequestContext switched on (DEBUG) meanwhile.
 */
public final class LogCapture extends Handler {

    private final List<Map<String, String>> mdcs = new CopyOnWriteArrayList<>();

    private LogCapture() {
    }

    /** Runs the action with a handler on the root logger; the MDC of each record logged meanwhile. */
    public static List<Map<String, String>> mdcsDuring(Runnable action) {
        Logger root = Logger.getLogger("");
        Logger requests = Logger.getLogger("io.liaison.ops.RequestContext");
        Level before = requests.getLevel();
        LogCapture capture = new LogCapture();
        root.addHandler(capture);
        requests.setLevel(Level.FINE);
        try {
            action.run();
        } finally {
            root.removeHandler(capture);
            requests.setLevel(before);
        }
        return List.copyOf(capture.mdcs);
    }

    /** The records whose MDC has this request id; fails with what was logged when none has. */
    public static List<Map<String, String>> ofRequest(List<Map<String, String>> mdcs, String requestId) {
        List<Map<String, String>> matching = mdcs.stream().filter(mdc -> requestId.equals(mdc.get("requestId"))).toList();
        if (matching.isEmpty()) {
            throw new AssertionError("no line logged during the request carried its id " + requestId + "; logged: " + mdcs);
        }
        return matching;
    }

    @Override
    public void publish(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            ext.copyMdc();
            mdcs.add(ext.getMdcCopy());
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
