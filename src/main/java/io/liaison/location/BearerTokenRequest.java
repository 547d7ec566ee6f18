package io.liaison.location;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/**
 * What {@link BearerAuthentication} found on a request for {@link TokenIdentities} to check: the token
 * (from the bearer header, or the one a console session signed in with), the client's address for
 * the bound on failed authentications, and the console session when the token came from one.
 * {@link #toString} never shows the token.
 */
final class BearerTokenRequest extends BaseAuthenticationRequest {

    private final String token;
    private final String clientAddress;
    private final ConsoleSessions.Session session;

    BearerTokenRequest(String token, String clientAddress, ConsoleSessions.Session session) {
        this.token = token;
        this.clientAddress = clientAddress;
        this.session = session;
    }

    String token() {
        return token;
    }

    String clientAddress() {
        return clientAddress;
    }

    /** The console session the token came from; null for a bearer header. */
    ConsoleSessions.Session session() {
        return session;
    }

    @Override
    public String toString() {
        return "BearerTokenRequest[from " + clientAddress + (session == null ? "" : ", console session") + "]";
    }
}
