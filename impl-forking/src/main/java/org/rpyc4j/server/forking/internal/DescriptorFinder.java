package org.rpyc4j.server.forking.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Finds the descriptor number behind a listening {@link ServerSocketChannel}, which Java does not tell: among
 * this process's open sockets ({@code /proc/self/fd}), the one listening socket with the channel's address
 * (unique for a TCP port, and for a Unix socket's path).
 */
public final class DescriptorFinder {
    private static final Path OPEN_DESCRIPTORS = Path.of("/proc/self/fd");

    private DescriptorFinder() {
    }

    /**
     * The descriptor of a bound, listening {@code channel}: the one listening socket with its address (unique
     * for a TCP port and for a Unix socket's path).
     *
     * @throws IOException when no socket, or more than one, matches
     */
    public static int descriptorOf(ServerSocketChannel channel) throws IOException {
        SocketAddress local = channel.getLocalAddress();
        List<Integer> matches = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(OPEN_DESCRIPTORS)) {
            for (Path entry : entries) {
                int fd = Integer.parseInt(entry.getFileName().toString());
                if (isSocket(entry) && Posix.isListening(fd) && same(local, Posix.localAddress(fd))) {
                    matches.add(fd);
                }
            }
        }
        if (matches.size() != 1) {
            throw new IOException("cannot tell the descriptor of " + channel + ": " + matches.size() + " candidates");
        }
        return matches.getFirst();
    }

    private static boolean isSocket(Path entry) {
        try {
            return Files.readSymbolicLink(entry).toString().startsWith("socket:");
        } catch (IOException e) {
            return false;   // closed meanwhile, or the directory stream's own descriptor
        }
    }

    /** Equal addresses, comparing IP addresses by their bytes (Java may add a scope or a host name). */
    private static boolean same(SocketAddress expected, SocketAddress actual) {
        if (expected instanceof InetSocketAddress e && actual instanceof InetSocketAddress a) {
            return e.getPort() == a.getPort() && e.getAddress() != null && a.getAddress() != null
                    && Arrays.equals(e.getAddress().getAddress(), a.getAddress().getAddress());
        }
        return Objects.equals(expected, actual);
    }
}
