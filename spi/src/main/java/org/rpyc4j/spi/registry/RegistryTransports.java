package org.rpyc4j.spi.registry;

import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.rpyc4j.api.RegistryClient;
import org.rpyc4j.api.RegistryClientOptions;
import org.rpyc4j.api.RegistryServer;
import org.rpyc4j.api.RegistryServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry transports found by one lookup ({@link Registries#transports()},
 * {@link Registries#withPluginFolder}), by name ignoring case. Immutable. A provider that fails to load or has
 * an invalid name is logged and left out; two providers whose names differ only in case are an error naming
 * both.
 */
public final class RegistryTransports {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryTransports.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]*");

    private final Map<String, RegistryProvider> providers;     // lower-case name -> provider, sorted by name
    private final @Nullable ModuleLayer pluginLayer;            // kept reachable while its providers are in use

    private RegistryTransports(Map<String, RegistryProvider> providers, @Nullable ModuleLayer pluginLayer) {
        this.providers = providers;
        this.pluginLayer = pluginLayer;
    }

    /**
     * The providers {@code loaders} find, each provider class once (a layer's loader also sees its parents').
     *
     * @throws IllegalStateException when two providers have the same name (ignoring case)
     */
    static RegistryTransports load(List<ServiceLoader<RegistryProvider>> loaders, @Nullable ModuleLayer pluginLayer) {
        Map<String, RegistryProvider> byName = new LinkedHashMap<>();
        List<Class<?>> seen = new ArrayList<>();
        for (ServiceLoader<RegistryProvider> loader : loaders) {
            try {
                loader.stream().forEach(candidate -> {
                    if (seen.contains(candidate.type())) {
                        return;
                    }
                    seen.add(candidate.type());
                    RegistryProvider provider = instantiate(candidate);
                    if (provider != null) {
                        add(byName, provider);
                    }
                });
            } catch (ServiceConfigurationError e) {
                LOG.warn("looking up registry transports failed: {}", e.getMessage(), e);
            }
        }
        Map<String, RegistryProvider> sorted = byName.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        return new RegistryTransports(sorted, pluginLayer);
    }

    private static @Nullable RegistryProvider instantiate(ServiceLoader.Provider<RegistryProvider> candidate) {
        try {
            return candidate.get();
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            LOG.warn("registry transport provider {} from {} failed to load and is left out: {}",
                    candidate.type().getName(), origin(candidate.type()), e.toString(), e);
            return null;
        }
    }

    private static void add(Map<String, RegistryProvider> byName, RegistryProvider provider) {
        String name;
        try {
            name = provider.name();
        } catch (RuntimeException e) {
            LOG.warn("registry transport provider {} from {} has no usable name and is left out: {}",
                    provider.getClass().getName(), origin(provider.getClass()), e.toString());
            return;
        }
        if (name == null || !NAME.matcher(name).matches()) {
            LOG.warn("registry transport provider {} from {} is left out: invalid name '{}' (letters, digits, dashes)",
                    provider.getClass().getName(), origin(provider.getClass()), name);
            return;
        }
        RegistryProvider other = byName.putIfAbsent(key(name), provider);
        if (other != null) {
            throw new IllegalStateException("registry transport '" + name + "' is provided twice: by "
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

    /** Every transport found, sorted by name. */
    public List<TransportInfo> available() {
        return providers.values().stream()
                .map(p -> new TransportInfo(p.name(), p.description(), origin(p.getClass()), isAvailable(p)))
                .toList();
    }

    private static boolean isAvailable(RegistryProvider provider) {
        try {
            return provider.isAvailable();
        } catch (RuntimeException e) {
            LOG.warn("registry transport {} cannot tell whether it is available: {}", provider.name(), e.toString());
            return false;
        }
    }

    /** The transport named {@code name} (ignoring case), if found. */
    public Optional<RegistryProvider> find(String name) {
        return Optional.ofNullable(providers.get(key(name)));
    }

    /**
     * The transport named {@code name} (ignoring case).
     *
     * @throws IllegalArgumentException when there is none; the message lists the available ones
     * @throws UnsupportedOperationException when it cannot run here
     */
    public RegistryProvider provider(String name) {
        RegistryProvider provider = providers.get(key(name));
        if (provider == null) {
            throw new IllegalArgumentException("no registry transport named '" + name + "'; available: "
                    + (providers.isEmpty() ? "none (no registry transport module on the module path)"
                    : providers.values().stream().map(RegistryProvider::name).collect(Collectors.joining(", "))));
        }
        if (!isAvailable(provider)) {
            throw new UnsupportedOperationException("registry transport '" + provider.name() + "' ("
                    + origin(provider.getClass()) + ") is not available on this system");
        }
        return provider;
    }

    /** A registry server of transport {@code name}, bound and ready to start. */
    public RegistryServer server(String name, RegistryServerOptions options) {
        return provider(name).createServer(options);
    }

    /** A registry client of transport {@code name}. */
    public RegistryClient client(String name, RegistryClientOptions options) {
        return provider(name).createClient(options);
    }

    /** The plug-in layer this lookup loaded transports from, if any. */
    public Optional<ModuleLayer> pluginLayer() {
        return Optional.ofNullable(pluginLayer);
    }

    @Override
    public String toString() {
        return "registry transports " + providers.values().stream().map(RegistryProvider::name).toList();
    }
}
