package org.rpyc4j.spi.registry;

import org.rpyc4j.api.RegistryClient;
import org.rpyc4j.api.RegistryClientOptions;
import org.rpyc4j.api.RegistryServer;
import org.rpyc4j.api.RegistryServerOptions;

/**
 * A registry transport (UDP, TCP, ...): what a transport module {@code provides} so that {@link Registries}
 * finds it by name. Implementations need a public no-argument constructor (or a public static
 * {@code provider()} method) and must be cheap to construct: every lookup instantiates every provider.
 */
public interface RegistryProvider {
    /**
     * The transport's name, what {@code --registry-type} matches ignoring case ({@code UDP}, {@code TCP}):
     * letters, digits and dashes, starting with a letter. Unique, ignoring case, among the providers found.
     */
    String name();

    /** One line saying how the transport carries requests, for listings. */
    String description();

    /** Whether the transport can run here; an unavailable one is listed but cannot be used. */
    default boolean isAvailable() {
        return true;
    }

    /**
     * A new registry server, bound and ready to {@link RegistryServer#start()}.
     *
     * @throws java.io.UncheckedIOException when it cannot bind
     */
    RegistryServer createServer(RegistryServerOptions options);

    /**
     * A new registry client (also a {@link org.rpyc4j.api.Registrar} for servers).
     *
     * @throws IllegalArgumentException when the options do not suit the transport (e.g. TCP without a host)
     */
    RegistryClient createClient(RegistryClientOptions options);
}
