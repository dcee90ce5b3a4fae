package org.rpyc4j.registry.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rpyc4j.api.RegistryClientOptions;
import org.rpyc4j.api.RegistryServerOptions;

/** What is particular to UDP: broadcast, answers that never come, IPv6. */
class UdpRegistryClientTest {
    @Test
    void broadcastsByDefaultAndWhenADottedPartIs255() {
        assertTrue(new UdpRegistryClient(RegistryClientOptions.defaults()).broadcast());
        assertEquals("255.255.255.255", new UdpRegistryClient(RegistryClientOptions.defaults()).host());
        assertTrue(new UdpRegistryClient(RegistryClientOptions.of("10.0.255.255", 18811)).broadcast());
        assertFalse(new UdpRegistryClient(RegistryClientOptions.of("127.0.0.1", 18811)).broadcast());
        assertFalse(new UdpRegistryClient(RegistryClientOptions.builder().host("10.0.255.255").broadcast(false).build())
                .broadcast());
    }

    @Test
    void withoutARegistryQueriesYieldNothingAndRegistrationsFailAfterTheTimeout() throws IOException {
        int silent;
        try (DatagramSocket nobody = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            silent = nobody.getLocalPort();   // bound, never answers
            UdpRegistryClient client = new UdpRegistryClient(RegistryClientOptions.builder().host("127.0.0.1").port(silent)
                    .timeout(Duration.ofMillis(300)).build());
            long start = System.nanoTime();
            assertEquals(List.of(), client.discover("X"));
            assertEquals(List.of(), client.list());
            assertFalse(client.register(List.of("X"), 1, "127.0.0.1"));
            client.unregister(1);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofMillis(850)) >= 0 && took.compareTo(Duration.ofSeconds(5)) < 0, took::toString);
        }
    }

    @Test
    void overIpv6Loopback() {
        InetSocketAddress v6;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            v6 = (InetSocketAddress) probe.getLocalSocketAddress();
        } catch (IOException e) {
            assumeTrue(false, "no IPv6 loopback here: " + e);
            return;
        }
        assertTrue(v6.getPort() > 0);
        try (UdpRegistryServer server = new UdpRegistryServer(RegistryServerOptions.builder().host("::1").port(0)
                .allowListing(true).build())) {
            server.start();
            assertEquals("::1", server.host());
            UdpRegistryClient client = new UdpRegistryClient(RegistryClientOptions.of("::1", server.port()));
            assertTrue(client.register(List.of("SIX"), 6666, "::1"));
            assertEquals(List.of(new InetSocketAddress("::1", 6666)), client.discover("six"));
            assertEquals(List.of("SIX"), client.list("::1"), "the host as Python prints it");
        }
    }

    @Test
    void aServerListeningEverywhereRegistersWithAnIpv4Registry() {
        try (UdpRegistryServer server = new UdpRegistryServer(RegistryServerOptions.builder().host("127.0.0.1").port(0).build())) {
            server.start();
            UdpRegistryClient client = new UdpRegistryClient(RegistryClientOptions.of("127.0.0.1", server.port()));
            assertTrue(client.register(List.of("ANY"), 1, "0.0.0.0"));
            assertTrue(client.register(List.of("ANY"), 2, "::"), "an IPv6 interface falls back to any interface");
            assertEquals(2, client.discover("any").size());
        }
    }
}
