package org.rpyc4j.spi.support;

import java.io.IOException;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import javax.annotation.Nullable;
import org.rpyc4j.api.Transport;

/**
 * An accepted connection, not yet served: its channel, the {@link Transport} to serve it over, and how log
 * lines name its peer.
 */
public final class AcceptedSocket {
    private final SocketChannel channel;
    private final Transport transport;
    private final @Nullable Socket socket;
    private final String addrinfo;

    private AcceptedSocket(SocketChannel channel, Transport transport, @Nullable Socket socket, String addrinfo) {
        this.channel = channel;
        this.transport = transport;
        this.socket = socket;
        this.addrinfo = addrinfo;
    }

    /**
     * Wraps a connected channel (accepted, or inherited from inetd). TCP is served through the channel's
     * {@link Socket} view, whose reads can time out; a Unix socket through the channel.
     */
    public static AcceptedSocket of(SocketChannel channel) throws IOException {
        String addrinfo = ServerLog.addrinfo(channel.getRemoteAddress());
        if (channel.getRemoteAddress() instanceof UnixDomainSocketAddress) {
            String peer = channel.getLocalAddress() instanceof UnixDomainSocketAddress local
                    ? "unix:" + local.getPath() : "unix";
            return new AcceptedSocket(channel, Transport.of(channel, peer), null, addrinfo);
        }
        Socket socket = channel.socket();
        return new AcceptedSocket(channel, Transport.of(socket), socket, addrinfo);
    }

    public SocketChannel channel() {
        return channel;
    }

    public Transport transport() {
        return transport;
    }

    /** The TCP socket, for authenticators that layer on one; {@code null} for a Unix socket. */
    public @Nullable Socket socket() {
        return socket;
    }

    /** The peer as rpyc's log lines write it. */
    public String addrinfo() {
        return addrinfo;
    }

    /** Whether this is a Unix domain socket. */
    public boolean isUnix() {
        return socket == null;
    }

    /**
     * Ends the connection unserved, cleanly: the peer reads end of stream (a FIN), not a reset, when it has
     * sent nothing yet.
     */
    public void drop() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            // already gone: closing below is all there is to do
        }
        close();
    }

    /** Closes the connection. */
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }

    @Override
    public String toString() {
        return addrinfo + (channel.isOpen() ? "" : " (closed)");
    }
}
