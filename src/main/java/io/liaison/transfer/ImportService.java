package io.liaison.transfer;

import io.liaison.config.OwnerOnly;
import io.liaison.error.ApiException;
import io.liaison.error.Errors;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Accepts a CSV upload as a job: the body is streamed to a file (never held in memory), its header is
 * checked at once (a refused upload leaves nothing behind), and a background worker imports the lines.
 */
@ApplicationScoped
public class ImportService {

    /**
     * Bounds on one line (a record, with the line breaks inside its quotes), so a malicious file cannot
     * make one record huge: a longer line is a MALFORMED_CSV error for that line. The longest a contact
     * line can usefully be (every field at its limit, 100 tags) is about 17 KiB.
     */
    static final int MAX_LINE_BYTES = 64 * 1024;
    static final int MAX_FIELDS = 200;

    private final ImportConfig config;
    private final GraphDatabase db;
    private final ImportJobRepository jobs;
    private final ImportWorker worker;
    private final Instance<ImportHandler> handlers;

    public ImportService(ImportConfig config, GraphDatabase db, ImportJobRepository jobs, ImportWorker worker, Instance<ImportHandler> handlers) {
        this.config = config;
        this.db = db;
        this.jobs = jobs;
        this.worker = worker;
        this.handlers = handlers;
    }

    public ImportJob accept(String locationId, String type, InputStream body) {
        ImportHandler handler = handler(type);
        String id = Ids.newId();
        Path file = config.dir().resolve(id + ".csv");
        try {
            OwnerOnly.folders(config.dir());
            spool(body, file);
            checkHeader(handler, file);
            ImportJob job = db.write(tx -> jobs.create(tx, id, locationId, type, file.toString()));
            worker.submit(locationId, id);
            return job;
        } catch (IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    public ImportJob get(String locationId, String id) {
        return (Ids.looksLikeId(id) ? db.read(tx -> jobs.find(tx, locationId, id)) : Optional.<ImportJob>empty())
                .orElseThrow(() -> new Errors.NotFound("Import", id));
    }

    ImportHandler handler(String type) {
        return handlers.stream().filter(h -> h.type().equals(type)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No import handler for " + type));
    }

    private void spool(InputStream body, Path file) throws IOException {
        long max = config.maxFileSize().asLongValue();
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = body; OutputStream out = OwnerOnly.newFile(file)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > max) {
                    throw new ApiException(413, "PAYLOAD_TOO_LARGE", "The CSV file is larger than " + max
                            + " bytes (LIAISON_IMPORTS_MAX_FILE_SIZE); split it", null, null);
                }
                out.write(buffer, 0, n);
            }
        }
    }

    private static void checkHeader(ImportHandler handler, Path file) throws IOException {
        try (CsvReader reader = new CsvReader(Files.newInputStream(file), MAX_LINE_BYTES, MAX_FIELDS)) {
            CsvReader.Row header = reader.next()
                    .orElseThrow(() -> Errors.ValidationFailed.of("body", "is an empty CSV file: the first line names the columns"));
            if (header.malformed()) {
                throw Errors.ValidationFailed.of("header", "(line 1) is not valid CSV: " + header.problem());
            }
            handler.checkHeader(header(header));
        }
    }

    static List<String> header(CsvReader.Row row) {
        return row.cells().stream().map(String::strip).toList();
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover file in the imports folder is harmless; the next start does not read it
        }
    }
}
