package org.rpyc4j.spi;

import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.rpyc4j.api.Server;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.api.ServiceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving modes found by one lookup ({@link Servers#modes()}, {@link Servers#withPluginFolder}), by name.
 * Immutable. A provider that fails to load or has an invalid name is logged and left out; two providers with
 * the same name are an error naming both.
 */
public final class ServerModes {
    private static final Logger LOG = LoggerFactory.getLogger(ServerModes.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private final Map<String, ServerProvider> providers;   // sorted by name
    private final @Nullable ModuleLayer pluginLayer;          // kept reachable while its providers are in use

    private ServerModes(Map<String, ServerProvider> providers, @Nullable ModuleLayer pluginLayer) {
        this.providers = providers;
        this.pluginLayer = pluginLayer;
    }

    /**
     * The providers {@code loaders} find, each provider class once (a layer's loader also sees its parents').
     *
     * @throws IllegalStateException when two providers have the same name
     */
    static ServerModes load(List<ServiceLoader<ServerProvider>> loaders, @Nullable ModuleLayer pluginLayer) {
        Map<String, ServerProvider> byName = new LinkedHashMap<>();
        List<Class<?>> seen = new ArrayList<>();
        for (ServiceLoader<ServerProvider> loader : loaders) {
            try {
                loader.stream().forEach(candidate -> {
                    if (seen.contains(candidate.type())) {
                        return;
                    }
                    seen.add(candidate.type());
                    ServerProvider provider = instantiate(candidate);
                    if (provider != null) {
                        add(byName, provider);
                    }
                });
            } catch (ServiceConfigurationError e) {
                // locating failed (a broken provider declaration): keep what was found so far
                LOG.warn("looking up serving modes failed: {}", e.getMessage(), e);
            }
        }
        Map<String, ServerProvider> sorted = byName.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        return new ServerModes(sorted, pluginLayer);
    }

    private static @Nullable ServerProvider instantiate(ServiceLoader.Provider<ServerProvider> candidate) {
        try {
            return candidate.get();
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            LOG.warn("serving mode provider {} from {} failed to load and is left out: {}",
                    candidate.type().getName(), origin(candidate.type()), e.toString(), e);
            return null;
        }
    }

    private static void add(Map<String, ServerProvider> byName, ServerProvider provider) {
        String name;
        try {
            name = provider.name();
        } catch (RuntimeException e) {
            LOG.warn("serving mode provider {} from {} has no usable name and is left out: {}",
                    provider.getClass().getName(), origin(provider.getClass()), e.toString());
            return;
        }
        if (name == null || !NAME.matcher(name).matches()) {
            LOG.warn("serving mode provider {} from {} is left out: invalid name '{}' (lower case letters, digits,"
                    + " dashes)", provider.getClass().getName(), origin(provider.getClass()), name);
            return;
        }
        ServerProvider other = byName.putIfAbsent(name, provider);
        if (other != null) {
            throw new IllegalStateException("serving mode '" + name + "' is provided twice: by "
                    + other.getClass().getName() + " in " + origin(other.getClass()) + " and by "
                    + provider.getClass().getName() + " in " + origin(provider.getClass()));
        }
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

    /** Every mode found, by name. */
    public List<ModeInfo> available() {
        return providers.values().stream()
                .map(p -> new ModeInfo(p.name(), p.description(), origin(p.getClass()), p.isAvailable()))
                .sorted(Comparator.comparing(ModeInfo::name))
                .toList();
    }

    /** The mode named {@code name}, if found. */
    public Optional<ServerProvider> find(String name) {
        return Optional.ofNullable(providers.get(name));
    }

    /**
     * The mode named {@code name}.
     *
     * @throws IllegalArgumentException when there is none; the message lists the available modes
     */
    public ServerProvider provider(String name) {
        ServerProvider provider = providers.get(name);
        if (provider == null) {
            throw new IllegalArgumentException("no serving mode named '" + name + "'; available: "
                    + (providers.isEmpty() ? "none (no mode module on the module path)" : String.join(", ", providers.keySet())));
        }
        return provider;
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
        ServerProvider provider = provider(mode);
        if (!provider.isAvailable()) {
            throw new UnsupportedOperationException("serving mode '" + mode + "' (" + origin(provider.getClass())
                    + ") is not available on this system");
        }
        return provider.create(context);
    }

    /** The plug-in layer this lookup loaded modes from, if any. */
    public Optional<ModuleLayer> pluginLayer() {
        return Optional.ofNullable(pluginLayer);
    }

    @Override
    public String toString() {
        return "serving modes " + providers.keySet();
    }
}
