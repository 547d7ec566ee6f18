package io.liaison.location;

import io.liaison.config.LiaisonConfig;
import io.liaison.config.SecretFiles;
import io.liaison.error.Errors;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The agency token: LIAISON_AGENCY_TOKEN when set, otherwise one generated on the first start whose
 * hash is kept in the graph (so every instance sharing the database accepts it). A generated token
 * can be rotated; the hash is cached for less than a second, so every instance refuses the old token
 * within 1 s of a rotation.
 */
@ApplicationScoped
public class AgencyToken {

    static final String SETTING = "agencyTokenHash";

    private final LiaisonConfig config;
    private final LiaisonSettings settings;
    private final Optional<String> configuredHash;
    private final ShortLivedCache<String, String> storedHash;

    public AgencyToken(LiaisonConfig config, LiaisonSettings settings) {
        this.config = config;
        this.settings = settings;
        this.configuredHash = config.agencyToken().filter(t -> !t.isBlank()).map(Tokens::hash);
        this.storedHash = new ShortLivedCache<>(ApiKeys.cacheTtl(config), 1);
    }

    /** Loads or creates the token; answers the raw token only when it was generated just now. */
    Optional<String> initialise() {
        if (configuredHash.isPresent()) {
            return Optional.empty();
        }
        String candidate = Tokens.newAgencyToken();
        String stored = settings.setIfAbsent(SETTING, Tokens.hash(candidate));
        return Tokens.sameHash(stored, Tokens.hash(candidate)) ? Optional.of(candidate) : Optional.empty();
    }

    private final List<Runnable> rotationListeners = new CopyOnWriteArrayList<>();

    /**
     * Whether {@code token} is the agency token, when that is known without reading the database (a
     * configured token, or the stored hash still cached); empty when only a lookup can tell.
     */
    Optional<Boolean> matchesWithoutLookup(String token) {
        Optional<String> expected = configuredHash.isPresent() ? configuredHash : storedHash.getIfPresent(SETTING);
        return expected.map(hash -> Tokens.sameHash(hash, Tokens.hash(token)));
    }

    boolean matches(String token) {
        Optional<String> expected = configuredHash.isPresent() ? configuredHash : storedHash.get(SETTING, settings::get);
        return expected.isPresent() && Tokens.sameHash(expected.get(), Tokens.hash(token));
    }

    /**
     * A new generated token replaces the old one, which stops working here at once and on every
     * other instance within 1 s. The new token is answered once; when this instance still has the
     * first run's token file, the file gets the new token instead of keeping a dead one.
     */
    public String rotate() {
        if (configuredHash.isPresent()) {
            throw new Errors.Conflict("AGENCY_TOKEN_CONFIGURED",
                    "The agency token is set by LIAISON_AGENCY_TOKEN; change that setting (on every instance) to rotate it", null, null);
        }
        String token = Tokens.newAgencyToken();
        settings.set(SETTING, Tokens.hash(token));
        storedHash.forget(SETTING);
        if (SecretFiles.exists(config.dataDir(), SecretFiles.AGENCY_TOKEN)) {
            SecretFiles.write(config.dataDir(), SecretFiles.AGENCY_TOKEN, token);
        }
        rotationListeners.forEach(Runnable::run);
        return token;
    }

    /** Told at once of a rotation through this instance (open event streams of agency console sessions end). */
    public void onRotate(Runnable listener) {
        rotationListeners.add(listener);
    }
}
