package io.liaison.support;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.RestAssured;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged service (the jar {@code package} builds) as a child process, for the integration tests
 * (failsafe, {@code *IT}): on a data directory of its own under target/, with free ports, the test
 * agency token, and its output in a log file. RestAssured points at it while it is open.
 */
public final class PackagedApp implements AutoCloseable {

    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    /** The class archive {@code package} makes next to the jar, given to every start as the README's command does. */
    public static final Path CLASS_ARCHIVE = Path.of("target", "quarkus-app", "liaison.jsa");
    /**
     * A bound, not an expectation: unloaded, a start takes about 10 s; on a machine shared with other
     * builds a start took 156 s.
     */
    private static final Duration START_DEADLINE = Duration.ofMinutes(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path dataDir;
    private final Path log;
    private final int httpPort;
    private final int boltPort;
    private final List<String> jvmOptions;
    private final Map<String, String> settings;
    private Process process;

    /**
     * @param jvmOptions options of the child JVM (heap size, ...)
     * @param settings environment variables besides the data directory, ports, password and agency token; a
     *        {@code null} value removes one of those (the agency token, say, to have the service generate one)
     */
    public PackagedApp(String name, List<String> jvmOptions, Map<String, String> settings) throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR + " is built by package, before the integration tests");
        Files.createDirectories(Path.of("target"));
        this.dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), name + "-");
        this.log = dataDir.resolve("app.log");
        this.httpPort = freePort();
        this.boltPort = freePort();
        this.jvmOptions = List.copyOf(jvmOptions);
        this.settings = new LinkedHashMap<>(settings);
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = httpPort;
    }

    /** Starts the service (again, on the same data) and waits until it is ready. */
    public Process start() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:SharedArchiveFile=" + CLASS_ARCHIVE.toAbsolutePath());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("LIAISON_DATA_DIR", dataDir.toString());
        env.put("LIAISON_EMBEDDED_BOLT_PORT", Integer.toString(boltPort));
        env.put("LIAISON_EMBEDDED_PASSWORD", "packaged-app-password");
        env.put("LIAISON_AGENCY_TOKEN", Api.AGENCY_TOKEN);
        env.put("LIAISON_BOOTSTRAP_DEFAULT_LOCATION", "false");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        settings.forEach((name, value) -> {
            if (value == null) {
                env.remove(name);
            } else {
                env.put(name, value);
            }
        });
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Kept in the field at once, so that close() stops it even when it never becomes ready.
        process = builder.start();
        Instant deadline = Instant.now().plus(START_DEADLINE);
        while (!answers("/q/health/ready")) {
            if (!process.isAlive()) {
                fail("the app ended while starting:\n" + tail());
            }
            if (Instant.now().isAfter(deadline)) {
                fail("the app was not ready within " + START_DEADLINE + ":\n" + tail());
            }
            Thread.sleep(250);
        }
        return process;
    }

    public Process process() {
        return process;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** Whether GET {@code path} answers 200. */
    public boolean answers(String path) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The data directory ({@code LIAISON_DATA_DIR}), with its {@code secrets/}. */
    public Path dataDir() {
        return dataDir;
    }

    public Path log() {
        return log;
    }

    /** The log's last lines, for a failure's message. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the process if it runs, and deletes its data. */
    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        RestAssured.reset();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
