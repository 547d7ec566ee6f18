package io.liaison.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.liaison.support.Api;
import io.liaison.support.Api.Tenant;
import io.liaison.support.PackagedApp;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A CSV import of more than 100 MiB never sits in memory: the packaged service runs with a heap
 * smaller than the file ({@link #HEAP_MIB}), takes the file as a chunked upload that the test
 * generates as it sends it (the test does not hold it either), and imports it to the last line.
 *
 * <p>Most of the file is cheap to judge, so the test stays short: lines whose email is not one
 * (refused by validation, before any database work), three lines over the line bound, and 300 valid
 * lines, at the start, in the middle and at the end, that must be created.
 */
class CsvImportStreamsIT {

    /**
     * The heap of the service: well below the file's size, so holding it (or a batch of its lines that
     * grew without bound) would end in OutOfMemoryError, which ends the process here. The service with
     * its embedded database idles at about 45 MiB of heap: 48 MiB barely starts, 64 MiB runs.
     */
    private static final int HEAP_MIB = 64;
    private static final int LINE_BYTES = 4096;
    private static final int DATA_LINES = 26_000;
    private static final int VALID_RUN = 100;
    private static final int LONG_LINE_BYTES = ImportService.MAX_LINE_BYTES + 4096;
    private static final String HEADER = "firstName,lastName,email,companyName,address1,city,tags\n";
    /** A bound, not an expectation: a broken worker must not hang the build. */
    private static final Duration IMPORT_DEADLINE = Duration.ofMinutes(10);

    private PackagedApp packaged;

    @BeforeEach
    void startSmall() throws Exception {
        packaged = new PackagedApp("csv-stream", List.of("-Xmx" + HEAP_MIB + "m", "-XX:+ExitOnOutOfMemoryError"),
                Map.of("LIAISON_EMBEDDED_PAGE_CACHE", "64m"));
        packaged.start();
    }

    @AfterEach
    void stop() throws Exception {
        packaged.close();
    }

    /** The kind of each data line, by its index (1 is the line after the header, physical line 2). */
    private enum Kind { VALID, BAD_EMAIL, TOO_LONG }

    private static Kind kind(int index) {
        int middle = DATA_LINES / 2;
        if (index <= VALID_RUN || (index > middle && index <= middle + VALID_RUN) || index > DATA_LINES - VALID_RUN) {
            return Kind.VALID;
        }
        if (index == 120 || index == middle - 50 || index == DATA_LINES - 150) {
            return Kind.TOO_LONG;
        }
        return Kind.BAD_EMAIL;
    }

    private static String line(int index) {
        return switch (kind(index)) {
            case VALID -> "Valid,Person " + index + ",valid-" + index + "@stream.test,Acme,1 Main St,Town,\n";
            case TOO_LONG -> "Long,Line,long-" + index + "@stream.test,\"" + "x".repeat(LONG_LINE_BYTES) + "\",1 Main St,Town,\n";
            case BAD_EMAIL -> {
                // Every field within its bounds but the email, tags of 99 characters taking up the rest: LINE_BYTES with the
                // line break. Long lines keep the file large and the lines to judge few.
                String name = "a".repeat(250);
                String text = name + "," + name + ",not-an-email-" + index + "," + name + "," + "b".repeat(250) + ",Town,\"";
                char[] tags = "c".repeat(LINE_BYTES - text.length() - "\"\n".length()).toCharArray();
                for (int i = 99; i < tags.length - 1; i += 100) {
                    tags[i] = ',';
                }
                yield text + new String(tags) + "\"\n";
            }
        };
    }

    /** The file, made line by line as it is read. */
    private static final class GeneratedCsv extends InputStream {
        private byte[] current = HEADER.getBytes(StandardCharsets.US_ASCII);
        private int offset;
        private int next = 1;
        private long sent;

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int at, int length) {
            if (length == 0) {
                return 0;
            }
            while (offset == current.length) {
                if (next > DATA_LINES) {
                    return -1;
                }
                current = line(next++).getBytes(StandardCharsets.US_ASCII);
                offset = 0;
            }
            int n = Math.min(length, current.length - offset);
            System.arraycopy(current, offset, into, at, n);
            offset += n;
            sent += n;
            return n;
        }
    }

    @Test
    void aFileLargerThanTheHeapIsImportedToItsLastLine() throws Exception {
        Instant began = Instant.now();
        Tenant tenant = Api.newTenant("Streamed import");
        GeneratedCsv file = new GeneratedCsv();
        HttpResponse<String> accepted;
        try {
            // HTTP/1.1 and no length: the body goes chunked, as a client streaming a file it makes would send it.
            accepted = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                            URI.create(packaged.baseUrl() + "/contacts/import"))
                    .header("Authorization", "Bearer " + tenant.apiKey()).header("Content-Type", "text/csv")
                    .timeout(Duration.ofMinutes(5))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> file)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("the upload failed after " + file.sent + " bytes:\n" + packaged.tail(), e);
        }
        assertEquals(202, accepted.statusCode(), accepted.body());
        assertTrue(file.sent > 100L * 1024 * 1024, "the file is larger than 100 MiB: " + file.sent);
        assertTrue((long) HEAP_MIB * 1024 * 1024 < file.sent, "the heap is smaller than the file");
        String jobId = JsonPath.from(accepted.body()).getString("id");

        long peakHeap = 0;
        Instant deadline = Instant.now().plus(IMPORT_DEADLINE);
        JsonPath job;
        while (true) {
            peakHeap = Math.max(peakHeap, heapUsed());
            job = tenant.request().get("/imports/" + jobId).then().statusCode(200).extract().jsonPath();
            if (List.of("SUCCEEDED", "COMPLETED_WITH_ERRORS", "FAILED").contains(job.getString("status"))) {
                break;
            }
            if (!packaged.process().isAlive()) {
                fail("the service ended during the import:\n" + packaged.tail());
            }
            if (Instant.now().isAfter(deadline)) {
                fail("the import did not finish within " + IMPORT_DEADLINE + ": " + job.prettify());
            }
            Thread.sleep(500);
        }
        peakHeap = Math.max(peakHeap, heapUsed());

        assertEquals("COMPLETED_WITH_ERRORS", job.getString("status"), job.prettify());
        assertEquals(DATA_LINES, job.getLong("processed"));
        assertEquals(3 * VALID_RUN, job.getLong("created"));
        assertEquals(0, job.getLong("updated"));
        assertEquals(DATA_LINES - 3 * VALID_RUN, job.getLong("failed"));
        // The first 100 errors are kept, by physical line (the header is line 1); the counts go on past them.
        List<Long> expectedLines = new ArrayList<>();
        List<String> expectedCodes = new ArrayList<>();
        for (int index = 1; index <= DATA_LINES && expectedLines.size() < 100; index++) {
            if (kind(index) != Kind.VALID) {
                expectedLines.add(index + 1L);
                expectedCodes.add(kind(index) == Kind.TOO_LONG ? "MALFORMED_CSV" : "VALIDATION_FAILED");
            }
        }
        assertEquals(expectedLines, job.getList("errors.line", Long.class));
        assertEquals(expectedCodes, job.getList("errors.code"));
        assertTrue(job.getString("errors[0].message").startsWith("email"), job.getString("errors[0].message"));
        assertTrue(job.getBoolean("errorsTruncated"));

        assertEquals(3 * VALID_RUN, ((Number) tenant.request().get("/contacts/").then().statusCode(200).extract().path("total")).intValue());
        for (int index : List.of(1, DATA_LINES / 2 + 1, DATA_LINES)) {
            tenant.request().body(Map.of("locationId", tenant.locationId(), "query", "valid-" + index + "@stream.test"))
                    .post("/contacts/search").then().statusCode(200).body("contacts[0].lastName",
                            org.hamcrest.Matchers.equalTo("Person " + index));
        }

        assertTrue(packaged.process().isAlive(), "the service still runs");
        assertTrue(packaged.answers("/q/health/ready"), "and answers");
        String log = Files.readString(packaged.log());
        assertFalse(log.contains("OutOfMemoryError"), packaged.tail());
        assertTrue(peakHeap > 0 && peakHeap <= (long) HEAP_MIB * 1024 * 1024, "heap used at most -Xmx: " + peakHeap);
        System.out.printf("CsvImportStreamsIT: %d bytes, %d lines in %d s; heap -Xmx%dm, peak heap used seen %d MiB, peak RSS %s%n",
                file.sent, DATA_LINES, Duration.between(began, Instant.now()).toSeconds(), HEAP_MIB, peakHeap / (1024 * 1024),
                peakRss(packaged.process().pid()));
    }

    /** The service's heap in use now, summed over its pools, from its Prometheus metrics. */
    private long heapUsed() throws IOException, InterruptedException {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(packaged.baseUrl()
                + "/q/metrics")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        double used = 0;
        for (String line : metrics.body().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                used += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) used;
    }

    /** The process's peak resident set (VmHWM), where /proc tells it. */
    private static String peakRss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmHWM:")).findFirst().map(l -> l.substring("VmHWM:".length()).strip()).orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
