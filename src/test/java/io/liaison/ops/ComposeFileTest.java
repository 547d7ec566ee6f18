package io.liaison.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml and the Dockerfile it builds, checked statically: Docker cannot run where the
 * tests run. Plain JUnit, no Quarkus boot. SnakeYAML is on the classpath through Neo4j (and Jackson's
 * YAML module); it is not declared here, since a test-scoped declaration would take it off the
 * runtime classpath.
 */
class ComposeFileTest {

    private static final Path COMPOSE = Path.of("docker-compose.yml");
    /** ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}. */
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "::1", "[::1]", "localhost");

    private static Map<String, Object> compose;
    private static Map<String, Object> neo4j;
    private static Map<String, Object> liaison;

    @BeforeAll
    static void parse() throws IOException {
        compose = new Yaml().load(Files.readString(COMPOSE));
        Map<String, Object> services = map(compose, "services");
        neo4j = map(services, "neo4j");
        liaison = map(services, "liaison");
    }

    @Test
    void neo4jHasApocCore() {
        Map<String, Object> env = environment(neo4j);
        String plugins = String.valueOf(env.get("NEO4J_PLUGINS"));
        assertTrue(plugins.matches("\\[\\s*(\"[a-z0-9-]+\"\\s*,\\s*)*\"apoc\"(\\s*,\\s*\"[a-z0-9-]+\")*\\s*]"),
                "NEO4J_PLUGINS must be a JSON list naming \"apoc\" (APOC core), was " + plugins);
        assertTrue(String.valueOf(neo4j.get("image")).startsWith("neo4j:5.26"), "the 5.26 image ships APOC core for NEO4J_PLUGINS");
        Object allowlist = env.get("NEO4J_dbms_security_procedures_allowlist");
        if (allowlist != null) {
            assertTrue(admits(String.valueOf(allowlist), "apoc.lock.read.nodes") && admits(String.valueOf(allowlist), "apoc.lock.nodes"),
                    "a procedure allowlist must admit apoc.lock.*: " + allowlist);
        }
    }

    @Test
    void liaisonDataFolderIsANamedVolume() {
        String dataDir = String.valueOf(environment(liaison).get("LIAISON_DATA_DIR"));
        assertTrue(dataDir.startsWith("/"), "LIAISON_DATA_DIR is set to an absolute path in the container: " + dataDir);
        Map<String, Object> declared = map(compose, "volumes");
        boolean mounted = false;
        for (Object volume : list(liaison, "volumes")) {
            String[] parts = String.valueOf(volume).split(":");
            if (parts.length >= 2 && parts[1].equals(dataDir)) {
                assertTrue(declared.containsKey(parts[0]), "the data folder's volume is a named volume declared under volumes: " + volume);
                assertFalse(parts.length > 2 && parts[2].contains("ro"), "the data folder is writable");
                mounted = true;
            }
        }
        assertTrue(mounted, "a volume is mounted on LIAISON_DATA_DIR (" + dataDir + ") so the agency token file survives recreation");
    }

    @Test
    void bothServicesHaveHealthchecks() throws IOException {
        String liaisonCheck = healthcheck(liaison);
        assertTrue(liaisonCheck.contains("/q/health/ready") && liaisonCheck.contains(":8080"), liaisonCheck);
        String neo4jCheck = healthcheck(neo4j);
        assertTrue(neo4jCheck.contains(":7474") || neo4jCheck.contains("cypher-shell"), neo4jCheck);
        assertTrue(Files.readString(dockerfileOrFail()).contains("curl"), "the Liaison image has the curl its healthcheck runs");
    }

    @Test
    void liaisonWaitsForAHealthyNeo4j() {
        Map<String, Object> dependsOn = map(liaison, "depends_on");
        assertEquals("service_healthy", map(dependsOn, "neo4j").get("condition"));
    }

    @Test
    void everyPublishedPortIsOnLoopbackByDefault() {
        int published = 0;
        for (Map.Entry<String, Object> service : map(compose, "services").entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> definition = (Map<String, Object>) service.getValue();
            for (Object port : list(definition, "ports")) {
                String hostIp;
                if (port instanceof Map<?, ?> longSyntax) {
                    hostIp = withDefaults(String.valueOf(longSyntax.get("host_ip")));
                } else {
                    // host_ip:host_port:container_port, after interpolating the defaults; IPv6 in brackets.
                    String resolved = withDefaults(String.valueOf(port));
                    int containerColon = resolved.lastIndexOf(':');
                    int hostColon = containerColon < 0 ? -1 : resolved.lastIndexOf(':', containerColon - 1);
                    hostIp = hostColon < 0 ? "" : resolved.substring(0, hostColon);
                }
                assertTrue(LOOPBACK.contains(hostIp), service.getKey() + " publishes " + port + " on " + (hostIp.isEmpty() ? "every interface" : hostIp));
                published++;
            }
        }
        assertTrue(published >= 3, "the API, Neo4j Browser and Bolt are published");
    }

    @Test
    void noPasswordHasADefault() {
        for (Map.Entry<String, Object> service : map(compose, "services").entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> definition = (Map<String, Object>) service.getValue();
            for (Map.Entry<String, Object> variable : environment(definition).entrySet()) {
                String name = variable.getKey();
                if (!name.contains("PASSWORD") && !name.equals("NEO4J_AUTH")) {
                    continue;
                }
                String value = String.valueOf(variable.getValue());
                Matcher m = INTERPOLATION.matcher(value);
                assertTrue(m.find(), name + " is taken from the environment, not written here: " + value);
                assertEquals(":?", m.group(2), name + " must be required (${VAR:?message}), never defaulted: " + value);
                String literal = INTERPOLATION.matcher(value).replaceAll("");
                assertTrue(literal.isEmpty() || (name.equals("NEO4J_AUTH") && literal.equals("neo4j/")),
                        name + " holds no password of its own: " + value);
            }
        }
        assertTrue(String.valueOf(environment(liaison).get("QUARKUS_NEO4J_AUTHENTICATION_PASSWORD")).contains("${NEO4J_PASSWORD:?"));
        assertTrue(String.valueOf(environment(neo4j).get("NEO4J_AUTH")).contains("${NEO4J_PASSWORD:?"));
    }

    @Test
    void liaisonIsBuiltFromSourceInAMultiStageDockerfile() throws IOException {
        Path dockerfile = dockerfileOrFail();
        List<String> lines = Files.readAllLines(dockerfile);
        List<String> stages = new ArrayList<>();
        for (String line : lines) {
            if (line.trim().toUpperCase().startsWith("FROM ")) {
                stages.add(line.trim());
            }
        }
        assertTrue(stages.size() >= 2, "multi-stage: " + stages);
        Matcher builder = Pattern.compile("(?i)FROM\\s+(\\S*jdk\\S*)\\s+AS\\s+(\\S+)").matcher(stages.get(0));
        assertTrue(builder.matches(), "the first stage builds on a JDK image: " + stages.get(0));
        String text = Files.readString(dockerfile);
        assertTrue(Pattern.compile("RUN[^\\n]*(\\\\\\n[^\\n]*)*\\./mvnw[^\\n]*\\bpackage\\b").matcher(text).find(), "the build stage runs ./mvnw package");
        assertTrue(text.contains("COPY --from=" + builder.group(2)), "the runtime stage copies what the build stage packaged");
        assertFalse(stages.get(stages.size() - 1).contains("jdk"), "the runtime stage needs only a JRE: " + stages.get(stages.size() - 1));
        assertTrue(text.contains("LIAISON_DATA_DIR=" + environment(liaison).get("LIAISON_DATA_DIR")),
                "the image's data folder is the one compose mounts a volume on");

        // The build context carries what the build stage copies (.dockerignore excludes everything else).
        List<String> ignore = Files.readAllLines(Path.of(".dockerignore"));
        for (String needed : List.of("mvnw", ".mvn/", "pom.xml", "src/")) {
            assertTrue(ignore.contains("!" + needed), ".dockerignore lets " + needed + " into the build context");
        }
    }

    private static Path dockerfileOrFail() {
        Map<String, Object> build = map(liaison, "build");
        assertEquals(".", build.get("context"));
        Path dockerfile = Path.of(String.valueOf(build.get("dockerfile")));
        assertTrue(Files.isRegularFile(dockerfile), "compose builds " + dockerfile);
        return dockerfile;
    }

    private static String healthcheck(Map<String, Object> service) {
        Map<String, Object> check = map(service, "healthcheck");
        Object test = check.get("test");
        assertNotNull(test, "healthcheck.test");
        assertFalse(Boolean.TRUE.equals(check.get("disable")));
        return test instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf).toList()) : String.valueOf(test);
    }

    /** A compose value with every ${...} replaced as compose would with an empty environment. */
    private static String withDefaults(String value) {
        Matcher m = INTERPOLATION.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String operator = m.group(2);
            if (operator != null && operator.endsWith("?")) {
                fail("requires " + m.group(1) + ": " + value);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(operator == null ? "" : m.group(3)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static boolean admits(String allowlist, String procedure) {
        for (String entry : allowlist.split(",")) {
            String regex = Pattern.quote(entry.trim()).replace("*", "\\E.*\\Q");
            if (procedure.matches(regex)) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> service) {
        Object env = service.get("environment");
        assertTrue(env instanceof Map, "environment is written as a map");
        return (Map<String, Object>) env;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertTrue(value instanceof Map, key + " is a map");
        return (Map<String, Object>) value;
    }

    private static List<?> list(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value instanceof List<?> l ? l : List.of();
    }
}
