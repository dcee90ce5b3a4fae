package org.rpyc4j.registry.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import javax.annotation.Nullable;
import org.rpyc4j.registry.testkit.RegistryTransportContract;

/** The registry contract over UDP: one datagram per raw request. */
class UdpRegistryContractTest extends RegistryTransportContract {
    @Override
    protected String transport() {
        return "UDP";
    }

    @Override
    protected @Nullable byte[] exchange(int port, byte[] request, Duration wait) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(request, request.length, new InetSocketAddress("127.0.0.1", port)));
            socket.setSoTimeout((int) wait.toMillis());
            DatagramPacket reply = new DatagramPacket(new byte[65_535], 65_535);
            socket.receive(reply);
            return Arrays.copyOf(reply.getData(), reply.getLength());
        } catch (SocketTimeoutException e) {
            return null;
        }
    }
}
