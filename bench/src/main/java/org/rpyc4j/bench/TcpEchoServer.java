package org.rpyc4j.bench;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.function.Consumer;
import javax.annotation.Nullable;

/**
 * The floors' raw TCP servers, blocking sockets with TCP_NODELAY, one platform thread per connection, on
 * 127.0.0.1: the echo server of the round-trip floor ({@link #start}) echoes every byte back; the sink of the
 * bulk-throughput floor ({@link #sink}) reads transfers (an 8-byte length, then that many bytes) and answers
 * each with one byte once it has read all of it.
 */
final class TcpEchoServer implements AutoCloseable {
    /** The sink's read buffer. */
    static final int SINK_BUFFER = 256 * 1024;

    private final ServerSocket listener;

    private TcpEchoServer(ServerSocket listener) {
        this.listener = listener;
    }

    /** Echoes on a platform thread per connection. */
    static TcpEchoServer start(int maxConnections) throws IOException {
        return start("tcp-echo", maxConnections, TcpEchoServer::echo, Thread.ofPlatform().daemon());
    }

    /**
     * Echoes on the accept loop's own thread, one connection after another: no thread is started or woken per
     * connection, so for clients that connect one at a time this is the floor of connection setup.
     */
    static TcpEchoServer startInline(int maxConnections) throws IOException {
        return start("tcp-echo-inline", maxConnections, TcpEchoServer::echo, null);
    }

    static TcpEchoServer sink(int maxConnections) throws IOException {
        return start("tcp-sink", maxConnections, TcpEchoServer::sink, Thread.ofPlatform().daemon());
    }

    /** Serves each connection on a thread of its own from {@code perConnection}, or on the accept loop if null. */
    private static TcpEchoServer start(String name, int maxConnections, Consumer<Socket> handler,
            @Nullable Thread.Builder perConnection) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name(name + "-accept").start(() -> {
            try (listener) {
                for (int accepted = 0; accepted < maxConnections; accepted++) {
                    Socket socket = listener.accept();
                    if (perConnection == null) {
                        handler.accept(socket);
                    } else {
                        perConnection.name(name + "-" + accepted).start(() -> handler.accept(socket));
                    }
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

    private static void sink(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[SINK_BUFFER];
            while (true) {
                long left = in.readLong();
                while (left > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        return;
                    }
                    left -= n;
                }
                out.write(1);
            }
        } catch (java.io.EOFException | SocketException closed) {
            // peer went away
        } catch (IOException e) {
            System.err.println("tcp sink: " + e);
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
