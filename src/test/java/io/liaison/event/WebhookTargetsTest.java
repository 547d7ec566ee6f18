package io.liaison.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which addresses a webhook may reach: the IANA special-purpose registries, IPv4 and IPv6, are refused. */
class WebhookTargetsTest {

    private static InetAddress literal(String address) throws UnknownHostException {
        return InetAddress.getByName(address); // a literal: no DNS lookup
    }

    @Test
    void everyIpv4SpecialPurposeRangeIsRefused() throws Exception {
        for (String address : List.of("0.0.0.0", "0.1.2.3", "10.0.0.1", "100.64.0.1", "100.127.255.254", "127.0.0.1", "127.8.9.10",
                "169.254.169.254", "172.16.0.1", "172.31.255.255", "192.0.0.1", "192.0.0.170", "192.0.2.1", "192.0.2.255",
                "192.31.196.1", "192.52.193.1", "192.88.99.1", "192.168.1.1", "192.175.48.1", "198.18.0.1", "198.19.255.255",
                "198.51.100.7", "203.0.113.9", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255")) {
            assertTrue(WebhookTargets.isPrivate(literal(address)), address + " must be refused");
        }
    }

    @Test
    void everyIpv6SpecialPurposeRangeIsRefused() throws Exception {
        for (String address : List.of("::", "::1", "::127.0.0.1", "::a00:1", "64:ff9b::7f00:1", "64:ff9b::a00:1", "64:ff9b:1::1",
                "100::1", "2001::1", "2001:2::1", "2001:10::1", "2001:20::1", "2001:db8::1", "2001:db8:ffff::1", "2002:7f00:1::",
                "2002:a00:1::1", "2002:c0a8:101::1", "2620:4f:8000::1", "3fff::1", "3fff:fff::1", "5f00::1", "fc00::1", "fd12:3456::1",
                "fe80::1", "fec0::1", "ff02::1", "::ffff:7f00:1")) {
            assertTrue(WebhookTargets.isPrivate(literal(address)), address + " must be refused");
        }
    }

    @Test
    void ipv4MappedFormsAreCheckedAsTheIpv4TheyCarry() throws Exception {
        // The JDK turns ::ffff:a.b.c.d into an IPv4 address; the check holds either way.
        assertTrue(WebhookTargets.isPrivate(literal("::ffff:127.0.0.1")));
        assertTrue(WebhookTargets.isPrivate(literal("::ffff:10.1.2.3")));
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) 192;
        mapped[13] = (byte) 168;
        mapped[15] = 1;
        assertTrue(WebhookTargets.isPrivate(java.net.Inet6Address.getByAddress(null, mapped, -1)));
    }

    @Test
    void publicAddressesAreAllowed() throws Exception {
        for (String address : List.of("93.184.215.14", "1.1.1.1", "8.8.8.8", "192.0.3.1", "192.88.100.1", "198.51.101.1", "203.0.114.1",
                "100.128.0.1", "172.32.0.1", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "2a00:1450:4001:82a::200e",
                "64:ff9b::5db8:d70e", "2002:5db8:d70e::1", "::ffff:93.184.215.14")) {
            assertFalse(WebhookTargets.isPrivate(literal(address)), address + " is public");
        }
    }

    @Test
    void bracketedIpv6UrlsEmbeddingLoopbackAreRefused() {
        // An IP literal's refusal names its kind: the subscriber wrote the address, no DNS answer is told.
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("http://[::127.0.0.1]/", "an IPv4-compatible form of a loopback address");
        kinds.put("http://[64:ff9b::7f00:1]/", "a NAT64 form of a loopback address");
        kinds.put("http://[2002:7f00:1::]/", "a 6to4 form of a loopback address");
        kinds.put("http://[::ffff:127.0.0.1]/", "a loopback address");
        kinds.put("http://[::1]/", "a loopback address");
        kinds.put("http://[fd00::1]/", "a private (unique local) address");
        kinds.put("http://[2001:db8::1]/", "a documentation address");
        kinds.put("http://192.0.2.1/", "a documentation address");
        kinds.put("http://198.51.100.1/", "a documentation address");
        kinds.put("http://203.0.113.1/", "a documentation address");
        kinds.put("http://192.88.99.1/", "a 6to4 relay anycast address");
        kinds.forEach((url, kind) -> {
            var refused = assertThrows(WebhookTargets.Refused.class, () -> WebhookTargets.resolve(URI.create(url), false), url);
            assertTrue(refused.getMessage().contains(", " + kind + "; "), refused.getMessage());
            assertTrue(refused.getMessage().contains("LIAISON_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true"), refused.getMessage());
        });
    }

