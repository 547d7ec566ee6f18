package io.liaison.event;

import io.liaison.error.Errors;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a webhook may point. Only http(s) URLs, and by default only hosts that resolve to public
 * addresses: otherwise any key holder could make the service call into the network it runs in
 * (a database admin port, a cloud metadata endpoint). The check runs when subscribing and again
 * before every delivery, since a name can resolve elsewhere later.
 */
final class WebhookTargets {

    static final int MAX_URL_LENGTH = 2048;

    private WebhookTargets() {
    }

    /** The subscription's URL, checked; a 422 naming {@code url} otherwise. */
    static URI check(String url, boolean allowPrivateTargets) {
        if (url == null || url.isBlank()) {
            throw Errors.ValidationFailed.of("url", "is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw Errors.ValidationFailed.of("url", "must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw Errors.ValidationFailed.of("url", "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw Errors.ValidationFailed.of("url", "must be an http or https URL");
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw Errors.ValidationFailed.of("url", "must not carry credentials; check the signature instead");
        }
        if (host(uri).isEmpty()) {
            throw Errors.ValidationFailed.of("url", "must name a host");
        }
        if (uri.getRawFragment() != null) {
            throw Errors.ValidationFailed.of("url", "must not have a fragment");
        }
        // Where the host is, it is refused for what it is (loopback, private, unresolvable) before its spelling.
        refusal(uri, allowPrivateTargets).ifPresent(problem -> {
            throw Errors.ValidationFailed.of("url", problem);
        });
        if (uri.getHost() == null) {
            throw Errors.ValidationFailed.of("url", "host '" + abbreviate(host(uri).get()) + "' is not written as a host name or a "
                    + "dotted IPv4 address (such as 127.1, 2130706433 or a name with '_'); write it in full");
        }
        return uri;
    }

    /**
     * The host a URL names. {@link URI#getHost} is null for hosts it cannot parse as a server, such as the
     * short and numeric IPv4 forms (127.1, 2130706433, 0x7f.1) that resolvers still accept; those are read
     * from the authority, so that they are judged by the address they resolve to.
     */
    private static Optional<String> host(URI uri) {
        String host = uri.getHost();
        if (host == null && uri.getRawAuthority() != null) {
            host = uri.getRawAuthority().replaceFirst(":[0-9]*$", "");
        }
        if (host == null || host.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host);
    }

    /** Why a delivery must not go to {@code uri} now, if it must not. */
    static Optional<String> refusal(URI uri, boolean allowPrivateTargets) {
        Optional<String> named = host(uri);
        if (named.isEmpty()) {
            return Optional.of("the URL names no host");
        }
        String host = named.get();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.of("host '" + abbreviate(host) + "' does not resolve");
        }
        if (allowPrivateTargets) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            if (isPrivate(address)) {
                return Optional.of("resolves to " + address.getHostAddress() + ", " + kind(address) + " address; "
                        + "such targets are refused unless LIAISON_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true");
            }
        }
        return Optional.empty();
    }

    /** What kind of address a refused one is, for the message: "a loopback", "a private", ... */
    static String kind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "a loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local";
        }
        if (address.isSiteLocalAddress() || (address instanceof Inet6Address && ((address.getAddress()[0] & 0xfe) == 0xfc))) {
            return "a private";
        }
        if (address.isAnyLocalAddress()) {
            return "an unspecified (any-local)";
        }
        if (address.isMulticastAddress()) {
            return "a multicast";
        }
        return "a reserved or carrier-grade NAT";
    }

    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0                                   // "this network"
                    || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19))    // benchmarking
                    || first >= 240;                            // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            return (first & 0xfe) == 0xfc; // unique local fc00::/7
        }
        return false;
    }

    private static String abbreviate(String value) {
        return value.length() > 100 ? value.substring(0, 100) + "…" : value;
    }
}
