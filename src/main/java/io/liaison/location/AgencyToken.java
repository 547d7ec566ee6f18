package io.liaison.location;

import io.liaison.config.LiaisonConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The agency token: LIAISON_AGENCY_TOKEN when set, otherwise one generated on the first start whose
 * hash is kept in the graph (so every instance sharing the database accepts it).
 */
@ApplicationScoped
public class AgencyToken {

    static final String SETTING = "agencyTokenHash";

    private final LiaisonConfig config;
    private final LocationRepository repository;
    private volatile String hash;

    public AgencyToken(LiaisonConfig config, LocationRepository repository) {
        this.config = config;
        this.repository = repository;
    }

    /** Loads or creates the token; answers the raw token only when it was generated just now. */
    Optional<String> initialise() {
        Optional<String> configured = config.agencyToken().filter(t -> !t.isBlank());
        if (configured.isPresent()) {
            hash = Tokens.hash(configured.get());
            return Optional.empty();
        }
        String candidate = Tokens.newAgencyToken();
        String stored = repository.settingIfAbsent(SETTING, Tokens.hash(candidate));
        hash = stored;
        return Tokens.sameHash(stored, Tokens.hash(candidate)) ? Optional.of(candidate) : Optional.empty();
    }

    boolean matches(String token) {
        String expected = hash;
        if (expected == null) {
            expected = config.agencyToken().map(Tokens::hash)
                    .orElseGet(() -> repository.setting(SETTING).orElse(null));
            hash = expected;
        }
        return Tokens.sameHash(expected, Tokens.hash(token));
    }
}
