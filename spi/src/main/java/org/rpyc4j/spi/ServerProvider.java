package org.rpyc4j.spi;

import org.rpyc4j.api.Server;

/**
 * A serving mode: what a mode module {@code provides} so that {@link Servers} finds it by name. One class and
 * one {@code provides} line; the server it makes is usually an {@link org.rpyc4j.spi.support.AbstractServer}.
 *
 * <p>Implementations need a public no-argument constructor (or a public static {@code provider()} method) and
 * must be cheap to construct: every lookup instantiates every provider.
 */
public interface ServerProvider {
    /**
     * The mode's name, what {@code --mode} matches: lower case letters, digits and dashes, starting with a
     * letter ({@code threaded}, {@code pool}). Unique among the providers found.
     */
    String name();

    /** One line saying how the mode serves connections, for listings. */
    String description();

    /**
     * Whether the mode can run here (forking needs a POSIX system); an unavailable mode is listed but cannot
     * be created.
     */
    default boolean isAvailable() {
        return true;
    }

    /**
     * A new server for {@code context}, bound and ready to {@link Server#start()} or {@link Server#serve()}.
     *
     * @throws java.io.UncheckedIOException when the listener cannot be bound
     * @throws IllegalArgumentException when the options or the service do not suit this mode
     */
    Server create(ServerContext context);
}
