package org.rpyc4j.spi;

import java.util.Map;

/**
 * What every kind of plug-in provides ({@link ServerProvider}, {@link org.rpyc4j.spi.auth.AuthenticatorProvider},
 * {@link org.rpyc4j.spi.registry.RegistryProvider}), so that one lookup, {@link Providers}, finds them all.
 * Implementations need a public no-argument constructor (or a public static {@code provider()} method) and must
 * be cheap to construct: every lookup instantiates every provider.
 */
public interface Provider {
    /** The name a lookup matches: letters, digits and dashes, starting with a letter; unique among those found. */
    String name();

    /** One line saying what it does, for listings. */
    String description();

    /** Whether it can run here; an unavailable one is listed but cannot be used. */
    default boolean isAvailable() {
        return true;
    }

    /** The options it understands, each with a one-line description, in listing order; none by default. */
    default Map<String, String> options() {
        return Map.of();
    }
}
