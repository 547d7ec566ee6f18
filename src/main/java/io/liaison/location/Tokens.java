package io.liaison.location;

import io.liaison.neo4j.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Secrets are random and long, so a plain SHA-256 is enough to store them: nothing a client can
 * guess maps back to a stored hash, and the raw value is never written anywhere.
 */
final class Tokens {
    private Tokens() {
    }

    public static String newLocationKey() {
        return "lk_" + Ids.random(40);
    }

    public static String newAgencyToken() {
        return "agency_" + Ids.random(40);
    }

    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time comparison of two hex hashes. */
    public static boolean sameHash(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
