package org.rpyc4j.api;

import java.time.Duration;
import java.util.List;

/**
 * A registry client a server registers its service with (rpyc's {@code RegistryClient}). A server with a
 * registrar and {@link ServerOptions#autoRegister()} registers when it starts serving, again every
 * {@link #reregisterInterval()} after a success (about once a second after a failure), and unregisters when it
 * closes. The server does not close the registrar: whoever made it does.
 */
public interface Registrar extends AutoCloseable {
    /** rpyc's {@code REREGISTER_INTERVAL}. */
    Duration DEFAULT_REREGISTER_INTERVAL = Duration.ofSeconds(60);

    /**
     * Registers {@code aliases} as served on {@code port} of this machine; returns whether the registry
     * acknowledged it.
     *
     * @param interfaceHost the host the server listens on; a registrar may send from that interface
     */
    boolean register(List<String> aliases, int port, String interfaceHost);

    /** Removes this machine's entries for {@code port}; does not wait for an answer. */
    void unregister(int port);

    /** How long a successful registration lasts before the server registers again. */
    default Duration reregisterInterval() {
        return DEFAULT_REREGISTER_INTERVAL;
    }

    /** Releases the registrar's resources; nothing by default. */
    @Override
    default void close() {
    }
}
