package org.rpyc4j.spi.auth;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.rpyc4j.api.Authenticator;
import org.rpyc4j.spi.Providers;

/**
 * The authenticators found by one lookup ({@link Authenticators#providers()},
 * {@link Authenticators#withPluginFolder}), by name ignoring case, and authenticators made by name from
 * options. Immutable; the lookup's rules are {@link Providers}'.
 */
public final class AuthenticatorProviders extends Providers<AuthenticatorProvider> {
    static final Kind<AuthenticatorProvider> KIND = new Kind<>(AuthenticatorProvider.class, "authenticator",
            "authenticator", true);

    AuthenticatorProviders(Providers<AuthenticatorProvider> found) {
        super(found);
    }

    /**
     * The authenticator named {@code name} (ignoring case).
     *
     * @throws IllegalArgumentException when there is none; the message lists the available ones
     * @throws UnsupportedOperationException when it cannot run here
     */
    public AuthenticatorProvider provider(String name) {
        return requireAvailable(name);
    }

    /**
     * A new authenticator of kind {@code name} made from {@code options}, as a {@link NamedAuthenticator}.
     *
     * @throws IllegalArgumentException when there is no such authenticator, an option is not one it
     *     understands (the message lists those it does), or it refuses the options
     * @throws UnsupportedOperationException when it cannot run here
     */
    public Authenticator create(String name, AuthenticatorOptions options) {
        AuthenticatorProvider provider = provider(name);
        Set<String> known = new TreeSet<>();
        provider.options().keySet().forEach(k -> known.add(AuthenticatorOptions.normalize(k)));
        List<String> unknown = options.names().stream().filter(n -> !known.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("authenticator '" + provider.name() + "' has no option"
                    + (unknown.size() == 1 ? " '" + unknown.getFirst() + "'" : "s " + unknown) + "; "
                    + (known.isEmpty() ? "it takes none" : "it takes " + String.join(", ", provider.options().keySet())));
        }
        Authenticator authenticator = provider.create(options);
        if (authenticator == null) {
            throw new IllegalStateException("authenticator provider " + provider.getClass().getName() + " in "
                    + Providers.origin(provider.getClass()) + " made nothing");
        }
        // remembers how it was made, so that a forked child can make the same one
        return new NamedAuthenticator(provider.name(), options.asMap(), authenticator);
    }

    /** A new authenticator of kind {@code name} made from {@code options} (see {@link #create(String, AuthenticatorOptions)}). */
    public Authenticator create(String name, Map<String, String> options) {
        return create(name, AuthenticatorOptions.of(options));
    }
}
