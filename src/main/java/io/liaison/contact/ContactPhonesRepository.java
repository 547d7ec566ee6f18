package io.liaison.contact;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Values;

/**
 * The Cypher of {@link ContactPhonesInE164}: contacts whose phone was stored as typed, before phones were
 * stored in E.164, and their conversion; each method one statement in the transaction the migration opened.
 */
@ApplicationScoped
class ContactPhonesRepository {

    /** A contact's phone as it is stored. */
    public record StoredPhone(String id, String locationId, String phone) {
    }

    /** A phone in E.164 and its digits, for the contact {@code id}. */
    public record Conversion(String id, String locationId, String phone, String digits) {
    }

    private static final String NOT_IN_E164 = """
            MATCH (c:Record:Contact)
            WHERE c.id > $afterId AND c.phone IS NOT NULL AND NOT c.phone =~ '\\\\+[1-9][0-9]{6,14}'
            RETURN c.id AS id, c.locationId AS locationId, c.phone AS phone
            ORDER BY c.id LIMIT $limit""";
    /**
     * A number another contact of the location already has (in E.164, or converted earlier) stays as it
     * was typed: the two were duplicates before, and the uniqueness rule keeps one phone per contact. The
     * search text keeps the typed form and gains the new one; a display name that was the phone follows it.
     */
    private static final String CONVERT = """
            UNWIND $conversions AS conversion
            MATCH (c:Record:Contact {id: conversion.id, locationId: conversion.locationId}) USING INDEX c:Record(id)
            WHERE NOT EXISTS { MATCH (other:Contact {locationId: c.locationId, phoneDigits: conversion.digits}) WHERE other <> c }
            SET c.displayName = CASE c.displayName WHEN c.phone THEN conversion.phone ELSE c.displayName END,
                c.searchText = trim(coalesce(c.searchText, '') + ' ' + toLower(conversion.phone) + ' ' + conversion.digits),
                c.phone = conversion.phone,
                c.phoneDigits = conversion.digits
            RETURN count(c) AS converted""";

    /** Up to {@code limit} contacts after {@code afterId} (by id) whose phone is not in E.164. */
    public List<StoredPhone> notInE164(TransactionContext tx, String afterId, int limit) {
        return tx.run(NOT_IN_E164, Values.parameters("afterId", afterId, "limit", limit)).list(r ->
                new StoredPhone(r.get("id").asString(), r.get("locationId").asString(null), r.get("phone").asString()));
    }

    /** Writes the conversions; answers how many were written. */
    public long convert(TransactionContext tx, List<Conversion> conversions) {
        List<Map<String, Object>> rows = conversions.stream().map(c -> Map.<String, Object>of("id", c.id(), "locationId",
                c.locationId(), "phone", c.phone(), "digits", c.digits())).toList();
        return tx.run(CONVERT, Values.parameters("conversions", rows)).single().get("converted").asLong();
    }
}
