package org.rpyc4j.api;

import java.net.InetSocketAddress;

/**
 * An RPyC registry server (rpyc's {@code UDPRegistryServer} / {@code TCPRegistryServer}): servers register the
 * services they expose, clients ask which endpoints expose a service. Get one by transport name with
 * {@code org.rpyc4j.spi.registry.Registries.server("UDP", options)}.
 *
 * <p>A registry server is bound when it is made, so {@link #port()} is known at once. {@link #serve()} is rpyc's
 * blocking {@code start()}; {@link #start()} serves in the background. {@link #close()} stops it and returns
 * once no thread of the server is left.
 */
public interface RegistryServer extends AutoCloseable {
    /**
     * Serves in the background; returns this server once it answers requests.
     *
     * @throws IllegalStateException if it is already serving or was closed
     */
    RegistryServer start();

    /**
     * Serves in the calling thread until {@link #close()} is called from another thread.
     *
     * @throws IllegalStateException if it is already serving or was closed
     */
    void serve();

    /** The transport's name, e.g. {@code UDP} or {@code TCP}. */
    String transport();

    /** The bound host as Python prints it ({@code 0.0.0.0}, {@code 127.0.0.1}, {@code ::}). */
    String host();

    /** The bound port (the real one when 0 was asked for). */
    int port();

    /** The bound address. */
    InetSocketAddress address();

    /** Whether {@link #close()} has run. */
    boolean isClosed();

    /** Stops serving, releases the socket and waits for the server's threads to end. Idempotent. */
    @Override
    void close();
}
