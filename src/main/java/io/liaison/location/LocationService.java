package io.liaison.location;

import io.liaison.error.Errors;
import io.liaison.neo4j.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class LocationService {

    private final LocationRepository repository;
    private final ApiKeys apiKeys;

    public LocationService(LocationRepository repository, ApiKeys apiKeys) {
        this.repository = repository;
        this.apiKeys = apiKeys;
    }

    public Location create(LocationRequest request) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("id", Ids.newId());
        properties.put("name", request.name().strip());
        putIfPresent(properties, "companyId", request.companyId());
        putIfPresent(properties, "phone", request.phone());
        putIfPresent(properties, "email", request.email());
        putIfPresent(properties, "address", request.address());
        putIfPresent(properties, "city", request.city());
        putIfPresent(properties, "state", request.state());
        putIfPresent(properties, "country", request.country());
        putIfPresent(properties, "postalCode", request.postalCode());
        putIfPresent(properties, "website", request.website());
        putIfPresent(properties, "timezone", request.timezone());
        return repository.create(properties);
    }

    public Location get(String locationId) {
        return find(locationId).orElseThrow(() -> new Errors.NotFound("Location", locationId));
    }

    public Optional<Location> find(String locationId) {
        return Ids.looksLikeId(locationId) ? repository.find(locationId) : Optional.empty();
    }

    /** A new key with every right. The raw key is answered once and only its hash is stored. */
    public String createKey(String locationId) {
        return apiKeys.create(locationId, false).apiKey();
    }

    private static void putIfPresent(Map<String, Object> properties, String key, String value) {
        if (value != null && !value.isBlank()) {
            properties.put(key, value.strip());
        }
    }
}
