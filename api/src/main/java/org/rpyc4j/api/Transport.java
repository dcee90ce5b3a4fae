package org.rpyc4j.api;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;

/**
 * The byte stream a connection runs over: a TCP or TLS socket, a Unix domain socket, a pair of pipes, a
 * process's standard streams. RPyC frames carry their own boundaries, so any ordered byte stream will do.
 */
public interface Transport extends Closeable {
    /** Bytes from the peer. Read by one thread at a time. */
    InputStream input();

    /** Bytes to the peer. Written by one thread at a time, one whole frame per write. */
    OutputStream output();

    /** The peer, for log lines: {@code host:port}, a socket path, {@code stdio}. */
    String peer();

    /**
     * Whether a read from {@link #input()} can be bounded in time ({@link #setReadTimeout}); sockets can, pipes
     * cannot. A thread waiting for a reply reads the stream itself only when its wait can be bounded.
     */
    default boolean supportsReadTimeout() {
        return false;
    }

    /**
     * Bounds the next reads to {@code millis} (0: no bound); a read that times out throws
     * {@link java.net.SocketTimeoutException} and leaves the stream usable.
     */
    default void setReadTimeout(int millis) throws IOException {
        throw new UnsupportedOperationException("this transport cannot time out reads");
    }

    /** Ends the stream in both directions; a reader blocked in {@link #input()} returns. */
    @Override
    void close() throws IOException;

    /** A connected socket (TCP or TLS). */
    static Transport of(Socket socket) throws IOException {
        var address = socket.getRemoteSocketAddress();
        String peer = address instanceof java.net.InetSocketAddress inet
                ? inet.getAddress().getHostAddress() + ":" + inet.getPort()
                : String.valueOf(address);
        socket.setTcpNoDelay(true);
        Transport plain = of(socket.getInputStream(), socket.getOutputStream(), socket, peer);
        return new Transport() {
            @Override
            public InputStream input() {
                return plain.input();
            }

            @Override
            public OutputStream output() {
                return plain.output();
            }

            @Override
            public String peer() {
                return peer;
            }

            @Override
            public boolean supportsReadTimeout() {
                return true;
            }

            @Override
            public void setReadTimeout(int millis) throws IOException {
                socket.setSoTimeout(millis);
            }

            @Override
            public void close() throws IOException {
                socket.close();
            }

            @Override
            public String toString() {
                return peer;
            }
        };
    }

    /** A connected socket channel, e.g. a Unix domain socket. */
    static Transport of(SocketChannel channel, String peer) {
        return of(Channels.newInputStream(channel), Channels.newOutputStream(channel), channel, peer);
    }

    /** Two streams and what closes them. */
    static Transport of(InputStream in, OutputStream out, Closeable closer, String peer) {
        return new Transport() {
            @Override
            public InputStream input() {
                return in;
            }

            @Override
            public OutputStream output() {
                return out;
            }

            @Override
            public String peer() {
                return peer;
            }

            @Override
            public void close() throws IOException {
                closer.close();
            }

            @Override
            public String toString() {
                return peer;
            }
        };
    }
}
