package io.liaison.transfer;

import io.liaison.bulk.Bulk;
import io.liaison.bulk.ItemStatus;
import io.liaison.neo4j.CooperativeStop;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Runs import jobs in the background, one at a time per process (the machine's cores serve requests
 * too), batch by batch. Each batch is written in few transactions by its handler, then the job's
 * counters and line errors are recorded. While this process holds a job it reports on it; a job
 * nobody reports on (the process stopped) is marked FAILED with what is known, never left RUNNING.
 */
@ApplicationScoped
public class ImportWorker {

    private static final Logger LOG = Logger.getLogger(ImportWorker.class);
    /**
     * A batch also ends once its lines reach this size: a batch of long lines (up to
     * {@link ImportService#MAX_LINE_BYTES} each) is held two or three times over while it is judged
     * (cells, requests), and this keeps that to a few MiB whatever the file holds.
     */
    static final long MAX_BATCH_BYTES = 4L * 1024 * 1024;

    private final ImportConfig config;
    private final ImportJobRepository jobs;
    private final Instance<ImportHandler> handlers;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "liaison-import");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    /** Set by the stop: a job stops between two batches, and queued jobs do not start. */
    private volatile boolean stopping;

    /** Thrown between two batches when the service stops. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("the service stopped", null, false, false);
        }
    }

    public ImportWorker(ImportConfig config, ImportJobRepository jobs, Instance<ImportHandler> handlers) {
        this.config = config;
        this.jobs = jobs;
        this.handlers = handlers;
    }

    void submit(String jobId) {
        held.add(jobId);
        executor.submit(() -> run(jobId));
    }

    /**
     * The batch in progress finishes its transaction and the job is marked as stopped; the worker is
     * never interrupted, since an interrupt inside an in-process commit panics the database. Jobs
     * still queued stay as they are and are failed as abandoned later, like those of a crash.
     */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        CooperativeStop.stop(executor, Duration.ofSeconds(30), "The CSV import in progress");
    }

    @Scheduled(every = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reportHeldJobs() {
        if (!held.isEmpty()) {
            try {
                jobs.touch(held);
            } catch (RuntimeException e) {
                LOG.warnf("Could not report on import jobs: %s", e.getMessage());
            }
        }
    }

    // Delayed: the scheduler starts before the embedded database, and a first run at once would only
    // fail and log the driver's retry warnings on every start.
    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void failAbandonedJobs() {
        try {
            failAbandonedJobs(io.liaison.neo4j.Timestamps.now().minus(config.staleAfter()));
        } catch (RuntimeException e) {
            LOG.warnf("Could not check for abandoned import jobs: %s", e.getMessage());
        }
    }

    /** Marks failed the jobs not reported on since {@code staleBefore}, and deletes their files. */
    public int failAbandonedJobs(java.time.ZonedDateTime staleBefore) {
        List<String> files = jobs.failAbandoned(staleBefore);
        files.forEach(file -> ImportService.deleteQuietly(Path.of(file)));
        return files.size();
    }

    private void run(String jobId) {
        if (stopping) {
            return;
        }
        try {
            jobs.start(jobId).ifPresent(started -> {
                Path file = Path.of(started.file());
                try {
                    long failedLines = importFile(started.job(), file);
                    jobs.finish(jobId, ImportJob.Status.completed(failedLines), null);
                } catch (Stopped e) {
                    LOG.infof("Import job %s stopped with the service", jobId);
                    jobs.finish(jobId, ImportJob.Status.FAILED, "The service stopped during the import; the counters tell "
                            + "how far it got, and the lines after that were not imported");
                } catch (IOException | RuntimeException e) {
                    LOG.warnf(e, "Import job %s stopped", jobId);
                    jobs.finish(jobId, ImportJob.Status.FAILED, "The import stopped: " + reason(e)
                            + "; the counters tell how far it got");
                } finally {
                    ImportService.deleteQuietly(file);
                }
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "Import job %s could not be started or finished", jobId);
        } finally {
            held.remove(jobId);
        }
    }

    /** Imports every line; answers how many failed. */
    private long importFile(ImportJob job, Path file) throws IOException {
        ImportHandler handler = handlers.stream().filter(h -> h.type().equals(job.type())).findFirst().orElseThrow();
        try (CsvReader reader = new CsvReader(Files.newInputStream(file), ImportService.MAX_LINE_BYTES, ImportService.MAX_FIELDS)) {
            List<String> header = ImportService.header(reader.next().orElseThrow());
            List<CsvReader.Row> batch = new ArrayList<>();
            long failed = 0;
            long batchStart = reader.bytesRead();
            for (var row = reader.next(); row.isPresent(); row = reader.next()) {
                if (stopping) {
                    throw new Stopped();
                }
                batch.add(row.get());
                if (batch.size() >= Math.min(config.batchSize(), Bulk.MAX_ITEMS) || reader.bytesRead() - batchStart >= MAX_BATCH_BYTES) {
                    failed += importBatch(job, handler, header, batch);
                    batch.clear();
                    batchStart = reader.bytesRead();
                }
            }
            if (!batch.isEmpty()) {
                failed += importBatch(job, handler, header, batch);
            }
            return failed;
        }
    }

    /** Imports one batch of lines and records its progress; answers how many of its lines failed. */
    private int importBatch(ImportJob job, ImportHandler handler, List<String> header, List<CsvReader.Row> rows) {
        List<ImportJob.LineError> errors = new ArrayList<>();
        List<Map<String, String>> lines = new ArrayList<>();
        List<Long> lineNumbers = new ArrayList<>();
        for (CsvReader.Row row : rows) {
            if (row.malformed()) {
                errors.add(new ImportJob.LineError(row.line(), "MALFORMED_CSV", row.problem()));
            } else if (row.cells().size() != header.size()) {
                errors.add(new ImportJob.LineError(row.line(), "MALFORMED_CSV", "the line has " + row.cells().size()
                        + " fields, the header " + header.size()));
            } else {
                Map<String, String> cells = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    cells.put(header.get(i), CsvWriter.unguarded(row.cells().get(i)));
                }
                lines.add(cells);
                lineNumbers.add(row.line());
            }
        }
        long created = 0;
        long updated = 0;
        if (!lines.isEmpty()) {
            List<ImportHandler.LineOutcome> outcomes = handler.importBatch(job.locationId(), lines);
            for (int i = 0; i < outcomes.size(); i++) {
                ImportHandler.LineOutcome outcome = outcomes.get(i);
                if (outcome.status() == ItemStatus.CREATED) {
                    created++;
                } else if (outcome.status() == ItemStatus.UPDATED) {
                    updated++;
                } else {
                    errors.add(new ImportJob.LineError(lineNumbers.get(i), outcome.error().code(), message(outcome.error().message())));
                }
            }
        }
        errors.sort(java.util.Comparator.comparingLong(ImportJob.LineError::line));
        jobs.recordProgress(job.id(), rows.size(), created, updated, errors.size(), errors, config.maxErrors());
        return errors.size();
    }

    private static String message(Object message) {
        return message instanceof List<?> problems ? String.join("; ", problems.stream().map(Object::toString).toList())
                : String.valueOf(message);
    }

    private static String reason(Exception e) {
        return e instanceof IOException ? "the uploaded file could not be read" : "the database refused a batch (" + e.getClass().getSimpleName() + ")";
    }
}
