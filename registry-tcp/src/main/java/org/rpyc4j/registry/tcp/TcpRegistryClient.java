package org.rpyc4j.registry.tcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.rpyc4j.api.ListingForbiddenException;
import org.rpyc4j.api.RegistryClient;
import org.rpyc4j.api.RegistryClientOptions;
import org.rpyc4j.api.error.RpycException;
import org.rpyc4j.registry.ClientSockets;
import org.rpyc4j.registry.AbstractRegistryClient;
import org.rpyc4j.registry.RegistryRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * rpyc's {@code TCPRegistryClient}: one connection per request to the registry at a given host; sends the
 * request, reads the reply until the registry closes the connection, closes. QUERY and LIST yield nothing when
 * no reply comes within the timeout and fail when the registry cannot be reached; REGISTER says whether a reply
 * came (any reply, as in rpyc); UNREGISTER does not wait for one. Logs to {@code REGCLNT/TCP} as rpyc does.
 * Thread-safe.
 */
public final class TcpRegistryClient extends AbstractRegistryClient {
    /** The largest reply read (rpyc reads one 1500-byte chunk; a long LIST needs more). */
    private static final int MAX_REPLY = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger("REGCLNT/TCP");


    /**
     * A client as {@code options} say.
     *
     * @throws IllegalArgumentException when the options have no host (TCP cannot broadcast)
     */
    public TcpRegistryClient(RegistryClientOptions options) {
        super(requireHost(options), options);
    }

    private static String requireHost(RegistryClientOptions options) {
        if (options.host() == null || options.host().isEmpty()) {
            throw new IllegalArgumentException("the TCP registry client needs the registry's host");
        }
        return options.host();
    }

    /**
     * Sends {@code request} on a new connection and returns the decoded reply, or {@code null} when none came
     * in time (or it was not brine).
     *
     * @throws RpycException when the registry cannot be reached
     */
    @Override
    protected @Nullable RegistryRequests.Reply ask(byte[] request) {
        try (Socket socket = new Socket()) {
            try {
                connect(socket, null);
            } catch (IOException e) {
                throw new RpycException("cannot connect to the registry at " + host + ":" + port + ": " + e.getMessage(), e);
            }
            socket.getOutputStream().write(request);
            byte[] data = readReply(socket);
            RegistryRequests.Reply reply = data.length == 0 ? null : RegistryRequests.decodeReply(data, 0, data.length);
            if (reply == null && data.length > 0) {
                LOG.debug("ignoring an answer from {}:{} that is not brine", host, port);
            }
            return reply;
        } catch (IOException e) {
            LOG.debug("talking to the registry at {}:{} failed: {}", host, port, e.toString());
            return null;
        }
    }

    private void connect(Socket socket, @Nullable String interfaceHost) throws IOException {
        InetSocketAddress target = ClientSockets.target(host, port);
        InetSocketAddress local = ClientSockets.bindAddress(interfaceHost, target, LOG);
        if (local != null) {
            socket.bind(local);
        }
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        socket.setSoTimeout(millis);
        socket.connect(target, millis);
    }

    /** What the registry sends until it closes the connection or the timeout passes. */
    private byte[] readReply(Socket socket) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream(64);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[1500];
        long deadline = System.nanoTime() + timeout.toNanos();
        while (reply.size() < MAX_REPLY) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            int read;
            try {
                read = in.read(buffer);
            } catch (SocketTimeoutException e) {
                break;
            }
            if (read < 0) {
                break;
            }
            reply.write(buffer, 0, read);
        }
        return reply.toByteArray();
    }

    /**
     * Sends REGISTER from {@code interfaceHost} (any interface when empty); returns whether the registry
     * replied.
     */
    @Override
    public boolean register(List<String> aliases, int serverPort, String interfaceHost) {
        LOG.info("registering on {}:{}", host, port);
        byte[] request = RegistryRequests.register(aliases, serverPort);
        try (Socket socket = new Socket()) {
            try {
                connect(socket, interfaceHost);
                socket.getOutputStream().write(request);
            } catch (IOException | RpycException e) {
                LOG.warn("could not connect to registry");
                LOG.debug("connecting to {}:{}: {}", host, port, e.toString());
                return false;
            }
            byte[] data;
            try {
                data = readReply(socket);
            } catch (IOException e) {
                data = new byte[0];
            }
            if (data.length == 0) {
                LOG.warn("registry did not acknowledge");
                return false;
            }
            RegistryRequests.Reply reply = RegistryRequests.decodeReply(data, 0, data.length);
            if (reply == null) {
                LOG.warn("received corrupted data from registry");
                return false;
            }
            if (RegistryRequests.isOk(reply.value())) {
                LOG.info("registry {}:{} acknowledged", host, port);
            }
            return true;
        } catch (IOException e) {
            LOG.debug("closing the registry connection: {}", e.toString());
            return false;
        }
    }

    /** Sends UNREGISTER and closes without waiting for the reply. */
    @Override
    public void unregister(int serverPort) {
        LOG.info("unregistering from {}:{}", host, port);
        try (Socket socket = new Socket()) {
            connect(socket, null);
            socket.getOutputStream().write(RegistryRequests.unregister(serverPort));
        } catch (IOException | RpycException e) {
            LOG.warn("could not connect to registry");
            LOG.debug("connecting to {}:{}: {}", host, port, e.toString());
        }
    }

    @Override
    public String toString() {
        return "TCP registry client for " + host + ":" + port;
    }
}
