package org.rpyc4j.registry.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rpyc4j.api.RegistryClientOptions;
import org.rpyc4j.api.RegistryServer;
import org.rpyc4j.api.RegistryServerOptions;
import org.rpyc4j.registry.udp.UdpRegistryClient;
import org.rpyc4j.registry.udp.UdpRegistryServer;
import org.rpyc4j.spi.registry.Registries;
import org.rpyc4j.spi.registry.TransportInfo;

/** Both transports are found by name, ignoring case. */
class RegistryTransportsTest {
    @Test
    void udpAndTcpAreFoundByNameIgnoringCase() {
        List<TransportInfo> available = Registries.available();
        assertEquals(List.of("TCP", "UDP"), available.stream().map(TransportInfo::name).toList());
        assertTrue(available.stream().allMatch(TransportInfo::available));
        assertInstanceOf(UdpRegistryClient.class, Registries.client("udp", RegistryClientOptions.defaults()));
        assertInstanceOf(TcpRegistryClient.class, Registries.client("Tcp", RegistryClientOptions.of("127.0.0.1", 18811)));
        RegistryServerOptions loopback = RegistryServerOptions.builder().host("127.0.0.1").port(0).build();
        try (RegistryServer tcp = Registries.server("tcp", loopback); RegistryServer udp = Registries.server("UDP", loopback)) {
            assertInstanceOf(TcpRegistryServer.class, tcp);
            assertInstanceOf(UdpRegistryServer.class, udp);
            assertEquals("TCP", tcp.transport());
            assertEquals("UDP", udp.transport());
        }
    }
}
