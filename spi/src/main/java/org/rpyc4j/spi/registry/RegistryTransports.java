package org.rpyc4j.spi.registry;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.rpyc4j.api.RegistryClient;
import org.rpyc4j.api.RegistryClientOptions;
import org.rpyc4j.api.RegistryServer;
import org.rpyc4j.api.RegistryServerOptions;
import org.rpyc4j.spi.internal.ProviderSet;

/**
 * The registry transports found by one lookup ({@link Registries#transports()},
 * {@link Registries#withPluginFolder}), by name ignoring case. Immutable. A provider that fails to load or has
 * an invalid name is logged and left out; two providers whose names differ only in case are an error naming
 * both.
 */
public final class RegistryTransports {
    private static final ProviderSet.Kind<RegistryProvider> KIND = new ProviderSet.Kind<>("registry transport",
            "registry transport", RegistryProvider::name, RegistryProvider::isAvailable,
            Pattern.compile("[A-Za-z][A-Za-z0-9-]*"), "letters, digits, dashes", true);

    private final ProviderSet<RegistryProvider> providers;

    private RegistryTransports(ProviderSet<RegistryProvider> providers) {
        this.providers = providers;
    }

    /**
     * The providers {@code loaders} find, each provider class once.
     *
     * @throws IllegalStateException when two providers have the same name (ignoring case)
     */
    static RegistryTransports load(List<ServiceLoader<RegistryProvider>> loaders, @Nullable ModuleLayer pluginLayer) {
        return new RegistryTransports(ProviderSet.load(KIND, loaders, pluginLayer));
    }

    /** Every transport found, sorted by name. */
    public List<TransportInfo> available() {
        return providers.all().stream()
                .map(p -> new TransportInfo(p.name(), p.description(), ProviderSet.origin(p.getClass()),
                        providers.isAvailable(p)))
                .toList();
    }

    /** The transport named {@code name} (ignoring case), if found. */
    public Optional<RegistryProvider> find(String name) {
        return providers.find(name);
    }

    /**
     * The transport named {@code name} (ignoring case).
     *
     * @throws IllegalArgumentException when there is none; the message lists the available ones
     * @throws UnsupportedOperationException when it cannot run here
     */
    public RegistryProvider provider(String name) {
        return providers.requireAvailable(name);
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
        return providers.pluginLayer();
    }

    @Override
    public String toString() {
        return providers.toString();
    }
}
