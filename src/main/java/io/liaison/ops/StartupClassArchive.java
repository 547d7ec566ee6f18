package io.liaison.ops;

import io.liaison.config.SecretFiles;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Makes the packaged service's class archive ({@value #ARCHIVE}, a dynamic CDS archive): the build
 * ({@code package}, after Quarkus has built {@code target/quarkus-app}) starts the packaged service once
 * on a throwaway store with {@code -XX:ArchiveClassesAtExit}, walks the help article's flow through the
 * API so that the request path's classes and Cypher are loaded too, and stops it. A start with
 * {@code -XX:SharedArchiveFile=target/quarkus-app/liaison.jsa} then maps some 15,000 of its 23,000
 * classes instead of reading, parsing and verifying them: on 2 cores start to ready fell from about
 * 8 s to about 6 s (docs/operations/reliability.md).
 *
 * <p>The archive is an optimisation, never a condition: a JVM that finds it missing, made by another JDK
 * build, or made for a jar at another path ignores it and loads the classes as usual. So a training that
 * fails says why and leaves no archive rather than failing the build; {@code ClassArchiveIT} is what
 * fails when the build stops making a usable one.
 *
 * <p>Only the JDK (and {@link SecretFiles}, which needs nothing else) is used here: the build runs this class
 * outside Quarkus, with the compiled classes alone on its class path.
 */
public final class StartupClassArchive {

    static final String ARCHIVE = "liaison.jsa";
    private static final Duration READY_DEADLINE = Duration.ofMinutes(5);
    private static final Duration STOP_DEADLINE = Duration.ofMinutes(3);
    private static final Pattern FIRST_ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern API_KEY = Pattern.compile("\"apiKey\"\\s*:\\s*\"([^\"]+)\"");

    private final Path appDirectory;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String base;

    private StartupClassArchive(Path appDirectory) {
        this.appDirectory = appDirectory;
    }

    /** {@code args[0]}: the packaged application's directory (target/quarkus-app). */
    public static void main(String[] args) throws Exception {
        Path appDirectory = Path.of(args.length > 0 ? args[0] : "target/quarkus-app").toAbsolutePath().normalize();
        try {
            new StartupClassArchive(appDirectory).make();
        } catch (Exception e) {
            System.out.println("[liaison] No class archive made (" + e + "): the service starts without it, only slower.");
        }
    }

    private void make() throws Exception {
        Path jar = appDirectory.resolve("quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package the application first");
        }
        Path archive = appDirectory.resolve(ARCHIVE);
        Path partial = appDirectory.resolve(ARCHIVE + ".partial");
        Path log = appDirectory.resolve("class-archive-training.log");
        // In the system's temporary folder: the application's own folder may be read-only (a container image).
        Path data = Files.createTempDirectory("liaison-class-archive-training-");
        // An archive of an earlier build would only be ignored by this one's JVMs: a failed training leaves none.
        Files.deleteIfExists(archive);
        Files.deleteIfExists(partial);
        Instant began = Instant.now();
        int httpPort = freePort();
        // The jar by its absolute path: the archive records the class path as given, and a JVM started
        // from another directory then still finds the same file (a relative path would tie it to the cwd).
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:ArchiveClassesAtExit=" + partial, "-jar", jar.toString()));
        // The README's first start: a generated Bolt password, agency token and Default location, so that the
        // first-run classes and statements are in the archive too. Only the folder and the ports are chosen here.
        Map<String, String> env = builder.environment();
        Path dataDir = data.resolve("data");
        env.keySet().removeIf(name -> name.startsWith("LIAISON_") || name.startsWith("QUARKUS_"));
        env.put("LIAISON_DATA_DIR", dataDir.toString());
        env.put("LIAISON_EMBEDDED_BOLT_PORT", Integer.toString(freePort()));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        // Started in the throwaway folder: Quarkus also reads a .env file from the working directory, and a developer's would apply.
        builder.directory(data.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        base = "http://127.0.0.1:" + httpPort;
        Process service = null;
        try {
            service = builder.start();
            awaitReady(service);
            walkTheArticle(Files.readString(SecretFiles.file(dataDir, SecretFiles.AGENCY_TOKEN)).strip());
            // SIGTERM: the JVM writes the archive on its way out, after the service's own clean stop.
            service.destroy();
            if (!service.waitFor(STOP_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the training service did not stop within " + STOP_DEADLINE + "; see " + log);
            }
            if (!Files.isRegularFile(partial) || Files.size(partial) == 0) {
                throw new IllegalStateException("the JVM wrote no archive; see " + log);
            }
            Files.move(partial, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            System.out.printf("[liaison] Class archive %s made in %d s (%d MB); start with -XX:SharedArchiveFile=%s%n", archive,
                    Duration.between(began, Instant.now()).toSeconds(), Files.size(archive) >> 20, archive);
        } finally {
            if (service != null) {
                service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            deleteTree(data);
        }
    }

    private void awaitReady(Process service) throws Exception {
        Instant deadline = Instant.now().plus(READY_DEADLINE);
        while (status(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build()) != 200) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the training service ended while starting");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the training service was not ready within " + READY_DEADLINE);
            }
            Thread.sleep(200);
        }
    }

