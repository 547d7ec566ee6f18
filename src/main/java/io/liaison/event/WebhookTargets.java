package io.liaison.event;

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
 */
final class WebhookTargets {

    static final int MAX_URL_LENGTH = 2048;

    /** What a refused target is told: the same words whether the name does not resolve or resolves inside. */
    static final String NOT_PUBLIC = "does not resolve to a public address; loopback, private, link-local, documentation "
            + "and other special-purpose addresses are refused unless LIAISON_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true";

    /** The IANA IPv4 Special-Purpose Address Registry, plus multicast and the broadcast address. */
    private static final List<Cidr> SPECIAL_IPV4 = Cidr.all(
            "0.0.0.0/8",          // "this network"
            "10.0.0.0/8",         // private
            "100.64.0.0/10",      // carrier-grade NAT
            "127.0.0.0/8",        // loopback
            "169.254.0.0/16",     // link-local, cloud metadata endpoints
            "172.16.0.0/12",      // private
            "192.0.0.0/24",       // IETF protocol assignments (DS-Lite, NAT64 discovery, ...)
            "192.0.2.0/24",       // TEST-NET-1
            "192.31.196.0/24",    // AS112-v4
            "192.52.193.0/24",    // AMT
            "192.88.99.0/24",     // 6to4 relay anycast (deprecated)
            "192.168.0.0/16",     // private
            "192.175.48.0/24",    // direct delegation AS112
            "198.18.0.0/15",      // benchmarking
            "198.51.100.0/24",    // TEST-NET-2
            "203.0.113.0/24",     // TEST-NET-3
            "224.0.0.0/4",        // multicast
            "240.0.0.0/4");       // reserved, and 255.255.255.255

    /** IPv6 ranges refused outright. Anything outside 2000::/3 (global unicast) is refused as well. */
    private static final List<Cidr> SPECIAL_IPV6 = Cidr.all(
            "64:ff9b:1::/48",     // local-use IPv4/IPv6 translation
            "2001::/23",          // IETF protocol assignments (Teredo, benchmarking, ORCHID, ...)
            "2001:db8::/32",      // documentation
            "2620:4f:8000::/48",  // direct delegation AS112
            "3fff::/20");         // documentation (RFC 9637)
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
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw Errors.ValidationFailed.of("url", "must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw Errors.ValidationFailed.of("url", "must not carry credentials; check the signature instead");
        }
        if (uri.getRawFragment() != null) {
            throw Errors.ValidationFailed.of("url", "must not have a fragment");
        }
        return uri;
    }

    /**
     * Resolves the host once and checks every address it resolves to; the delivery connects to the
     * address answered here. The refusal says neither which address a name resolved to nor whether it
     * resolved at all, so a subscriber learns nothing of the network the service runs in.
     */
    static Resolved resolve(URI uri, boolean allowPrivateTargets) throws Refused {
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException | SecurityException e) {
            throw new Refused("host '" + abbreviate(host) + "' " + NOT_PUBLIC);
        }
        if (addresses.length == 0) {
            throw new Refused("host '" + abbreviate(host) + "' " + NOT_PUBLIC);
        }
        if (!allowPrivateTargets) {
            for (InetAddress address : addresses) {
                if (isPrivate(address)) {
                    throw new Refused("host '" + abbreviate(host) + "' " + NOT_PUBLIC);
                }
            }
        }
        return new Resolved(uri, addresses[0]);
    }

    /** Whether {@code address} is anything but a public unicast address. */
    static boolean isPrivate(InetAddress address) {
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isSpecialIpv4(b);
        }
        if (address instanceof Inet6Address) {
            if (IPV4_MAPPED.contains(b) || IPV4_COMPATIBLE.contains(b) || NAT64.contains(b)) {
                // ::/96 holds :: and ::1 too; those embed 0.0.0.0 and 0.0.0.1, both refused.
                return isSpecialIpv4(Arrays.copyOfRange(b, 12, 16));
            }
            if (SIX_TO_FOUR.contains(b)) {
                return isSpecialIpv4(Arrays.copyOfRange(b, 2, 6));
            }
            if (!GLOBAL_UNICAST.contains(b)) {
                return true; // ::/8, 100::/64, fc00::/7, fe80::/10, fec0::/10, ff00::/8, 5f00::/16, unassigned space
            }
            return SPECIAL_IPV6.stream().anyMatch(range -> range.contains(b));
        }
        return true;
    }

    private static boolean isSpecialIpv4(byte[] b) {
        return SPECIAL_IPV4.stream().anyMatch(range -> range.contains(b));
    }

    private static String abbreviate(String value) {
        return value.length() > 100 ? value.substring(0, 100) + "…" : value;
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

        static List<Cidr> all(String... cidrs) {
            return Arrays.stream(cidrs).map(Cidr::of).toList();
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
