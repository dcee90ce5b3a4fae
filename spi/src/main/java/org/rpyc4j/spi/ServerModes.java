package org.rpyc4j.spi;

import org.rpyc4j.api.Server;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.api.ServiceFactory;

/**
 * The serving modes found by one lookup ({@link Servers#modes()}, {@link Servers#withPluginFolder}), by name,
 * and servers made by mode name. Immutable; the lookup's rules are {@link Providers}'.
 */
public final class ServerModes extends Providers<ServerProvider> {
    static final Kind<ServerProvider> KIND = new Kind<>(ServerProvider.class, "serving mode", "mode", false);

    ServerModes(Providers<ServerProvider> found) {
        super(found);
    }

    /**
     * The mode named {@code name}.
     *
     * @throws IllegalArgumentException when there is none; the message lists the available modes
     */
    public ServerProvider provider(String name) {
        return require(name);
    }

    /** A server of mode {@code mode} serving what {@code factory} makes. */
    public Server create(String mode, ServiceFactory factory, ServerOptions options) {
        return create(mode, ServerContext.of(factory, options));
    }

    /**
     * A server of mode {@code mode} for {@code context}.
     *
     * @throws IllegalArgumentException when the mode is unknown
     * @throws UnsupportedOperationException when the mode cannot run here
     */
    public Server create(String mode, ServerContext context) {
        return requireAvailable(mode).create(context);
    }
}
