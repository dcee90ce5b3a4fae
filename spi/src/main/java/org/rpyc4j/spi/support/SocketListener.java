package org.rpyc4j.spi.support;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.annotation.Nullable;
import org.rpyc4j.api.ServerOptions;

/**
 * A bound, listening socket as {@link ServerOptions} describe it: TCP over IPv4 or IPv6, or a Unix domain
 * socket. Binding and listening happen at once, as rpyc's servers bind in their constructor, so the port is
 * known before serving starts and early clients wait in the backlog. Closing wakes a blocked
 * {@link #accept()} and removes the Unix socket file.
 */
public final class SocketListener implements Closeable {
    private final ServerSocketChannel channel;
    private final SocketAddress address;
    private final @Nullable Path unixPath;

    private SocketListener(ServerSocketChannel channel, SocketAddress address, @Nullable Path unixPath) {
        this.channel = channel;
        this.address = address;
        this.unixPath = unixPath;
    }

    /** Binds and listens as {@code options} say. */
    public static SocketListener bind(ServerOptions options) throws IOException {
        Path unixPath = options.unixSocketPath();
        ProtocolFamily family = unixPath != null ? StandardProtocolFamily.UNIX
                : options.ipv6() ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        ServerSocketChannel channel = ServerSocketChannel.open(family);
        try {
            SocketAddress wanted;
            if (unixPath != null) {
                wanted = UnixDomainSocketAddress.of(unixPath);
            } else {
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, options.reuseAddress());
                wanted = new InetSocketAddress(resolve(options.host(), options.ipv6()), options.port());
            }
            channel.bind(wanted, options.backlog());
            return new SocketListener(channel, channel.getLocalAddress(), unixPath);
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot listen on " + describe(options) + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The address for {@code host} in the family ("" or a wildcard: every interface). */
    private static InetAddress resolve(String host, boolean ipv6) throws UnknownHostException {
        if (host.isEmpty()) {
            return InetAddress.getByAddress(new byte[ipv6 ? 16 : 4]);
        }
        return Arrays.stream(InetAddress.getAllByName(host))
                .filter(a -> ipv6 ? a instanceof Inet6Address : a instanceof Inet4Address)
                .findFirst()
                .orElseThrow(() -> new UnknownHostException(host + " has no " + (ipv6 ? "IPv6" : "IPv4") + " address"));
    }

    private static String describe(ServerOptions options) {
        return options.unixSocketPath() != null ? options.unixSocketPath().toString()
                : "[" + options.host() + "]:" + options.port();
    }

    /**
     * Waits for the next connection.
     *
     * @throws java.nio.channels.ClosedChannelException once the listener is closed (also when closed while waiting)
     */
    public AcceptedSocket accept() throws IOException {
        SocketChannel accepted = channel.accept();
        try {
            return AcceptedSocket.of(accepted);
        } catch (IOException | RuntimeException e) {
            accepted.close();
            throw e;
        }
    }

    /** The bound address. */
    public SocketAddress address() {
        return address;
    }

    /** The bound host as Python prints it ({@code 127.0.0.1}, {@code ::}); "" for a Unix socket. */
    public String host() {
        return address instanceof InetSocketAddress inet ? ServerLog.host(inet.getAddress()) : "";
    }

    /** The bound TCP port; 0 for a Unix socket. */
    public int port() {
        return address instanceof InetSocketAddress inet ? inet.getPort() : 0;
    }

    /** What rpyc calls the server's port: the TCP port, or the socket path (for log lines and logger names). */
    public Object portOrPath() {
        return unixPath != null ? unixPath.toString() : port();
    }

    /** The listening channel, for modes that need more than {@link #accept()}. */
    public ServerSocketChannel channel() {
        return channel;
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            if (unixPath != null) {
                Files.deleteIfExists(unixPath);
            }
        }
    }
}
