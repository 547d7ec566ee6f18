package io.liaison.location;

import io.liaison.error.Errors;
import io.liaison.neo4j.GraphDatabase;
import io.liaison.neo4j.Ids;
import io.liaison.phone.PhoneNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class LocationService {

    private final GraphDatabase db;
    private final LocationRepository repository;
    private final ApiKeys apiKeys;
    private final PhoneNumbers phones;

    public LocationService(GraphDatabase db, LocationRepository repository, ApiKeys apiKeys, PhoneNumbers phones) {
        this.db = db;
        this.repository = repository;
        this.apiKeys = apiKeys;
        this.phones = phones;
    }

    public Location create(LocationRequest request) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("id", Ids.newId());
        properties.put("name", request.name().strip());
        putIfPresent(properties, "companyId", request.companyId());
        try {
            // In E.164, as contacts' and businesses' phones are.
            putIfPresent(properties, "phone", phones.normalize(request.phone()));
        } catch (PhoneNumbers.InvalidPhoneNumber e) {
            throw Errors.ValidationFailed.of("phone", e.getMessage());
        }
        putIfPresent(properties, "email", request.email());
        putIfPresent(properties, "address", request.address());
        putIfPresent(properties, "city", request.city());
        putIfPresent(properties, "state", request.state());
        putIfPresent(properties, "country", request.country());
        putIfPresent(properties, "postalCode", request.postalCode());
        putIfPresent(properties, "website", request.website());
        putIfPresent(properties, "timezone", request.timezone());
        return db.write(tx -> repository.create(tx, properties));
    }

    /** A page of the agency's locations; skip 0 to 10,000, limit 1 to 100 (default 20). */
    public List<Location> page(Integer skip, Integer limit) {
        int from = skip == null ? 0 : skip;
        int size = limit == null ? 20 : limit;
        if (from < 0 || from > 10_000) {
            throw Errors.ValidationFailed.of("skip", "must be between 0 and 10000");
        }
        if (size < 1 || size > 100) {
            throw Errors.ValidationFailed.of("limit", "must be between 1 and 100");
        }
        return db.read(tx -> repository.page(tx, from, size));
    }

    public Location get(String locationId) {
        return find(locationId).orElseThrow(() -> new Errors.NotFound("Location", locationId));
    }

    public Optional<Location> find(String locationId) {
        return Ids.looksLikeId(locationId) ? db.read(tx -> repository.find(tx, locationId)) : Optional.empty();
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
