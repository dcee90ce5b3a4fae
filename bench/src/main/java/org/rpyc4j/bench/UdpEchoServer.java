package org.rpyc4j.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;

/**
 * The registry QUERY floor's server: sends every datagram straight back, on one platform thread, bound to
 * 127.0.0.1 at an ephemeral port, until closed.
 */
final class UdpEchoServer implements AutoCloseable {
    private final DatagramSocket socket;

    private UdpEchoServer(DatagramSocket socket) {
        this.socket = socket;
    }

    static UdpEchoServer start() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofPlatform().daemon().name("udp-echo").start(() -> {
            byte[] buffer = new byte[2048];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                while (true) {
                    packet.setLength(buffer.length);
                    socket.receive(packet);
                    socket.send(packet);
                }
            } catch (SocketException closed) {
                // close() ended the loop
            } catch (IOException e) {
                System.err.println("udp echo: " + e);
            }
        });
        return new UdpEchoServer(socket);
    }

    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        socket.close();
    }
}
