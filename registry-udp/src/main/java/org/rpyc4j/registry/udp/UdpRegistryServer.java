package org.rpyc4j.registry.udp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import org.rpyc4j.api.RegistryServerOptions;
import org.rpyc4j.registry.AbstractRegistryServer;
import org.rpyc4j.spi.support.ServerLog;

/**
 * rpyc's {@code UDPRegistryServer}: binds {@code 0.0.0.0:18811} by default, reads each request datagram into a
 * 1500-byte buffer (longer ones are ignored, as rpyc ignores their truncated remains) and sends the reply to
 * the sender. Requests are handled one after the other on the serving thread; each is short (no request
 * touches more than its own entries), so none can stall the others for long.
 */
public final class UdpRegistryServer extends AbstractRegistryServer {
    /** The receive buffer the socket asks the system for, so that a burst of registrations is not dropped. */
    private static final int SOCKET_RECEIVE_BUFFER = 1 << 20;

    private final DatagramChannel channel;

    /**
     * Binds as {@code options} say.
     *
     * @throws UncheckedIOException when it cannot bind
     */
    public UdpRegistryServer(RegistryServerOptions options) {
        this(options, open(options));
    }

    private UdpRegistryServer(RegistryServerOptions options, DatagramChannel channel) {
        super("UDP", options, localAddress(channel));
        this.channel = channel;
    }

    private static DatagramChannel open(RegistryServerOptions options) {
        InetSocketAddress wanted = null;
        try {
            wanted = bindAddress(options);
            DatagramChannel channel = DatagramChannel.open(wanted.getAddress() instanceof Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            try {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_RECEIVE_BUFFER);
                channel.bind(wanted);
                return channel;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the UDP registry to "
                    + (wanted != null ? wanted : options.host() + ":" + options.port()) + ": " + e.getMessage(), e);
        }
    }

    private static InetSocketAddress localAddress(DatagramChannel channel) {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void serveLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(RegistryServerOptions.MAX_REQUEST_SIZE + 1);
        while (channel.isOpen()) {
            buffer.clear();
            SocketAddress sender;
            try {
                sender = channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!channel.isOpen()) {
                    return;
                }
                log().debug("receiving a request failed: {}", e.toString());
                continue;
            }
            if (!(sender instanceof InetSocketAddress from)) {
                continue;
            }
            String host = ServerLog.host(from.getAddress());
            int length = buffer.position();
            if (length > RegistryServerOptions.MAX_REQUEST_SIZE) {
                log().debug("ignoring a datagram of more than {} bytes from {}", RegistryServerOptions.MAX_REQUEST_SIZE,
                        host);
                continue;
            }
            byte[] reply = dispatcher().handle(buffer.array(), 0, length, host);
            if (reply != null) {
                try {
                    channel.send(ByteBuffer.wrap(reply), from);
                } catch (IOException e) {
                    if (!channel.isOpen()) {
                        return;
                    }
                    log().debug("replying to {} failed: {}", ServerLog.addrinfo(from), e.toString());
                }
            }
        }
    }

    @Override
    protected void closeTransport() {
        try {
            channel.close();
        } catch (IOException e) {
            log().debug("closing the socket: {}", e.toString());
        }
    }
}