    @Test
    void everySpecialPurposeAddressHasAKind() throws Exception {
        for (String address : List.of("0.1.2.3", "100.64.0.1", "169.254.169.254", "192.0.0.170", "192.31.196.1", "192.52.193.1",
                "192.175.48.1", "198.18.0.1", "224.0.0.1", "255.255.255.255", "::", "100::1", "2001::1", "64:ff9b:1::1", "fe80::1",
                "fec0::1", "ff02::1", "5f00::1", "3fff::1", "2620:4f:8000::1")) {
            assertTrue(WebhookTargets.kind(literal(address)).isPresent(), address);
        }
        assertEquals("a carrier-grade NAT", WebhookTargets.kind(literal("100.64.0.1")).orElseThrow());
        assertEquals("a link-local", WebhookTargets.kind(literal("169.254.169.254")).orElseThrow());
        assertEquals("a multicast", WebhookTargets.kind(literal("ff02::1")).orElseThrow());
        assertFalse(WebhookTargets.kind(literal("93.184.215.14")).isPresent());
    }

    /** java.net.URI reads no host in 127.1 or 2130706433; they are judged by the address they stand for. */
    @Test
    void shortAndNumericIpv4FormsAreJudgedByTheirAddress() {
        for (String url : List.of("http://127.1/", "http://127.1:8080/x", "http://2130706433/", "http://0x7f000001/", "http://127.0.1/")) {
            var refused = assertThrows(WebhookTargets.Refused.class, () -> WebhookTargets.resolve(URI.create(url), false), url);
            assertTrue(refused.getMessage().contains("LIAISON_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true"), refused.getMessage());
        }
        var shortForm = assertThrows(WebhookTargets.Refused.class, () -> WebhookTargets.resolve(URI.create("http://127.1/"), false));
        assertTrue(shortForm.getMessage().contains("resolves to 127.0.0.1, a loopback address"), shortForm.getMessage());
        var numeric = assertThrows(WebhookTargets.Refused.class, () -> WebhookTargets.resolve(URI.create("http://2130706433/"), false));
        assertTrue(numeric.getMessage().contains("resolves to 127.0.0.1, a loopback address"), numeric.getMessage());
        var privateForm = assertThrows(WebhookTargets.Refused.class, () -> WebhookTargets.resolve(URI.create("http://10.1/"), false));
        assertTrue(privateForm.getMessage().contains("resolves to 10.0.0.1, a private address"), privateForm.getMessage());
    }

    /**
     * Where private targets are allowed, or the address is public, a short form URI reads no host in is still
     * refused: the sender could not name its host. A lone number is a host to URI, and is sent to as such.
     */
    @Test
    void aShortFormThatPassesIsRefusedForItsSpelling() throws Exception {
        var spelled = assertThrows(WebhookTargets.Refused.class, () -> WebhookTargets.resolve(URI.create("http://127.1/"), true));
        assertTrue(spelled.getMessage().contains("write it in full"), spelled.getMessage());
        assertEquals(literal("127.0.0.1"), WebhookTargets.resolve(URI.create("http://2130706433/"), true).address());
        var refused = assertThrows(WebhookTargets.Refused.class, () -> WebhookTargets.resolve(URI.create("http://1.1/"), false));
        assertTrue(refused.getMessage().contains("write it in full"), refused.getMessage());
    }

    @Test
    void credentialsInAnUnparsedAuthorityAreRefused() {
        var refused = assertThrows(io.liaison.error.Errors.ValidationFailed.class, () -> WebhookTargets.check("http://user:pw@127.1/", true));
        assertTrue(refused.getMessage().contains("must not carry credentials"), refused.getMessage());
    }

    @Test
    void aRefusalSaysNeitherWhereANameResolvesNorWhetherItResolves() {
        var unresolvable = assertThrows(WebhookTargets.Refused.class,
                () -> WebhookTargets.resolve(URI.create("http://no-such-host.invalid/"), false));
        var loopback = assertThrows(WebhookTargets.Refused.class, () -> WebhookTargets.resolve(URI.create("http://localhost/"), false));
        assertEquals(unresolvable.getMessage().replace("no-such-host.invalid", "H"), loopback.getMessage().replace("localhost", "H"));
        assertFalse(loopback.getMessage().contains("127.0.0.1"), loopback.getMessage());
    }

    @Test
    void theCheckedAddressIsTheOneToConnectTo() throws Exception {
        var resolved = WebhookTargets.resolve(URI.create("https://93.184.215.14/hooks"), false);
        assertEquals(literal("93.184.215.14"), resolved.address());
    }
}
