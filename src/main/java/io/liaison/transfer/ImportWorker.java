package io.liaison.transfer;

import io.liaison.bulk.Bulk;
import io.liaison.bulk.ItemStatus;
import io.liaison.neo4j.CooperativeStop;
import io.liaison.neo4j.DatabaseReadiness;
import io.liaison.neo4j.GraphDatabase;
import jakarta.annotation.Priority;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.neo4j.driver.TransactionContext;

/**
 * Runs import jobs in the background on one thread per process (the machine's cores serve requests
 * too), batch by batch, the locations with jobs taking turns a batch each (see {@link #loop}). Each batch is written in few transactions by its handler, then the job's
 * counters and line errors are recorded. While this process holds a job it reports on it; a job
 * nobody reports on (the process stopped) is marked FAILED with what is known, never left RUNNING.
 *
 * <p>A stop of the service ends the job between two batches and puts it back in the queue with its
 * counters; the next start of this instance (which holds its file) goes on from the first line not
 * recorded as processed. Batches are sized by time ({@link #BATCH_TIME}), not only by lines, so that
 * the batch in progress ends within the stop's budget however loaded the machine is.
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
    /**
     * How long one batch should take to write: the next batch's line count follows the last one's rate.
     * Well within {@link CooperativeStop#BACKGROUND_BUDGET}, so a stop rarely waits for more than one
     * batch; long enough that the per-batch bookkeeping (one more transaction) stays a small share.
     */
    static final Duration BATCH_TIME = Duration.ofMillis(300);
    static final int FIRST_BATCH_LINES = 100;
    static final int MIN_BATCH_LINES = 10;

    private final ImportConfig config;
    private final GraphDatabase db;
    private final ImportJobRepository jobs;
    private final Instance<ImportHandler> handlers;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "liaison-import");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    /** Locations with queued jobs, in turn order (the next in line first), each with its jobs in order. */
    private final LinkedHashMap<String, ArrayDeque<String>> turns = new LinkedHashMap<>();
    /** Whether the worker's loop runs; guarded by {@link #turns}. */
    private boolean looping;
    /** Set by the stop: a job stops between two batches, and queued jobs do not start. */
    private volatile boolean stopping;

    public ImportWorker(ImportConfig config, GraphDatabase db, ImportJobRepository jobs, Instance<ImportHandler> handlers) {
        this.config = config;
        this.db = db;
        this.jobs = jobs;
        this.handlers = handlers;
    }

    /**
     * The batch in progress finishes its transaction and the job is marked as stopped; the worker is
     * never interrupted, since an interrupt inside an in-process commit panics the database. Jobs
     * still queued stay as they are and are failed as abandoned later, like those of a crash.
     */
    void signalStop(@Observes @Priority(CooperativeStop.SIGNAL) ShutdownEvent event) {
        synchronized (turns) {
            stopping = true;
            turns.notifyAll();
        }
        CooperativeStop.signal(executor);
    }

    void stop(@Observes ShutdownEvent event) {
        signalStop(event);
        CooperativeStop.stop(executor, Duration.ofSeconds(30), "The CSV import in progress");
    }

    /**
     * Jobs of this instance that a stop put back in the queue (or that were queued when it stopped)
     * go on: their files are in this instance's import folder. A job whose file is elsewhere belongs
     * to another instance sharing the database, and is left to it.
     */
    void resumeQueued(@Observes DatabaseReadiness.SchemaApplied applied) {
        try {
            List<ImportJobRepository.Queued> queued = db.read(jobs::queued);
            List<String> resumed = new ArrayList<>();
            for (ImportJobRepository.Queued job : queued) {
                if (Files.isRegularFile(Path.of(job.file())) && !held.contains(job.id())) {
                    resumed.add(job.id());
                }
            }
            if (!resumed.isEmpty()) {
                write(tx -> jobs.touch(tx, resumed));
                LOG.infof("Resuming %d queued import job(s): %s", resumed.size(), resumed);
                queued.stream().filter(job -> resumed.contains(job.id())).forEach(job -> submit(job.locationId(), job.id()));
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not resume the queued import jobs: %s", e.getMessage());
        }
    }

    @Scheduled(every = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = io.liaison.neo4j.UntilInService.class)
    void reportHeldJobs() {
        if (!held.isEmpty()) {
            try {
                write(tx -> jobs.touch(tx, held));
            } catch (RuntimeException e) {
                LOG.warnf("Could not report on import jobs: %s", e.getMessage());
            }
        }
    }

    // Delayed: the scheduler starts before the embedded database, and a first run at once would only
    // fail and log the driver's retry warnings on every start.
    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = io.liaison.neo4j.UntilInService.class)
    void failAbandonedJobs() {
        try {
            failAbandonedJobs(io.liaison.neo4j.Timestamps.now().minus(config.staleAfter()));
        } catch (RuntimeException e) {
            LOG.warnf("Could not check for abandoned import jobs: %s", e.getMessage());
        }
    }

    /** Marks failed the jobs not reported on since {@code staleBefore}, and deletes their files. */
    public int failAbandonedJobs(java.time.ZonedDateTime staleBefore) {
        List<String> files = db.write(tx -> jobs.failAbandoned(tx, staleBefore));
        files.forEach(file -> ImportService.deleteQuietly(Path.of(file)));
        return files.size();
    }

    /** Queues a job of {@code locationId}; its location takes its turn with the others, a batch each. */
    void submit(String locationId, String jobId) {
        held.add(jobId);
        synchronized (turns) {
            turns.computeIfAbsent(locationId, l -> new ArrayDeque<>()).add(jobId);
            turns.notifyAll();
            if (!looping) {
                looping = true;
                executor.execute(this::loop);
            }
        }
    }

    /**
     * One batch per turn, locations in turn: a location with a 5,000-line file and one with a 1-line
     * file alternate batches, so the small import waits for one batch, not for the whole large one.
     * Within a location, its jobs run in the order they were queued.
     */
    private void loop() {
        Map<String, Running> inProgress = new HashMap<>();
        try {
            while (true) {
                String location;
                String jobId;
                synchronized (turns) {
                    while (turns.isEmpty() && !stopping) {
                        try {
                            turns.wait();
                        } catch (InterruptedException e) {
                            // Never interrupted by the stop (see CooperativeStop); an interrupt ends the loop as a stop would.
                            Thread.currentThread().interrupt();
                            stopping = true;
                        }
                    }
                    if (stopping) {
                        return;
                    }
                    location = turns.keySet().iterator().next();
                    jobId = turns.get(location).peek();
                }
                boolean jobEnded = turn(inProgress, location, jobId);
                synchronized (turns) {
                    ArrayDeque<String> queue = turns.remove(location);
                    if (jobEnded) {
                        queue.poll();
                    }
                    if (!queue.isEmpty()) {
                        turns.put(location, queue); // to the back of the line
                    }
                }
            }
        } finally {
            // Between two batches: the counters are exact, and the next start goes on after them.
            inProgress.values().forEach(this::requeue);
            synchronized (turns) {
                looping = false;
            }
        }
    }

    /** The job's next batch (starting the job first if need be); answers whether the job has ended. */
    private boolean turn(Map<String, Running> inProgress, String location, String jobId) {
        Running job = inProgress.get(location);
        try {
            if (job == null) {
                var started = db.write(tx -> jobs.start(tx, jobId));
                if (started.isEmpty()) {
                    held.remove(jobId); // finished, failed or taken by another instance meanwhile
                    return true;
                }
                job = new Running(started.get().job(), Path.of(started.get().file()));
                inProgress.put(location, job);
            }
            if (job.nextBatch()) {
                return false;
            }
            job.close();
            write(tx -> jobs.finish(tx, jobId, null, null));
            ImportService.deleteQuietly(job.file);
        } catch (IOException | RuntimeException e) {
            if (job != null) {
                job.close();
            }
            if (stopping) {
                // The database's own shutdown ended the batch's transaction (rolled back, never interrupted); the job
                // stays RUNNING, and is marked failed with its counters once nobody reports on it.
                LOG.infof("Import job %s ended by the stop inside a batch: %s", jobId, e.getMessage());
                inProgress.remove(location);
                held.remove(jobId);
                return true;
            }
            LOG.warnf(e, "Import job %s stopped", jobId);
            try {
                write(tx -> jobs.finish(tx, jobId, ImportJob.Status.FAILED, "The import stopped: " + reason(e) + "; the counters tell how far it got"));
            } catch (RuntimeException unrecorded) {
                LOG.errorf(unrecorded, "Import job %s could not be marked failed", jobId);
            }
            if (job != null) {
                ImportService.deleteQuietly(job.file);
            }
        }
        inProgress.remove(location);
        held.remove(jobId);
        return true;
    }

    private void requeue(Running job) {
        job.close();
        try {
            write(tx -> jobs.requeue(tx, job.job.id()));
            LOG.infof("Import job %s stopped with the service after %d lines; it goes on at the next start", job.job.id(),
                    db.read(tx -> jobs.processed(tx, job.job.id())));
        } catch (RuntimeException e) {
            LOG.warnf("Import job %s could not be queued again (%s); it is marked failed once nobody reports on it", job.job.id(),
                    e.getMessage());
        }
        held.remove(job.job.id());
    }

    /** A job in progress: its open file, and where it is in it. */
    private final class Running {
        final ImportJob job;
        final Path file;
        final ImportHandler handler;
        final CsvReader reader;
        final List<String> header;
        final BatchSize size = new BatchSize(Math.min(config.batchSize(), Bulk.MAX_ITEMS));

        /** Opens the file after the lines the job already records as processed (a job resumed after a stop). */
        Running(ImportJob job, Path file) throws IOException {
            this.job = job;
            this.file = file;
            this.handler = handlers.stream().filter(h -> h.type().equals(job.type())).findFirst().orElseThrow();
            this.reader = new CsvReader(Files.newInputStream(file), ImportService.MAX_LINE_BYTES, ImportService.MAX_FIELDS);
            try {
                this.header = ImportService.header(reader.next().orElseThrow());
                for (long skipped = 0; skipped < job.processed() && reader.next().isPresent(); skipped++) {
                    // Recorded by an earlier run of the job.
                }
            } catch (IOException | RuntimeException e) {
                reader.close();
                throw e;
            }
        }

        /** Imports the next batch; answers whether lines may remain. */
        boolean nextBatch() throws IOException {
            List<CsvReader.Row> batch = new ArrayList<>();
            long batchStart = reader.bytesRead();
            boolean more = true;
            while (batch.size() < size.lines() && reader.bytesRead() - batchStart < MAX_BATCH_BYTES) {
                var row = reader.next();
                if (row.isEmpty()) {
                    more = false;
                    break;
                }
                batch.add(row.get());
            }
            if (!batch.isEmpty()) {
                long began = System.nanoTime();
                importBatch(job, handler, header, batch);
                size.took(batch.size(), Duration.ofNanos(System.nanoTime() - began));
            }
            return more;
        }

        void close() {
            try {
                reader.close();
            } catch (IOException e) {
                LOG.debugf("Closing %s: %s", file, e.getMessage());
            }
        }
    }

    /** The lines of the next batch: as many as the last batches' rate writes in {@link #BATCH_TIME}, within bounds. */
    static final class BatchSize {
        private final int max;
        private int lines;

        BatchSize(int max) {
            this.max = max;
            this.lines = Math.min(FIRST_BATCH_LINES, max);
        }

        int lines() {
            return lines;
        }

        void took(int batchLines, Duration took) {
            double perLine = (double) Math.max(1, took.toNanos()) / batchLines;
            long fit = (long) (BATCH_TIME.toNanos() / perLine);
            // At most doubling per batch: one fast batch (all lines invalid, say) does not make the next one huge.
            lines = (int) Math.max(Math.min(MIN_BATCH_LINES, max), Math.min(Math.min(fit, 2L * lines), max));
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
        long createdNow = created;
        long updatedNow = updated;
        write(tx -> jobs.recordProgress(tx, job.id(), rows.size(), createdNow, updatedNow, errors.size(), errors, config.maxErrors()));
        return errors.size();
    }

    private static String message(Object message) {
        return message instanceof List<?> problems ? String.join("; ", problems.stream().map(Object::toString).toList())
                : String.valueOf(message);
    }

    /** One job step, one write transaction of its own (a batch's lines are the handler's transaction, not this one). */
    private void write(Consumer<TransactionContext> step) {
        db.write(tx -> {
            step.accept(tx);
            return null;
        });
    }

    private static String reason(Exception e) {
        return e instanceof IOException ? "the uploaded file could not be read" : "the database refused a batch (" + e.getClass().getSimpleName() + ")";
    }
}
