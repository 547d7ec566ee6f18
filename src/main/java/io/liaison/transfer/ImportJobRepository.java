package io.liaison.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liaison.neo4j.Locks;
import io.liaison.neo4j.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.neo4j.driver.Values;
import org.neo4j.driver.types.Node;

/**
 * The Cypher of import jobs: one (:ImportJob) node per upload, its counters and first line errors. Each method
 * runs one statement in the transaction its caller ({@link ImportService}, {@link ImportWorker}) opened.
 */
@ApplicationScoped
class ImportJobRepository {

    private static final String CREATE_JOB = """
            CREATE (j:ImportJob {id: $id, locationId: $locationId, type: $type, status: 'QUEUED', file: $file,
                                 processed: 0, created: 0, updated: 0, failed: 0, errors: [], errorsTruncated: false,
                                 createdAt: $now, heartbeatAt: $now})
            RETURN j""";
    private static final String JOB_BY_ID = """
            MATCH (j:ImportJob {id: $id}) WHERE j.locationId = $locationId RETURN j""";
    /** Of two workers that might pick a job, the status check under the job's lock ({@link Locks#exclusively}) lets one start it. */
    private static final String JOB = "MATCH (n:ImportJob {id: $id})";
    private static final String START_IF_QUEUED = """
            MATCH (j:ImportJob {id: $id}) WHERE j.status = 'QUEUED'
            SET j.status = 'RUNNING', j.startedAt = $now, j.heartbeatAt = $now
            RETURN j""";
    private static final String RECORD_PROGRESS = """
            MATCH (j:ImportJob {id: $id})
            SET j.processed = j.processed + $processed, j.created = j.created + $created, j.updated = j.updated + $updated,
                j.failed = j.failed + $failed, j.heartbeatAt = $now,
                j.errorsTruncated = j.errorsTruncated OR size(j.errors) + size($errors) > $maxErrors,
                j.errors = (j.errors + $errors)[0..$maxErrors]""";
    /** Without a status: every line was tried, and the counters (of every run of the job) tell how it went. */
    private static final String FINISH_JOB = """
            MATCH (j:ImportJob {id: $id}) WHERE j.status IN ['QUEUED', 'RUNNING']
            SET j.status = coalesce($status, CASE WHEN j.failed = 0 THEN 'SUCCEEDED' ELSE 'COMPLETED_WITH_ERRORS' END),
                j.failure = $failure, j.finishedAt = $now, j.heartbeatAt = $now""";
    /** A job the stop ended between two batches: queued again, its counters kept, to go on after them. */
    private static final String REQUEUE_JOB = """
            MATCH (j:ImportJob {id: $id}) WHERE j.status = 'RUNNING'
            SET j.status = 'QUEUED', j.heartbeatAt = $now, j.resumes = coalesce(j.resumes, 0) + 1""";
    private static final String PROCESSED = """
            MATCH (j:ImportJob {id: $id}) RETURN j.processed AS processed""";
    private static final String QUEUED_JOBS = """
            MATCH (j:ImportJob) WHERE j.status = 'QUEUED'
            RETURN j.id AS id, j.locationId AS locationId, j.file AS file ORDER BY j.createdAt""";
    private static final String TOUCH_JOBS = """
            MATCH (j:ImportJob) WHERE j.id IN $ids AND j.status IN ['QUEUED', 'RUNNING']
            SET j.heartbeatAt = $now""";
    private static final String FAIL_ABANDONED_JOBS = """
            MATCH (j:ImportJob) WHERE j.status IN ['QUEUED', 'RUNNING'] AND j.heartbeatAt < $staleBefore
            SET j.status = 'FAILED', j.finishedAt = $now,
                j.failure = CASE j.status WHEN 'QUEUED'
                  THEN 'The service stopped before this job started; nothing was imported. Upload the file again.'
                  ELSE 'The service stopped while this job ran, after ' + j.processed + ' lines were recorded as processed; '
                       + 'the lines of the batch being written then may or may not have been imported, later lines were not. '
                       + 'Import the lines after line ' + (j.processed + 1) + ' again.' END
            RETURN j.file AS file""";

    private final Locks locks;
    private final ObjectMapper json;

    public ImportJobRepository(Locks locks, ObjectMapper json) {
        this.locks = locks;
        this.json = json;
    }

