package io.liaison.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liaison.error.Errors;
import io.liaison.location.Authentication;
import io.liaison.location.Caller;
import io.liaison.location.SecretInAnswer;
import io.liaison.neo4j.Ids;
import io.liaison.neo4j.RequestFirstWrite;
import io.liaison.neo4j.Timestamps;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * {@code Idempotency-Key} on every POST, in Stripe's manner: the first request with a key runs and its
 * answer (2xx or 4xx) is remembered for {@link IdempotencyConfig#ttl()}; the same request again gets
 * that answer replayed (with {@code Idempotent-Replayed: true}) and writes nothing; another request
 * with the key is 422 {@code IDEMPOTENCY_KEY_REUSED}; a duplicate while the first still runs is 409
 * {@code IDEMPOTENCY_KEY_IN_FLIGHT}. A 5xx is not remembered: the key is released so a retry runs,
 * unless the request's write had committed: the key is marked written in that very transaction
 * ({@link RequestFirstWrite}), and a retry of a written key that has no answer (a crash, or a failure,
 * between the write and storing its answer) is 409 {@code IDEMPOTENCY_KEY_WRITTEN_WITHOUT_ANSWER}, never run twice.
 * Keys are scoped by the caller (the key's location, or the agency), so locations never share one.
 * A read-only request (the POST searches) ignores the key: it writes nothing, so there is nothing to
 * replay and its answer is not stored. An answer carrying a secret ({@link SecretInAnswer}) is stored
 * with the secret withheld.
 */
public class IdempotencyFilters {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;
    private static final String CLAIM_PROPERTY = IdempotencyFilters.class.getName() + ".claim";
    private static final String SECRETS_PROPERTY = IdempotencyFilters.class.getName() + ".secrets";
    private static final Logger LOG = Logger.getLogger(IdempotencyFilters.class);

    private final Caller caller;
    private final IdempotencyRepository repository;
    private final IdempotencyConfig config;
    private final ObjectMapper json;
    private final RequestFirstWrite firstWrite;

    public IdempotencyFilters(Caller caller, IdempotencyRepository repository, IdempotencyConfig config, ObjectMapper json,
            RequestFirstWrite firstWrite) {
        this.caller = caller;
        this.firstWrite = firstWrite;
        this.repository = repository;
        this.config = config;
        this.json = json;
    }

    /** After authentication (priority USER), so the caller's scope is known. */
    @ServerRequestFilter(priority = Priorities.USER + 100)
    public Optional<Response> claimOrReplay(ContainerRequestContext request, ResourceInfo resource) throws IOException {
        String key = request.getHeaderString(HEADER);
        if (key == null || !"POST".equals(request.getMethod()) || resource == null || resource.getResourceClass() == null
                || !Authentication.writes(request)) {
            return Optional.empty();
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw Errors.ValidationFailed.of(HEADER, "must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters");
        }
        String scope = caller.isAgency() ? "agency" : "location:" + caller.location();
        SpooledBody body = SpooledBody.read(request.getEntityStream());
        InputStream replay = body.replay();
        request.setEntityStream(replay);
        String fingerprint = fingerprint(scope, request, body);
        ZonedDateTime now = Timestamps.now();
        IdempotencyRepository.Outcome outcome = repository.claim(scope, key, fingerprint, Ids.newId(), now,
                now.plus(config.ttl()), now.minus(config.abandonedAfter()));
        SecretInAnswer secrets = resource.getResourceMethod() == null ? null : resource.getResourceMethod().getAnnotation(SecretInAnswer.class);
        if (outcome instanceof IdempotencyRepository.Claimed claimed) {
            request.setProperty(CLAIM_PROPERTY, claimed);
            // The key says "written" in the write's own commit: a retry after a crash between the write and
            // the answer below is then refused (IDEMPOTENCY_KEY_WRITTEN_WITHOUT_ANSWER), never run twice.
            firstWrite.commitWithNextWrite(repository.markWrittenWithTheWrite(claimed));
            if (secrets != null) {
                request.setProperty(SECRETS_PROPERTY, secrets.value());
            }
            return Optional.empty();
        }
        if (outcome instanceof IdempotencyRepository.Answered answered) {
            replay.close(); // nobody reads the body now: closing deletes a spooled file
            Response.ResponseBuilder answer = Response.status(answered.status()).entity(answered.body())
                    .header(HttpHeaders.CONTENT_TYPE, answered.contentType()).header(REPLAYED_HEADER, "true");
            if (secrets != null && answered.status() < 300) {
                answer.header(SecretInAnswer.WITHHELD_HEADER, String.join(",", secrets.value()));
            }
            return Optional.of(answer.build());
        }
        replay.close();
        if (outcome instanceof IdempotencyRepository.WrittenWithoutAnswer) {
            throw new Errors.IdempotencyKeyWrittenWithoutAnswer();
        }
        throw outcome instanceof IdempotencyRepository.Reused ? new Errors.IdempotencyKeyReused() : new Errors.IdempotencyKeyInFlight();
    }

    @ServerResponseFilter
    public void rememberAnswer(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(CLAIM_PROPERTY) instanceof IdempotencyRepository.Claimed claimed)) {
            return;
        }
        request.removeProperty(CLAIM_PROPERTY);
        firstWrite.forget();
        try {
            if (response.getStatus() >= 500) {
                repository.release(claimed);
                return;
            }
            Object contentType = response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
            String body = serialized(response.getEntity());
            if (request.getProperty(SECRETS_PROPERTY) instanceof String[] secrets) {
                body = withheld(body, secrets);
            }
            repository.remember(claimed, response.getStatus(), body, contentType == null ? null : contentType.toString(),
                    Timestamps.now(), new IdempotencyRepository.Bounds(config.maxAnswersPerLocation(),
                            config.maxBytesPerLocation().asLongValue()));
        } catch (RuntimeException | JsonProcessingException e) {
            // The answer still goes out. The key stays in flight until abandonedAfter; then a retry runs again
            // if the request wrote nothing, and is refused with IDEMPOTENCY_KEY_WRITTEN_WITHOUT_ANSWER if it wrote.
            LOG.warnf("Could not remember the answer for an Idempotency-Key: %s", e.getMessage());
        }
    }

    /**
     * The answer with its secret fields set to null. An answer that is not a JSON object is stored
     * empty rather than risk keeping a secret.
     */
    String withheld(String body, String[] secrets) {
        JsonNode tree;
        try {
            tree = body.isEmpty() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            tree = null;
        }
        if (!(tree instanceof ObjectNode root)) {
            return body.isEmpty() ? body : "";
        }
        for (String path : secrets) {
            String[] steps = path.split("\\.");
            JsonNode node = root;
            for (int i = 0; i < steps.length - 1 && node != null; i++) {
                node = node.get(steps[i]);
            }
            if (node instanceof ObjectNode parent && parent.has(steps[steps.length - 1])) {
                parent.putNull(steps[steps.length - 1]);
            }
        }
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    private String serialized(Object entity) throws JsonProcessingException {
        if (entity == null) {
            return "";
        }
        if (entity instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return entity instanceof String text ? text : json.writeValueAsString(entity);
    }

    /** What makes two requests "the same": the caller, method, path with query, and the body's bytes. */
    private static String fingerprint(String scope, ContainerRequestContext request, SpooledBody body) {
        var sha = SpooledBody.sha256();
        String target = request.getUriInfo().getRequestUri().getRawPath() + "?"
                + Optional.ofNullable(request.getUriInfo().getRequestUri().getRawQuery()).orElse("");
        sha.update((scope + "\n" + request.getMethod() + "\n" + target + "\n").getBytes(StandardCharsets.UTF_8));
        sha.update(body.digest());
        return HexFormat.of().formatHex(sha.digest());
    }
}