    /** The help article's flow, as the README's tour walks it: a request that fails only loads fewer classes. */
    private void walkTheArticle(String agencyToken) throws Exception {
        String location = firstMatch(FIRST_ID, send("POST", "/locations/", agencyToken, "{\"name\":\"Class archive training\"}"));
        String key = firstMatch(API_KEY, send("POST", "/locations/" + location + "/api-keys", agencyToken, null));
        String jane = firstMatch(FIRST_ID, send("POST", "/contacts/", key, "{\"locationId\":\"" + location
                + "\",\"firstName\":\"Jane\",\"lastName\":\"Doe\",\"email\":\"jane@example.com\",\"phone\":\"+1 888-888-8888\",\"tags\":[\"a\"]}"));
        String bob = firstMatch(FIRST_ID, send("POST", "/contacts/", key, "{\"locationId\":\"" + location
                + "\",\"firstName\":\"Bob\",\"lastName\":\"Roe\"}"));
        String label = firstMatch(FIRST_ID, send("POST", "/associations/", key, "{\"locationId\":\"" + location
                + "\",\"key\":\"manager_employee\",\"firstObjectKey\":\"contact\",\"firstObjectLabel\":\"Manager\","
                + "\"secondObjectKey\":\"contact\",\"secondObjectLabel\":\"Employee\"}"));
        String relation = firstMatch(FIRST_ID, send("POST", "/associations/relations", key, "{\"locationId\":\"" + location
                + "\",\"associationId\":\"" + label + "\",\"firstRecordId\":\"" + jane + "\",\"secondRecordId\":\"" + bob + "\"}"));
        for (int round = 0; round < 20; round++) {
            send("GET", "/associations/relations/" + bob + "?locationId=" + location + "&skip=0&limit=20", key, null);
            send("GET", "/contacts/" + jane, key, null);
            send("GET", "/graph/records/" + jane + "/neighborhood?depth=2", key, null);
            send("GET", "/contacts/?locationId=" + location + "&query=jane", key, null);
        }
        send("PUT", "/associations/" + label, key, "{\"firstObjectLabel\":\"Team lead\",\"secondObjectLabel\":\"Report\"}");
        send("DELETE", "/associations/relations/" + relation + "?locationId=" + location, key, null);
        send("GET", "/", null, null);
    }

    private String send(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            System.out.printf("[liaison] Class archive training: %s %s answered %d%n", method, path, response.statusCode());
        }
        return response.body();
    }

    private int status(HttpRequest request) throws InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String firstMatch(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        return matcher.find() ? matcher.group(1) : "missing";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Best effort: a leftover in the temporary folder must not hide why the training failed. */
    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.out.println("[liaison] Class archive training: " + root + " not removed (" + e + ")");
        }
    }
}
