package org.rpyc4j.server.forking.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native calls, in one process: a descriptor sent over a Unix socket arrives as a working copy. */
class PosixTest {
    @Test
    void passesADescriptorWithItsPayload(@TempDir Path dir) throws IOException {
        Path control = dir.resolve("c.sock");
        int listener = Posix.listenUnix(control, 1);
        try (ServerSocketChannel tcp = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SocketChannel client = SocketChannel.open(tcp.getLocalAddress());
             SocketChannel accepted = tcp.accept()) {
            int sender = Posix.connectUnix(control);
            int receiver = Posix.accept(listener);
            try {
                int fd = DescriptorFinder.descriptorOf(tcp);
                Posix.sendDescriptor(sender, fd, "('127.0.0.1', 1)".getBytes(StandardCharsets.UTF_8));
                assertEquals(receiver, Posix.awaitReadable(5000, receiver));
                Posix.Received received = Posix.receiveDescriptor(receiver, 100);
                assertArrayEquals("('127.0.0.1', 1)".getBytes(StandardCharsets.UTF_8), received.payload());
                assertNotEquals(fd, received.fd(), "a new descriptor for the same socket");
                assertTrue(Posix.isListening(received.fd()));
                assertEquals(tcp.getLocalAddress(), Posix.localAddress(received.fd()));
                Posix.close(received.fd());
            } finally {
                Posix.close(sender);
                Posix.close(receiver);
            }
            assertTrue(client.isConnected());
        } finally {
            Posix.close(listener);
        }
    }

    @Test
    void tellsListeningSocketsAndEndOfStream(@TempDir Path dir) throws IOException {
        Path control = dir.resolve("c.sock");
        int listener = Posix.listenUnix(control, 1);
        try {
            assertTrue(Posix.isListening(listener));
            assertEquals(UnixDomainSocketAddress.of(control), Posix.localAddress(listener));
            int sender = Posix.connectUnix(control);
            int receiver = Posix.accept(listener);
            assertFalse(Posix.isListening(receiver));
            assertEquals(-1, Posix.awaitReadable(50, receiver), "nothing to read yet");
            Posix.close(sender);
            Posix.Received end = Posix.receiveDescriptor(receiver, 10);
            assertEquals(-1, end.fd());
            assertEquals(0, end.payload().length);
            Posix.close(receiver);
        } finally {
            Posix.close(listener);
        }
        assertThrows(IOException.class, () -> Posix.connectUnix(dir.resolve("nobody.sock")));
    }

    @Test
    void findsTheDescriptorOfAListeningUnixSocketAmongItsConnections(@TempDir Path dir) throws IOException {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(dir.resolve("u.sock"));
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(address);
             SocketChannel client = SocketChannel.open(address);
             SocketChannel accepted = server.accept()) {
            int fd = DescriptorFinder.descriptorOf(server);
            assertTrue(Posix.isListening(fd));
            assertEquals(address, Posix.localAddress(fd));
            assertTrue(client.isOpen() && accepted.isOpen());
        }
    }

    @Test
    void warmUpLeavesNoDescriptorOrFileBehind(@TempDir Path dir) throws IOException {
        Path scratch = dir.resolve("w.sock");
        long before = openDescriptors();
        Posix.warmUp(scratch);
        assertEquals(before, openDescriptors());
        assertFalse(Files.exists(scratch));
    }

    private static long openDescriptors() throws IOException {
        try (var entries = Files.list(Path.of("/proc/self/fd"))) {
            return entries.count();
        }
    }
}
