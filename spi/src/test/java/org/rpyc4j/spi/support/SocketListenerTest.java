package org.rpyc4j.spi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpyc4j.api.ServerOptions;

class SocketListenerTest {
    @Test
    void bindsTheLoopbackOnAnEphemeralPortAndAccepts() throws IOException {
        try (SocketListener listener = SocketListener.bind(ServerOptions.defaults())) {
            assertEquals("127.0.0.1", listener.host());
            assertTrue(listener.port() > 0);
            assertEquals(listener.port(), listener.portOrPath());
            try (Socket client = new Socket("127.0.0.1", listener.port())) {
                AcceptedSocket accepted = listener.accept();
                assertEquals("('127.0.0.1', " + client.getLocalPort() + ")", accepted.addrinfo());
                assertFalse(accepted.isUnix());
                accepted.drop();
                assertEquals(-1, client.getInputStream().read(), "a dropped connection reads end of stream");
            }
        }
    }

    @Test
    void bindsEveryInterfaceForAnEmptyHost() throws IOException {
        try (SocketListener listener = SocketListener.bind(ServerOptions.builder().host("").build())) {
            assertEquals("0.0.0.0", listener.host());
        }
        try (SocketListener listener = SocketListener.bind(ServerOptions.builder().host("").ipv6(true).build())) {
            assertEquals("::", listener.host());
        }
    }

    @Test
    void refusesAHostWithoutAnAddressOfTheFamily() {
        IOException e = assertThrows(IOException.class,
                () -> SocketListener.bind(ServerOptions.builder().host("::1").build()));
        assertTrue(e.getMessage().contains("has no IPv4 address"), e.getMessage());
    }

    @Test
    void listensOnAUnixSocketAndRemovesItOnClose(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("s.sock");
        SocketListener listener = SocketListener.bind(ServerOptions.builder().unixSocketPath(path).build());
        assertEquals("", listener.host());
        assertEquals(0, listener.port());
        assertEquals(path.toString(), listener.portOrPath());
        assertTrue(Files.exists(path));
        listener.close();
        assertFalse(Files.exists(path));
        assertThrows(ClosedChannelException.class, listener::accept);
    }
}