    public ImportJob create(TransactionContext tx, String id, String locationId, String type, String file) {
        return toJob(tx.run(CREATE_JOB, Values.parameters("id", id, "locationId", locationId, "type", type,
                "file", file, "now", Timestamps.now())).single().get("j").asNode());
    }

    public Optional<ImportJob> find(TransactionContext tx, String locationId, String id) {
        return tx.run(JOB_BY_ID, Values.parameters("id", id, "locationId", locationId)).stream().findFirst()
                .map(r -> toJob(r.get("j").asNode()));
    }

    /** The job and its file, when this caller may start it. */
    public Optional<Started> start(TransactionContext tx, String id) {
        return tx.run(locks.exclusively(JOB, START_IF_QUEUED), Values.parameters("id", id, "now", Timestamps.now())).stream().findFirst()
                .map(r -> new Started(toJob(r.get("j").asNode()), r.get("j").get("file").asString()));
    }

    public record Started(ImportJob job, String file) {
    }

    public void recordProgress(TransactionContext tx, String id, long processed, long created, long updated, long failed, List<ImportJob.LineError> errors,
            int maxErrors) {
        List<String> stored = errors.stream().map(this::toJson).toList();
        tx.run(RECORD_PROGRESS, Values.parameters("id", id, "processed", processed, "created", created,
                "updated", updated, "failed", failed, "errors", stored, "maxErrors", maxErrors, "now", Timestamps.now())).consume();
    }

    /** {@code status} null: every line was tried, and the job's counters tell SUCCEEDED from COMPLETED_WITH_ERRORS. */
    public void finish(TransactionContext tx, String id, ImportJob.Status status, String failure) {
        tx.run(FINISH_JOB, Values.parameters("id", id, "status", status == null ? null : status.name(), "failure", failure,
                "now", Timestamps.now())).consume();
    }

    public void requeue(TransactionContext tx, String id) {
        tx.run(REQUEUE_JOB, Values.parameters("id", id, "now", Timestamps.now())).consume();
    }

    public long processed(TransactionContext tx, String id) {
        return tx.run(PROCESSED, Values.parameters("id", id)).single().get("processed").asLong();
    }

    public record Queued(String id, String locationId, String file) {
    }

    /** Every queued job, oldest first, whichever instance holds its file. */
    public List<Queued> queued(TransactionContext tx) {
        return tx.run(QUEUED_JOBS).list(r -> new Queued(r.get("id").asString(), r.get("locationId").asString(), r.get("file").asString()));
    }

    public void touch(TransactionContext tx, Collection<String> ids) {
        tx.run(TOUCH_JOBS, Values.parameters("ids", List.copyOf(ids), "now", Timestamps.now())).consume();
    }

    /** Marks failed the jobs nobody has reported on since {@code staleBefore}; answers their files. */
    public List<String> failAbandoned(TransactionContext tx, ZonedDateTime staleBefore) {
        return tx.run(FAIL_ABANDONED_JOBS, Values.parameters("staleBefore", staleBefore, "now", Timestamps.now()))
                .list(r -> r.get("file").asString());
    }

    private String toJson(ImportJob.LineError error) {
        try {
            return json.writeValueAsString(error);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ImportJob toJob(Node j) {
        List<ImportJob.LineError> errors = j.get("errors").asList(Value::asString).stream().map(text -> {
            try {
                return json.readValue(text, ImportJob.LineError.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("A stored import error is not JSON", e);
            }
        }).toList();
        return new ImportJob(j.get("id").asString(), j.get("locationId").asString(), j.get("type").asString(),
                ImportJob.Status.valueOf(j.get("status").asString()), j.get("processed").asLong(), j.get("created").asLong(),
                j.get("updated").asLong(), j.get("failed").asLong(), errors, j.get("errorsTruncated").asBoolean(),
                text(j, "failure"), time(j, "createdAt"), time(j, "startedAt"), time(j, "finishedAt"));
    }

    private static String text(Node j, String key) {
        return j.get(key).isNull() ? null : j.get(key).asString();
    }

    private static String time(Node j, String key) {
        return j.get(key).isNull() ? null : Timestamps.iso(j.get(key).asZonedDateTime());
    }
}
