package io.liaison.event;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The Standard Webhooks signature (standardwebhooks.com), made by its reference Java library: the
 * secret is {@code whsec_} and a base64 key; a message is signed as {@code v1,} and the base64
 * HMAC-SHA256, under that key, of {@code <webhook-id>.<webhook-timestamp>.<body>}. The library signs
 * and verifies but does not make secrets, so a new secret's 32 random bytes are drawn here.
 */
final class WebhookSignature {

    static final String SECRET_PREFIX = "whsec_";
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    static String newSecret() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    static String sign(String secret, String messageId, long timestampSeconds, String body) {
        try {
            return new Webhook(secret).sign(messageId, timestampSeconds, body);
        } catch (WebhookSigningException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
