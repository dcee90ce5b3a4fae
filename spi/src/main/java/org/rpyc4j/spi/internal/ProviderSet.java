package org.rpyc4j.spi.internal;

import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers of one kind that {@link ServiceLoader}s find (serving modes, authenticators, registry
 * transports), by name: each provider class once, one that fails to load or has an invalid name logged and
 * left out, two with the same name an error naming both. Immutable.
 *
 * @param <P> the provider type
 */
public final class ProviderSet<P> {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderSet.class);

    /** How a kind of provider is named and described in messages. */
    public record Kind<P>(String what, String moduleWhat, Function<P, String> name, Predicate<P> available,
            Pattern validName, String nameRule, boolean ignoreCase) {
    }

    private final Kind<P> kind;
    private final Map<String, P> byKey;                    // sorted by key
    private final @Nullable ModuleLayer pluginLayer;       // kept reachable while its providers are in use

    private ProviderSet(Kind<P> kind, Map<String, P> byKey, @Nullable ModuleLayer pluginLayer) {
        this.kind = kind;
        this.byKey = byKey;
        this.pluginLayer = pluginLayer;
    }

    /**
     * The providers {@code loaders} find (a layer's loader also sees its parents', so classes are taken once).
     *
     * @throws IllegalStateException when two providers have the same name
     */
    public static <P> ProviderSet<P> load(Kind<P> kind, List<ServiceLoader<P>> loaders,
            @Nullable ModuleLayer pluginLayer) {
        Map<String, P> byKey = new TreeMap<>();
        List<Class<?>> seen = new ArrayList<>();
        for (ServiceLoader<P> loader : loaders) {
            try {
                loader.stream().forEach(candidate -> {
                    if (!seen.contains(candidate.type())) {
                        seen.add(candidate.type());
                        P provider = instantiate(kind, candidate);
                        if (provider != null) {
                            add(kind, byKey, provider);
                        }
                    }
                });
            } catch (ServiceConfigurationError e) {
                // locating failed (a broken provider declaration): keep what was found so far
                LOG.warn("looking up {}s failed: {}", kind.what(), e.getMessage(), e);
            }
        }
        return new ProviderSet<>(kind, Collections.unmodifiableMap(new LinkedHashMap<>(byKey)), pluginLayer);
    }

    private static <P> @Nullable P instantiate(Kind<P> kind, ServiceLoader.Provider<P> candidate) {
        try {
            return candidate.get();
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            LOG.warn("{} provider {} from {} failed to load and is left out: {}", kind.what(),
                    candidate.type().getName(), origin(candidate.type()), e.toString(), e);
            return null;
        }
    }

    private static <P> void add(Kind<P> kind, Map<String, P> byKey, P provider) {
        String name;
        try {
            name = kind.name().apply(provider);
        } catch (RuntimeException e) {
            LOG.warn("{} provider {} from {} has no usable name and is left out: {}", kind.what(),
                    provider.getClass().getName(), origin(provider.getClass()), e.toString());
            return;
        }
        if (name == null || !kind.validName().matcher(name).matches()) {
            LOG.warn("{} provider {} from {} is left out: invalid name '{}' ({})", kind.what(),
                    provider.getClass().getName(), origin(provider.getClass()), name, kind.nameRule());
            return;
        }
        P other = byKey.putIfAbsent(key(kind, name), provider);
        if (other != null) {
            throw new IllegalStateException(kind.what() + " '" + name + "' is provided twice: by "
                    + other.getClass().getName() + " in " + origin(other.getClass()) + " and by "
                    + provider.getClass().getName() + " in " + origin(provider.getClass()));
        }
    }

    private static String key(Kind<?> kind, String name) {
        return kind.ignoreCase() ? name.toLowerCase(Locale.ROOT) : name;
    }

    /** Where a provider class comes from: its module's name, or the location of an unnamed module's code. */
    public static String origin(Class<?> type) {
        Module module = type.getModule();
        if (module.isNamed()) {
            return "module " + module.getName();
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return "unnamed module" + (source != null && source.getLocation() != null ? " " + source.getLocation() : "");
    }

    /** Every provider found, sorted by name. */
    public Collection<P> all() {
        return byKey.values();
    }

    /** The provider named {@code name}, if found. */
    public Optional<P> find(String name) {
        return Optional.ofNullable(byKey.get(key(kind, name)));
    }

    /** Whether {@code provider} can run here; one that cannot even tell is logged and taken as unavailable. */
    public boolean isAvailable(P provider) {
        try {
            return kind.available().test(provider);
        } catch (RuntimeException e) {
            LOG.warn("{} {} cannot tell whether it is available: {}", kind.what(), kind.name().apply(provider),
                    e.toString());
            return false;
        }
    }

    /**
     * The provider named {@code name}.
     *
     * @throws IllegalArgumentException when there is none; the message lists the available ones
     */
    public P require(String name) {
        P provider = byKey.get(key(kind, name));
        if (provider == null) {
            throw new IllegalArgumentException("no " + kind.what() + " named '" + name + "'; available: "
                    + (byKey.isEmpty() ? "none (no " + kind.moduleWhat() + " module on the module path)"
                    : byKey.values().stream().map(kind.name()).collect(Collectors.joining(", "))));
        }
        return provider;
    }

    /**
     * The provider named {@code name}, which must be able to run here.
     *
     * @throws IllegalArgumentException when there is none
     * @throws UnsupportedOperationException when it cannot run here
     */
    public P requireAvailable(String name) {
        P provider = require(name);
        if (!isAvailable(provider)) {
            throw new UnsupportedOperationException(kind.what() + " '" + kind.name().apply(provider) + "' ("
                    + origin(provider.getClass()) + ") is not available on this system");
        }
        return provider;
    }

    /** The plug-in layer these providers were loaded from, if any. */
    public Optional<ModuleLayer> pluginLayer() {
        return Optional.ofNullable(pluginLayer);
    }

    @Override
    public String toString() {
        return kind.what() + "s " + byKey.values().stream().map(kind.name()).toList();
    }
}
