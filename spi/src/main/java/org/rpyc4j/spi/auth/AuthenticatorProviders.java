package org.rpyc4j.spi.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.rpyc4j.api.Authenticator;
import org.rpyc4j.spi.internal.ProviderSet;

/**
 * The authenticators found by one lookup ({@link Authenticators#providers()},
 * {@link Authenticators#withPluginFolder}), by name ignoring case. Immutable. A provider that fails to load or
 * has an invalid name is logged and left out; two providers whose names differ only in case are an error
 * naming both.
 */
public final class AuthenticatorProviders {
    private static final ProviderSet.Kind<AuthenticatorProvider> KIND = new ProviderSet.Kind<>("authenticator",
            "authenticator", AuthenticatorProvider::name, AuthenticatorProvider::isAvailable,
            Pattern.compile("[A-Za-z][A-Za-z0-9-]*"), "letters, digits, dashes", true);

    private final ProviderSet<AuthenticatorProvider> providers;

    private AuthenticatorProviders(ProviderSet<AuthenticatorProvider> providers) {
        this.providers = providers;
    }

    /**
     * The providers {@code loaders} find, each provider class once.
     *
     * @throws IllegalStateException when two providers have the same name (ignoring case)
     */
    static AuthenticatorProviders load(List<ServiceLoader<AuthenticatorProvider>> loaders,
            @Nullable ModuleLayer pluginLayer) {
        return new AuthenticatorProviders(ProviderSet.load(KIND, loaders, pluginLayer));
    }

    /** Every authenticator found, sorted by name. */
    public List<AuthenticatorInfo> available() {
        return providers.all().stream()
                .map(p -> new AuthenticatorInfo(p.name(), p.description(), p.options(),
                        ProviderSet.origin(p.getClass()), providers.isAvailable(p)))
                .toList();
    }

    /** The authenticator named {@code name} (ignoring case), if found. */
    public Optional<AuthenticatorProvider> find(String name) {
        return providers.find(name);
    }

    /**
     * The authenticator named {@code name} (ignoring case).
     *
     * @throws IllegalArgumentException when there is none; the message lists the available ones
     * @throws UnsupportedOperationException when it cannot run here
     */
    public AuthenticatorProvider provider(String name) {
        return providers.requireAvailable(name);
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
                    + ProviderSet.origin(provider.getClass()) + " made nothing");
        }
        // remembers how it was made, so that a forked child can make the same one
        return new NamedAuthenticator(provider.name(), options.asMap(), authenticator);
    }

    /** A new authenticator of kind {@code name} made from {@code options} (see {@link #create(String, AuthenticatorOptions)}). */
    public Authenticator create(String name, Map<String, String> options) {
        return create(name, AuthenticatorOptions.of(options));
    }

    /** The plug-in layer this lookup loaded authenticators from, if any. */
    public Optional<ModuleLayer> pluginLayer() {
        return providers.pluginLayer();
    }

    @Override
    public String toString() {
        return providers.toString();
    }
}
