package org.rpyc4j.spi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class ServerLogTest {
    @Test
    void writesPeersAsPythonWritesSocketAddresses() throws UnknownHostException {
        assertEquals("('127.0.0.1', 5000)", ServerLog.addrinfo(new InetSocketAddress("127.0.0.1", 5000)));
        assertEquals("('::1', 5000, 0, 0)", ServerLog.addrinfo(new InetSocketAddress("::1", 5000)));
        assertEquals("('fe80::1', 5000, 0, 3)", ServerLog.addrinfo(new InetSocketAddress(
                java.net.Inet6Address.getByAddress(null, InetAddress.getByName("fe80::1").getAddress(), 3), 5000)));
        assertEquals("", ServerLog.addrinfo(UnixDomainSocketAddress.of("")), "an unnamed Unix client is '' in Python");
        assertEquals("/tmp/s.sock", ServerLog.addrinfo(UnixDomainSocketAddress.of("/tmp/s.sock")));
    }

    @Test
    void writesIpv6AddressesCompressedAsPythonDoes() throws UnknownHostException {
        assertEquals("::", host("::"));
        assertEquals("::1", host("::1"));
        assertEquals("1::", host("1:0:0:0:0:0:0:0"));
        assertEquals("2001:db8::1", host("2001:db8:0:0:0:0:0:1"));
        assertEquals("2001:db8:0:1:1:1:1:1", host("2001:db8:0:1:1:1:1:1"), "a single zero group stays");
        assertEquals("2001:0:0:1::1", host("2001:0:0:1:0:0:0:1"), "the longest run is compressed");
        assertEquals("1::1:0:0:1", host("1:0:0:0:1:0:0:1"), "the first of the longest runs");
        assertEquals("127.0.0.1", host("127.0.0.1"));
    }

    private static String host(String literal) throws UnknownHostException {
        byte[] bytes = InetAddress.getByName(literal).getAddress();
        return ServerLog.host(InetAddress.getByAddress(bytes.length == 16 ? null : literal, bytes));
    }
}
