package org.rpyc4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

/**
 * The floor's server: echoes every byte back, blocking sockets with TCP_NODELAY, one platform thread per
 * connection, on 127.0.0.1.
 */
final class TcpEchoServer implements AutoCloseable {
    private final ServerSocket listener;

    private TcpEchoServer(ServerSocket listener) {
        this.listener = listener;
    }

    /** Echoes on a platform thread per connection. */
    static TcpEchoServer start(int maxConnections) throws IOException {
        return start(maxConnections, Thread.ofPlatform().daemon().name("tcp-echo-", 0));
    }

    /** Echoes on a thread per connection made by {@code perConnection}. */
    static TcpEchoServer start(int maxConnections, Thread.Builder perConnection) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("tcp-echo-accept").start(() -> {
            try (listener) {
                for (int accepted = 0; accepted < maxConnections; accepted++) {
                    Socket socket = listener.accept();
                    perConnection.start(() -> echo(socket));
                }
            } catch (IOException closed) {
                // close() ended the loop
            }
        });
        return new TcpEchoServer(listener);
    }

    private static void echo(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[64];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        } catch (SocketException closed) {
            // peer went away
        } catch (IOException e) {
            System.err.println("tcp echo: " + e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
