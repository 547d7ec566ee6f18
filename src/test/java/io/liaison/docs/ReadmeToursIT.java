package io.liaison.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.liaison.support.PackagedApp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The walk-through of the README and the manual, run as written: every {@code ```bash tour} block of
 * the pages {@link Manual#WALK_THROUGH} lists, in their order, as one
 * {@code bash -euo pipefail} script, against the packaged service on a fresh data directory (its
 * first run: generated agency token, Default location, and the demo of {@code LIAISON_DEMO=true}),
 * with the setting the webhook section asks for ({@code LIAISON_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true})
 * and a receiver on loopback in {@code $RECEIVER}. The script runs in a directory whose {@code data}
 * is the service's data directory, with {@code $LIAISON} the service's URL.
 *
 * <p>Checked: the script ends with 0 (so no variable was used unset, and no command or pipeline
 * failed); every HTTP answer is 2xx unless the output shown for that statement has that
 * {@code statusCode}; every output a page shows ({@code # {...}} after a command) matches what the
 * command printed, {@code ...} standing for what it leaves out ({@link ExpectedJson}); every tour
 * block but the first says it continues the walk-through; the receiver got the webhook the manual shows.
 * To see each answer's status, {@code curl} is a function that calls the real one with a
 * {@code --write-out} to stderr (and {@code --max-time 30}); nothing of the pages' text is changed.
 */
class ReadmeToursIT {

    private static final Duration BLOCK_LIMIT = Duration.ofSeconds(60);
    private static final Duration SCRIPT_LIMIT = Duration.ofMinutes(5);
    private static final String CONTINUED = "# Walk-through, continued:";
    private static final Pattern HTTP = Pattern.compile("^@@http (\\d{3}) (\\S+) (\\S+)$");
    private static final Pattern MARK = Pattern.compile("^@@(block|step) ([\\d.]+)@@$");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The instrumented curl: the real one, bounded, with each answer's status on stderr. */
    private static final String PREAMBLE = "curl() { command curl --max-time 30 "
            + "--write-out '%{stderr}\\n@@http %{http_code} %{method} %{url_effective}\\n' \"$@\"; }\n";

    record Received(String path, Map<String, List<String>> headers, String body) {
    }

    @Test
    void theWalkThroughRunsAsWritten() throws Exception {
        List<ShellTour.Block> blocks = Manual.walkThrough();
        assertTrue(blocks.size() >= 10, "the walk-through's tour blocks: " + blocks.size());
        for (ShellTour.Block block : blocks.subList(1, blocks.size())) {
            assertTrue(block.lines().get(0).startsWith(CONTINUED),
                    "the tour block at " + block.where(block.fenceLine()) + " starts with \"" + CONTINUED + "\"");
        }
        Map<String, ShellTour.Statement> statements = new LinkedHashMap<>();
        Map<String, List<ExpectedJson.Shape>> shown = new HashMap<>();
        for (ShellTour.Block block : blocks) {
            for (ShellTour.Statement statement : block.statements()) {
                String id = block.number() + "." + statement.index();
                statements.put(id, statement);
                if (statement.expected() != null) {
                    shown.put(id, ExpectedJson.parse(statement.expected()));
                }
            }
        }

        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks/liaison", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                    new String(body, StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        Map<String, String> settings = new HashMap<>();
        settings.put("LIAISON_DEMO", "true");
        settings.put("LIAISON_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
        // A first run as the README describes: the agency token generated into data/secrets, the Default location made.
        settings.put("LIAISON_AGENCY_TOKEN", null);
        settings.put("LIAISON_BOOTSTRAP_DEFAULT_LOCATION", null);
        Path work = null;
        boolean passed = false;
        try (PackagedApp app = new PackagedApp("readme-tour", List.of("-Xmx768m"), settings)) {
            app.start();
            work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "readme-tour-work-");
            Files.createSymbolicLink(work.resolve("data"), app.dataDir());
            Path script = work.resolve("tour.sh");
            Files.writeString(script, PREAMBLE + ShellTour.script(blocks));

            String receiverUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/liaison";
            Run run = run(script, work, Map.of("LIAISON", app.baseUrl(), "RECEIVER", receiverUrl), blocks.size());
            String report = "\n--- the tour's output (" + script + ") ---\n" + run.output + "\n--- the app's log ---\n" + app.tail();
            System.out.println("Walk-through: " + blocks.size() + " blocks, " + statements.size() + " statements, "
                    + shown.size() + " outputs shown, ran in " + run.elapsed.toMillis() + " ms");
            if (run.problem != null) {
                fail(run.problem + report);
            }

            List<String> problems = new ArrayList<>();
            Map<String, Step> steps = steps(run.output);
            for (Map.Entry<String, ShellTour.Statement> entry : statements.entrySet()) {
                String id = entry.getKey();
                ShellTour.Statement statement = entry.getValue();
                String where = blocks.get(statement.block() - 1).where(statement.firstLine())
                        + " (" + abbreviate(statement.firstLineText()) + ")";
                Step step = steps.get(id);
                if (step == null) {
                    problems.add(where + ": did not run");
                    continue;
                }
                List<ExpectedJson.Shape> expected = shown.get(id);
                Set<Integer> refusalsShown = refusals(expected);
                for (String answer : step.answers) {
                    Matcher m = HTTP.matcher(answer);
                    m.matches();
                    int status = Integer.parseInt(m.group(1));
                    if ((status < 200 || status > 299) && !refusalsShown.contains(status)) {
                        problems.add(where + ": " + m.group(2) + " " + m.group(3) + " answered " + status
                                + (step.printed.isBlank() ? "" : ", printing " + abbreviate(step.printed.strip())));
                    }
                }
                if (expected != null) {
                    List<JsonNode> actual;
                    try {
                        actual = ExpectedJson.readAll(step.printed);
                    } catch (IOException e) {
                        problems.add(where + ": printed what is not JSON: " + step.printed.strip() + "\n    shown: " + statement.expected());
                        continue;
                    }
                    if (actual.size() != expected.size()) {
                        problems.add(where + ": printed " + actual.size() + " values, the page shows " + expected.size()
                                + "\n    printed: " + step.printed.strip() + "\n    shown: " + statement.expected());
                        continue;
                    }
                    for (int i = 0; i < actual.size(); i++) {
                        List<String> differences = ExpectedJson.differences(expected.get(i), actual.get(i), "$");
                        if (!differences.isEmpty()) {
                            problems.add(where + ": " + String.join("; ", differences)
                                    + "\n    printed: " + actual.get(i) + "\n    shown: " + statement.expected());
                        }
                    }
                }
            }
            List<String> webhookTypes = received.stream().map(r -> type(r.body())).toList();
            if (!webhookTypes.contains("ContactUpdate")
                    || received.stream().anyMatch(r -> !r.headers().containsKey("Webhook-signature"))) {
                problems.add("the receiver got " + webhookTypes + ", signed: "
                        + received.stream().map(r -> r.headers().containsKey("Webhook-signature")).toList()
                        + "; the manual shows a signed ContactUpdate delivered");
            }
            if (!problems.isEmpty()) {
                fail(problems.size() + " differences from the walk-through's pages:\n  " + String.join("\n  ", problems) + report);
            }
            assertEquals(shown.size(), shown.keySet().stream().filter(steps::containsKey).count());
            passed = true;
        } finally {
            receiver.stop(0);
            // Kept after a failure, to run the script again by hand (against a service of your own).
            if (work != null && passed) {
                try (Stream<Path> files = Files.walk(work)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        }
    }

    private record Run(String output, String problem, Duration elapsed) {
    }

    /** Runs the script, each block within BLOCK_LIMIT and all within SCRIPT_LIMIT; the output is stdout and stderr interleaved. */
    private static Run run(Path script, Path work, Map<String, String> variables, int blocks) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-euo", "pipefail", script.toString())
                .directory(work.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.clear();
        env.put("PATH", path);
        env.put("HOME", work.toString()); // no ~/.curlrc of the machine's user
        env.put("LANG", "C.UTF-8");
        env.putAll(variables);
        Instant start = Instant.now();
        Process process = builder.start();
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Instant[] blockStarted = { start };
        String[] currentBlock = { "before the first block" };
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                    Matcher m = MARK.matcher(line);
                    if (m.matches() && m.group(1).equals("block")) {
                        synchronized (blockStarted) {
                            blockStarted[0] = Instant.now();
                            currentBlock[0] = "block " + m.group(2) + " of " + blocks;
                        }
                    }
                }
            } catch (IOException e) {
                lines.add("(reading the output failed: " + e + ")");
            }
        }, "readme-tour-output");
        reader.start();
        String problem = null;
        while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
            Instant now = Instant.now();
            synchronized (blockStarted) {
                if (Duration.between(blockStarted[0], now).compareTo(BLOCK_LIMIT) > 0) {
                    problem = currentBlock[0] + " ran longer than " + BLOCK_LIMIT;
                }
            }
            if (Duration.between(start, now).compareTo(SCRIPT_LIMIT) > 0) {
                problem = "the tour ran longer than " + SCRIPT_LIMIT;
            }
            if (problem != null) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                break;
            }
        }
        reader.join(10_000);
        Duration elapsed = Duration.between(start, Instant.now());
        if (problem == null && process.exitValue() != 0) {
            problem = "the tour ended with exit status " + process.exitValue() + " in " + currentBlock[0];
        }
        synchronized (lines) {
            return new Run(String.join("\n", lines), problem, elapsed);
        }
    }

    private static final class Step {
        final List<String> answers = new ArrayList<>();
        final StringBuilder printedText = new StringBuilder();
        String printed = "";
    }

    /** The output cut at the step markers: per statement, what it printed and the answers its curls got. */
    private static Map<String, Step> steps(String output) {
        Map<String, Step> steps = new LinkedHashMap<>();
        Step current = null;
        for (String line : output.split("\n", -1)) {
            Matcher mark = MARK.matcher(line);
            if (mark.matches()) {
                current = mark.group(1).equals("step") ? steps.computeIfAbsent(mark.group(2), k -> new Step()) : null;
                continue;
            }
            if (current == null) {
                continue;
            }
            if (HTTP.matcher(line).matches()) {
                current.answers.add(line);
            } else if (!line.isBlank()) {
                current.printedText.append(line).append('\n');
            }
        }
        steps.values().forEach(step -> step.printed = step.printedText.toString());
        return steps;
    }

    /** The error statuses an output shown admits: the statusCode of each value shown, when 400 or more. */
    private static Set<Integer> refusals(List<ExpectedJson.Shape> shown) {
        Set<Integer> statuses = new TreeSet<>();
        if (shown != null) {
            for (ExpectedJson.Shape shape : shown) {
                if (shape instanceof ExpectedJson.ObjectShape object
                        && object.members().get("statusCode") instanceof ExpectedJson.Exact exact && exact.value().isInt()) {
                    statuses.add(exact.value().intValue());
                }
            }
        }
        return statuses;
    }

    private static String type(String body) {
        try {
            return JSON.readTree(body).path("type").asText();
        } catch (IOException e) {
            return "(not JSON: " + abbreviate(body) + ")";
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100) + "...";
    }
}
