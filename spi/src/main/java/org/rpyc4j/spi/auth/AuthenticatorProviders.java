package org.rpyc4j.spi.auth;

import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.rpyc4j.api.Authenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The authenticators found by one lookup ({@link Authenticators#providers()},
 * {@link Authenticators#withPluginFolder}), by name ignoring case. Immutable. A provider that fails to load or
 * has an invalid name is logged and left out; two providers whose names differ only in case are an error
 * naming both.
 */
public final class AuthenticatorProviders {
    private static final Logger LOG = LoggerFactory.getLogger(AuthenticatorProviders.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");

    private final Map<String, AuthenticatorProvider> providers;   // lower-case name -> provider, sorted by name
    private final @Nullable ModuleLayer pluginLayer;                // kept reachable while its providers are in use

    private AuthenticatorProviders(Map<String, AuthenticatorProvider> providers, @Nullable ModuleLayer pluginLayer) {
        this.providers = providers;
        this.pluginLayer = pluginLayer;
    }

    /**
     * The providers {@code loaders} find, each provider class once (a layer's loader also sees its parents').
     *
     * @throws IllegalStateException when two providers have the same name (ignoring case)
     */
    static AuthenticatorProviders load(List<ServiceLoader<AuthenticatorProvider>> loaders,
            @Nullable ModuleLayer pluginLayer) {
        Map<String, AuthenticatorProvider> byName = new LinkedHashMap<>();
        List<Class<?>> seen = new ArrayList<>();
        for (ServiceLoader<AuthenticatorProvider> loader : loaders) {
            try {
                loader.stream().forEach(candidate -> {
                    if (seen.contains(candidate.type())) {
                        return;
                    }
                    seen.add(candidate.type());
                    AuthenticatorProvider provider = instantiate(candidate);
                    if (provider != null) {
                        add(byName, provider);
                    }
                });
            } catch (ServiceConfigurationError e) {
                // locating failed (a broken provider declaration): keep what was found so far
                LOG.warn("looking up authenticators failed: {}", e.getMessage(), e);
            }
        }
        Map<String, AuthenticatorProvider> sorted = byName.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        return new AuthenticatorProviders(sorted, pluginLayer);
    }

    private static @Nullable AuthenticatorProvider instantiate(ServiceLoader.Provider<AuthenticatorProvider> candidate) {
        try {
            return candidate.get();
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            LOG.warn("authenticator provider {} from {} failed to load and is left out: {}",
                    candidate.type().getName(), origin(candidate.type()), e.toString(), e);
            return null;
        }
    }

    private static void add(Map<String, AuthenticatorProvider> byName, AuthenticatorProvider provider) {
        String name;
        Map<String, String> options;
        try {
            name = provider.name();
            options = provider.options();
        } catch (RuntimeException e) {
            LOG.warn("authenticator provider {} from {} cannot describe itself and is left out: {}",
                    provider.getClass().getName(), origin(provider.getClass()), e.toString());
            return;
        }
        if (name == null || !NAME.matcher(name).matches()) {
            LOG.warn("authenticator provider {} from {} is left out: invalid name '{}' (letters, digits, dashes)",
                    provider.getClass().getName(), origin(provider.getClass()), name);
            return;
        }
        if (options == null) {
            LOG.warn("authenticator provider {} from {} is left out: options() returned null",
                    provider.getClass().getName(), origin(provider.getClass()));
            return;
        }
        AuthenticatorProvider other = byName.putIfAbsent(key(name), provider);
        if (other != null) {
            throw new IllegalStateException("authenticator '" + name + "' is provided twice: by "
                    + other.getClass().getName() + " in " + origin(other.getClass()) + " and by "
                    + provider.getClass().getName() + " in " + origin(provider.getClass()));
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Where a provider class comes from: its module's name, or the location of an unnamed module's code. */
    static String origin(Class<?> type) {
        Module module = type.getModule();
        if (module.isNamed()) {
            return "module " + module.getName();
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return "unnamed module" + (source != null && source.getLocation() != null ? " " + source.getLocation() : "");
    }

    /** Every authenticator found, sorted by name. */
    public List<AuthenticatorInfo> available() {
        return providers.values().stream()
                .map(p -> new AuthenticatorInfo(p.name(), p.description(), p.options(), origin(p.getClass()),
                        isAvailable(p)))
                .toList();
    }

    private static boolean isAvailable(AuthenticatorProvider provider) {
        try {
            return provider.isAvailable();
        } catch (RuntimeException e) {
            LOG.warn("authenticator {} cannot tell whether it is available: {}", provider.name(), e.toString());
            return false;
        }
    }

    /** The authenticator named {@code name} (ignoring case), if found. */
    public Optional<AuthenticatorProvider> find(String name) {
        return Optional.ofNullable(providers.get(key(name)));
    }

    /**
     * The authenticator named {@code name} (ignoring case).
     *
     * @throws IllegalArgumentException when there is none; the message lists the available ones
     * @throws UnsupportedOperationException when it cannot run here
     */
    public AuthenticatorProvider provider(String name) {
        AuthenticatorProvider provider = providers.get(key(name));
        if (provider == null) {
            throw new IllegalArgumentException("no authenticator named '" + name + "'; available: "
                    + (providers.isEmpty() ? "none (no authenticator module on the module path)"
                    : providers.values().stream().map(AuthenticatorProvider::name).collect(Collectors.joining(", "))));
        }
        if (!isAvailable(provider)) {
            throw new UnsupportedOperationException("authenticator '" + provider.name() + "' ("
                    + origin(provider.getClass()) + ") is not available on this system");
        }
        return provider;
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
                    + origin(provider.getClass()) + " made nothing");
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
        return Optional.ofNullable(pluginLayer);
    }

    @Override
    public String toString() {
        return "authenticators " + providers.values().stream().map(AuthenticatorProvider::name).toList();
    }
}
