package io.liaison.event;

import io.liaison.error.QuotedValues;
import io.liaison.error.Errors;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a webhook may point. Only http(s) URLs, and by default only hosts that resolve to public
 * addresses: otherwise any key holder could make the service call into the network it runs in
 * (a database admin port, a cloud metadata endpoint). The check runs when subscribing and again
 * before every delivery, since a name can resolve elsewhere later; a delivery then connects to the
 * very address it checked ({@link #resolve}), so a DNS answer that changes in between is not used.
 *
 * <p>Public means: no address in any IANA special-purpose range (IPv4 and IPv6 registries), and for
 * IPv6 forms that carry an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4) the carried
 * address must be public as well.
 *
 * <p>The short and numeric IPv4 forms that resolvers still accept (127.1, 2130706433) are judged by
 * the address they stand for; where {@link URI#getHost} reads no host in them (127.1), the host is read
 * from the authority, and the spelling, which the sender could not use, is refused only after that.
 */
final class WebhookTargets {

    static final int MAX_URL_LENGTH = 2048;

    /** What a refused target is told: the same words whether the name does not resolve or resolves inside. */
    static final String NOT_PUBLIC = "does not resolve to a public address; loopback, private, link-local, documentation "
            + "and other special-purpose addresses are refused unless LIAISON_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true";

    /**
     * An IP literal as a URL may carry it: IPv6 (bracketed in the URL), or IPv4 in any of the dotted, short
     * and numeric forms (127.0.0.1, 127.1, 2130706433, 0x7f.1). No DNS name has an all-numeric last label.
     */
    private static final Pattern IPV4_LITERAL = Pattern.compile("(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+)){0,3}",
            Pattern.CASE_INSENSITIVE);

    /** The IANA IPv4 Special-Purpose Address Registry, plus multicast and the broadcast address; each with its kind. */
    private static final List<Range> SPECIAL_IPV4 = List.of(
            Range.of("0.0.0.0/8", "an unspecified (this network)"),
            Range.of("10.0.0.0/8", "a private"),
            Range.of("100.64.0.0/10", "a carrier-grade NAT"),
            Range.of("127.0.0.0/8", "a loopback"),
            Range.of("169.254.0.0/16", "a link-local"),           // cloud metadata endpoints
            Range.of("172.16.0.0/12", "a private"),
            Range.of("192.0.0.0/24", "an IETF protocol assignment"), // DS-Lite, NAT64 discovery, ...
            Range.of("192.0.2.0/24", "a documentation"),          // TEST-NET-1
            Range.of("192.31.196.0/24", "an AS112"),
            Range.of("192.52.193.0/24", "an AMT relay"),
            Range.of("192.88.99.0/24", "a 6to4 relay anycast"),   // deprecated
            Range.of("192.168.0.0/16", "a private"),
            Range.of("192.175.48.0/24", "an AS112"),              // direct delegation
            Range.of("198.18.0.0/15", "a benchmarking"),
            Range.of("198.51.100.0/24", "a documentation"),       // TEST-NET-2
            Range.of("203.0.113.0/24", "a documentation"),        // TEST-NET-3
            Range.of("224.0.0.0/4", "a multicast"),
            Range.of("240.0.0.0/4", "a reserved"));               // and 255.255.255.255, broadcast

    /** IPv6 ranges refused outright. Anything outside 2000::/3 (global unicast) is refused as well. */
    private static final List<Range> SPECIAL_IPV6 = List.of(
            Range.of("64:ff9b:1::/48", "a local-use IPv4/IPv6 translation"),
            Range.of("2001::/23", "an IETF protocol assignment"),  // Teredo, benchmarking, ORCHID, ...
            Range.of("2001:db8::/32", "a documentation"),
            Range.of("2620:4f:8000::/48", "an AS112"),             // direct delegation
            Range.of("3fff::/20", "a documentation"));             // RFC 9637
    /** Outside global unicast: the kinds told apart, and "a reserved" for the rest (::/8, 100::/64, 5f00::/16, unassigned). */
    private static final List<Range> NON_GLOBAL_IPV6 = List.of(
            Range.of("fc00::/7", "a private (unique local)"),
            Range.of("fe80::/10", "a link-local"),
            Range.of("fec0::/10", "a site-local"),
            Range.of("ff00::/8", "a multicast"));
    private static final Cidr GLOBAL_UNICAST = Cidr.of("2000::/3");
    /** Forms that carry an IPv4 address in their last 32 bits, or (6to4) in bits 16 to 48. */
    private static final Cidr IPV4_MAPPED = Cidr.of("::ffff:0:0/96");
    private static final Cidr IPV4_COMPATIBLE = Cidr.of("::/96");
    private static final Cidr NAT64 = Cidr.of("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.of("2002::/16");

    private WebhookTargets() {
    }

    /** A target that passed the check: connect to {@code address}, and speak to {@code uri}'s host over it. */
    record Resolved(URI uri, InetAddress address) {
    }

    /** Why a target is not used; {@link #getMessage()} is safe to show to the subscriber. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The subscription's URL, checked; a 422 naming {@code url} otherwise. */
    static URI check(String url, boolean allowPrivateTargets) {
        URI uri = parse(url);
        try {
            resolve(uri, allowPrivateTargets);
        } catch (Refused refused) {
            throw Errors.ValidationFailed.of("url", refused.getMessage());
        }
        return uri;
    }

    private static URI parse(String url) {
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
        return uri;
    }

    /**
     * The host a URL names. {@link URI#getHost} is null for hosts it cannot parse as a server, such as the
     * short IPv4 forms (127.1, 10.1) that resolvers still accept; those are read from the authority, so
     * that they are judged by the address they stand for, as a lone number (2130706433) already is.
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

    /** Whether {@code host} is an IP literal: the subscriber wrote the address, and no DNS answer is involved. */
    private static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || IPV4_LITERAL.matcher(host).matches();
    }

    /**
     * Resolves the host once and checks every address it resolves to; the delivery connects to the
     * address answered here. For a DNS name the refusal says neither which address it resolved to nor
     * whether it resolved at all, so a subscriber learns nothing of the network the service runs in;
     * for an IP literal (in any of its forms) it names the address and its kind, which the subscriber
     * wrote. A host {@link URI#getHost} does not parse (127.1) is then refused for its spelling.
     */
    static Resolved resolve(URI uri, boolean allowPrivateTargets) throws Refused {
        Optional<String> named = host(uri);
        if (named.isEmpty()) {
            throw new Refused("URL names no host");
        }
        String host = named.get();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException | SecurityException e) {
            throw new Refused("host '" + QuotedValues.abbreviate(host, 100) + "' " + NOT_PUBLIC);
        }
        if (addresses.length == 0) {
            throw new Refused("host '" + QuotedValues.abbreviate(host, 100) + "' " + NOT_PUBLIC);
        }
        if (!allowPrivateTargets) {
            for (InetAddress address : addresses) {
                Optional<String> kind = kind(address);
                if (kind.isPresent()) {
                    throw new Refused(isLiteral(host)
                            ? "host '" + QuotedValues.abbreviate(host, 100) + "' resolves to " + address.getHostAddress() + ", " + kind.get()
                                    + " address; such targets are refused unless LIAISON_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true"
                            : "host '" + QuotedValues.abbreviate(host, 100) + "' " + NOT_PUBLIC);
                }
            }
        }
        if (uri.getHost() == null) {
            // Judged by its address first; a spelling the sender cannot use (Host header, TLS name) is refused after.
            throw new Refused("host '" + QuotedValues.abbreviate(host, 100) + "' is not written as a host name or a dotted IPv4 address "
                    + "(such as 127.1 or a name with '_'); write it in full");
        }
        return new Resolved(uri, addresses[0]);
    }

    /** Whether {@code address} is anything but a public unicast address. */
    static boolean isPrivate(InetAddress address) {
        return kind(address).isPresent();
    }

    /**
     * What kind of special-purpose address {@code address} is, for a refusal's words ("a loopback", "a
     * documentation", "an IPv4-mapped form of a private", ...); empty for a public unicast address.
     */
    static Optional<String> kind(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return kindOfIpv4(b);
        }
        if (address instanceof Inet6Address) {
            if (address.isAnyLocalAddress()) {
                return Optional.of("an unspecified");
            }
            if (address.isLoopbackAddress()) {
                return Optional.of("a loopback");
            }
            if (IPV4_MAPPED.contains(b) || IPV4_COMPATIBLE.contains(b) || NAT64.contains(b)) {
                // ::/96 holds :: and ::1 too, told apart above.
                String form = NAT64.contains(b) ? "a NAT64" : IPV4_MAPPED.contains(b) ? "an IPv4-mapped" : "an IPv4-compatible";
                return kindOfIpv4(Arrays.copyOfRange(b, 12, 16)).map(kind -> form + " form of " + kind);
            }
            if (SIX_TO_FOUR.contains(b)) {
                return kindOfIpv4(Arrays.copyOfRange(b, 2, 6)).map(kind -> "a 6to4 form of " + kind);
            }
            if (!GLOBAL_UNICAST.contains(b)) {
                // ::/8, 100::/64, fc00::/7, fe80::/10, fec0::/10, ff00::/8, 5f00::/16, unassigned space
                return Optional.of(kindIn(NON_GLOBAL_IPV6, b).orElse("a reserved"));
            }
            return kindIn(SPECIAL_IPV6, b);
        }
        return Optional.of("an unknown");
    }

    private static Optional<String> kindOfIpv4(byte[] b) {
        return kindIn(SPECIAL_IPV4, b);
    }

    private static Optional<String> kindIn(List<Range> ranges, byte[] b) {
        return ranges.stream().filter(range -> range.cidr().contains(b)).map(Range::kind).findFirst();
    }


    /** A special-purpose range and its kind, as a refusal names it ("a loopback" address). */
    private record Range(Cidr cidr, String kind) {

        static Range of(String cidr, String kind) {
            return new Range(Cidr.of(cidr), kind);
        }
    }

    /** An address range written as a CIDR literal. */
    private record Cidr(byte[] network, int prefix) {

        static Cidr of(String cidr) {
            int slash = cidr.indexOf('/');
            try {
                // Literals only: getByName does not resolve them. An IPv4-mapped literal would come back
                // as IPv4, so ::ffff:0:0/96 is built by hand.
                byte[] network = cidr.startsWith("::ffff:0:0")
                        ? new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0}
                        : InetAddress.getByName(cidr.substring(0, slash)).getAddress();
                return new Cidr(network, Integer.parseInt(cidr.substring(slash + 1)));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(cidr, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
