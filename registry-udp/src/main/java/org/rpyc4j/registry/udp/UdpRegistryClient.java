package org.rpyc4j.registry.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
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
 * rpyc's {@code UDPRegistryClient}: sends each request in one datagram from a fresh socket to the registry, by
 * default the broadcast address {@code 255.255.255.255} (with {@code SO_BROADCAST}, which is also set for any
 * host with a dotted part {@code 255}), and takes the first answer that decodes. QUERY and LIST yield nothing
 * when no answer comes within the timeout; REGISTER waits for an {@code "OK"} from the registry's port and says
 * whether one came; UNREGISTER does not wait. Logs to {@code REGCLNT/UDP} as rpyc does. Thread-safe.
 */
public final class UdpRegistryClient extends AbstractRegistryClient {
    /** rpyc's default target: the local broadcast address. */
    public static final String DEFAULT_HOST = "255.255.255.255";
    /** The largest datagram this client reads (rpyc reads 1500 bytes, 15000 for LIST; larger is harmless). */
    private static final int RECEIVE_BUFFER = 65_535;
    private static final Logger LOG = LoggerFactory.getLogger("REGCLNT/UDP");

    private final boolean broadcast;

    /** A client as {@code options} say; an unset host is {@value #DEFAULT_HOST}. */
    public UdpRegistryClient(RegistryClientOptions options) {
        super(options.host() != null ? options.host() : DEFAULT_HOST, options);
        this.broadcast = options.broadcast() != null ? options.broadcast()
                : Arrays.asList(host.split("\\.")).contains("255");
    }

    /** Whether requests are broadcast. */
    public boolean broadcast() {
        return broadcast;
    }

    /** Sends {@code request} and returns the first reply that decodes, or {@code null} when none came in time. */
    @Override
    protected @Nullable RegistryRequests.Reply ask(byte[] request) {
        InetSocketAddress target = ClientSockets.target(host, port);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setBroadcast(broadcast);
            socket.send(new DatagramPacket(request, request.length, target));
            long deadline = System.nanoTime() + timeout.toNanos();
            byte[] buffer = new byte[RECEIVE_BUFFER];
            for (DatagramPacket packet = receive(socket, buffer, deadline); packet != null;
                    packet = receive(socket, buffer, deadline)) {
                RegistryRequests.Reply reply = RegistryRequests.decodeReply(packet.getData(), 0, packet.getLength());
                if (reply != null) {
                    return reply;
                }
                LOG.debug("ignoring an answer from {} that is not brine", packet.getSocketAddress());
            }
            return null;
        } catch (IOException e) {
            throw new RpycException("cannot send to the registry at " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The next datagram, or {@code null} once {@code deadline} has passed. */
    private static @Nullable DatagramPacket receive(DatagramSocket socket, byte[] buffer, long deadline) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return null;
        }
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, Duration.ofNanos(left).toMillis())));
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
            return packet;
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /**
     * Sends REGISTER from {@code interfaceHost} (any interface when empty) and waits up to the timeout for an
     * {@code "OK"} from the registry's port; returns whether one came.
     */
    @Override
    public boolean register(List<String> aliases, int serverPort, String interfaceHost) {
        LOG.info("registering on {}:{}", host, port);
        byte[] request = RegistryRequests.register(aliases, serverPort);
        try {
            InetSocketAddress target = ClientSockets.target(host, port);
            try (DatagramSocket socket = new DatagramSocket(ClientSockets.bindAddress(interfaceHost, target, LOG))) {
                socket.setBroadcast(broadcast);
                socket.send(new DatagramPacket(request, request.length, target));
                long deadline = System.nanoTime() + timeout.toNanos();
                byte[] buffer = new byte[RECEIVE_BUFFER];
                for (DatagramPacket packet = receive(socket, buffer, deadline); packet != null;
                        packet = receive(socket, buffer, deadline)) {
                    if (packet.getPort() != port) {
                        continue;
                    }
                    RegistryRequests.Reply reply = RegistryRequests.decodeReply(packet.getData(), 0, packet.getLength());
                    if (reply != null && RegistryRequests.isOk(reply.value())) {
                        LOG.info("registry {}:{} acknowledged", packet.getAddress().getHostAddress(), packet.getPort());
                        return true;
                    }
                }
            }
        } catch (IOException | RpycException e) {
            LOG.warn("could not send to registry: {}", e.getMessage());
            return false;
        }
        LOG.warn("no registry acknowledged");
        return false;
    }

    /** Sends UNREGISTER and returns at once. */
    @Override
    public void unregister(int serverPort) {
        LOG.info("unregistering from {}:{}", host, port);
        byte[] request = RegistryRequests.unregister(serverPort);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setBroadcast(broadcast);
            socket.send(new DatagramPacket(request, request.length, ClientSockets.target(host, port)));
        } catch (IOException | RpycException e) {
            LOG.warn("could not send to registry: {}", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "UDP registry client for " + host + ":" + port + (broadcast ? " (broadcast)" : "");
    }
}
