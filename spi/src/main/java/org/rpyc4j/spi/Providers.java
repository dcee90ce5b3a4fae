package org.rpyc4j.spi;

import java.nio.file.Path;
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
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers of one kind found on the module path (and class path) and, optionally, in the jars of a
 * plug-in folder ({@link PluginLayer}), by name: each provider class once, one that fails to load or has an
 * invalid name logged and left out, two with the same name an error naming both. Immutable. The one lookup
 * behind {@link Servers}, {@link org.rpyc4j.spi.auth.Authenticators} and
 * {@link org.rpyc4j.spi.registry.Registries}; their result types add the verbs of their kind.
 *
 * @param <P> the provider type
 */
public class Providers<P extends Provider> {
    private static final Logger LOG = LoggerFactory.getLogger(Providers.class);
    private static final Pattern LOWER_CASE_NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");

    /**
     * A kind of provider: its type, and how it is named in messages.
     *
     * @param type what the provider modules {@code provides}; the spi module {@code uses} it
     * @param what the kind in messages ({@code serving mode})
     * @param moduleWhat the kind of module that provides it, in messages ({@code mode})
     * @param ignoreCase whether names match ignoring case; if not, names are lower case
     */
    public record Kind<P extends Provider>(Class<P> type, String what, String moduleWhat, boolean ignoreCase) {
        Pattern validName() {
            return ignoreCase ? NAME : LOWER_CASE_NAME;
        }

        String nameRule() {
            return ignoreCase ? "letters, digits, dashes" : "lower case letters, digits, dashes";
        }
    }

    private final Kind<P> kind;
    private final Map<String, P> byKey;                    // sorted by key
    private final @Nullable ModuleLayer pluginLayer;       // kept reachable while its providers are in use

    private Providers(Kind<P> kind, Map<String, P> byKey, @Nullable ModuleLayer pluginLayer) {
        this.kind = kind;
        this.byKey = byKey;
        this.pluginLayer = pluginLayer;
    }

    /** The same providers, for a result type that adds the verbs of its kind. */
    protected Providers(Providers<P> found) {
        this(found.kind, found.byKey, found.pluginLayer);
    }

    /**
     * The providers of {@code kind} on the module path and class path.
     *
     * @throws IllegalStateException when two providers have the same name
     */
    public static <P extends Provider> Providers<P> load(Kind<P> kind) {
        return load(kind, List.of(standardLoader(kind)), null);
    }

    /**
     * The providers of {@code kind} on the module path plus those in the jars of {@code folder}, loaded into a
     * child module layer ({@link PluginLayer}); a folder that does not exist adds nothing.
     *
     * @throws IllegalStateException when two providers have the same name
     */
    public static <P extends Provider> Providers<P> load(Kind<P> kind, Path folder) {
        ModuleLayer own = Providers.class.getModule().getLayer();
        ModuleLayer layer = PluginLayer.create(folder, own != null ? own : ModuleLayer.boot(),
                Providers.class.getClassLoader());
        return load(kind, List.of(standardLoader(kind), ServiceLoader.load(layer, kind.type())), layer);
    }

    private static <P extends Provider> ServiceLoader<P> standardLoader(Kind<P> kind) {
        return ServiceLoader.load(kind.type(), Providers.class.getClassLoader());
    }

    /** The providers {@code loaders} find (a layer's loader also sees its parents', so classes are taken once). */
    private static <P extends Provider> Providers<P> load(Kind<P> kind, List<ServiceLoader<P>> loaders,
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
        return new Providers<>(kind, Collections.unmodifiableMap(new LinkedHashMap<>(byKey)), pluginLayer);
    }

    private static <P extends Provider> @Nullable P instantiate(Kind<P> kind, ServiceLoader.Provider<P> candidate) {
        try {
            return candidate.get();
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            LOG.warn("{} provider {} from {} failed to load and is left out: {}", kind.what(),
                    candidate.type().getName(), origin(candidate.type()), e.toString(), e);
            return null;
        }
    }

    private static <P extends Provider> void add(Kind<P> kind, Map<String, P> byKey, P provider) {
        String name;
        try {
            name = provider.name();
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

    /** Every provider found, as listed, sorted by name. */
    public List<ProviderInfo> available() {
        return byKey.values().stream()
                .map(p -> new ProviderInfo(p.name(), p.description(), p.options(), origin(p.getClass()),
                        isAvailable(p)))
                .toList();
    }

    /** The provider named {@code name}, if found. */
    public Optional<P> find(String name) {
        return Optional.ofNullable(byKey.get(key(kind, name)));
    }

    /** Whether {@code provider} can run here; one that cannot even tell is logged and taken as unavailable. */
    public boolean isAvailable(P provider) {
        try {
            return provider.isAvailable();
        } catch (RuntimeException e) {
            LOG.warn("{} {} cannot tell whether it is available: {}", kind.what(), provider.name(),
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
                    : byKey.values().stream().map(Provider::name).collect(Collectors.joining(", "))));
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
            throw new UnsupportedOperationException(kind.what() + " '" + provider.name() + "' ("
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
        return kind.what() + "s " + byKey.values().stream().map(Provider::name).toList();
    }
}
