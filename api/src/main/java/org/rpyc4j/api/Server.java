package org.rpyc4j.api;

import java.net.SocketAddress;
import javax.annotation.Nullable;

/**
 * An RPyC server: a main loop that accepts connections and serves each one (rpyc's
 * {@code rpyc.utils.server.Server}). How a connection is served — a thread, a pooled worker, a process — is
 * the serving mode's business; modes are the {@code org.rpyc4j.server.*} modules.
 *
 * <p>A server is bound when it is made, so {@link #port()} is known at once (port 0 becomes the port the
 * system chose). {@link #serve()} is rpyc's blocking {@code start()}; {@link #start()} runs the same loop in
 * the background. {@link #close()} ends it: the listener closes, then the connections (see
 * {@link ServerOptions#drainTimeout()}), and no thread or process of the server is left once it returns.
 *
 * <p>Within one connection, requests run concurrently, each started in the order it arrived (a request that
 * blocks does not hold up the next), and the service may call back into the client from any thread, at any
 * nesting depth, while other requests are in flight: none of it deadlocks, in any mode.
 *
 * <p>To get a server by mode name (e.g. {@code "threaded"}), use {@code org.rpyc4j.spi.Servers}: the lookup
 * lives in the spi module because the providers it consults implement an spi type, and the spi depends on
 * this api, not the other way round.
 */
public interface Server extends AutoCloseable {
    /**
     * Starts serving in the background and returns once the server accepts connections; returns this server.
     *
     * @throws IllegalStateException if the server is already serving or was closed
     */
    Server start();

    /**
     * Serves in the calling thread until the server is closed (by {@link #close()} from another thread, or by
     * the mode itself, e.g. after a one-shot connection), then closes it.
     *
     * @throws IllegalStateException if the server is already serving or was closed
     */
    void serve();

    /** The host the listener is bound to, as the system reports it ({@code 127.0.0.1}, {@code ::}); "" for a Unix socket or stdio. */
    String host();

    /** The TCP port the listener is bound to (the real one when 0 was asked for); 0 for a Unix socket or stdio. */
    int port();

    /** The bound address: an {@link java.net.InetSocketAddress}, a {@link java.net.UnixDomainSocketAddress}, or {@code null} when serving no socket (stdio). */
    @Nullable
    SocketAddress address();

    /** Whether {@link #close()} has run (or the mode ended by itself). */
    boolean isClosed();

    /** Closes the listener and then the connections, unregisters from the registrar, and waits for the server's threads and processes to end. Idempotent. */
    @Override
    void close();
}
