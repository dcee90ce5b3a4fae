package org.rpyc4j.spi.registry;

import org.rpyc4j.api.RegistryClient;
import org.rpyc4j.api.RegistryClientOptions;
import org.rpyc4j.api.RegistryServer;
import org.rpyc4j.api.RegistryServerOptions;
import org.rpyc4j.spi.Providers;

/**
 * The registry transports found by one lookup ({@link Registries#transports()},
 * {@link Registries#withPluginFolder}), by name ignoring case, and registry servers and clients made by
 * transport name. Immutable; the lookup's rules are {@link Providers}'.
 */
public final class RegistryTransports extends Providers<RegistryProvider> {
    static final Kind<RegistryProvider> KIND = new Kind<>(RegistryProvider.class, "registry transport",
            "registry transport", true);

    RegistryTransports(Providers<RegistryProvider> found) {
        super(found);
    }

    /**
     * The transport named {@code name} (ignoring case).
     *
     * @throws IllegalArgumentException when there is none; the message lists the available ones
     * @throws UnsupportedOperationException when it cannot run here
     */
    public RegistryProvider provider(String name) {
        return requireAvailable(name);
    }

    /** A registry server of transport {@code name}, bound and ready to start. */
    public RegistryServer server(String name, RegistryServerOptions options) {
        return provider(name).createServer(options);
    }

    /** A registry client of transport {@code name}. */
    public RegistryClient client(String name, RegistryClientOptions options) {
        return provider(name).createClient(options);
    }
}
