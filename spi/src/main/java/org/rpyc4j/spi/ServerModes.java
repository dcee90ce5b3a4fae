package org.rpyc4j.spi;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.rpyc4j.api.Server;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.api.ServiceFactory;
import org.rpyc4j.spi.internal.ProviderSet;

/**
 * The serving modes found by one lookup ({@link Servers#modes()}, {@link Servers#withPluginFolder}), by name.
 * Immutable. A provider that fails to load or has an invalid name is logged and left out; two providers with
 * the same name are an error naming both.
 */
public final class ServerModes {
    private static final ProviderSet.Kind<ServerProvider> KIND = new ProviderSet.Kind<>("serving mode", "mode",
            ServerProvider::name, ServerProvider::isAvailable, Pattern.compile("[a-z][a-z0-9-]*"),
            "lower case letters, digits, dashes", false);

    private final ProviderSet<ServerProvider> providers;

    private ServerModes(ProviderSet<ServerProvider> providers) {
        this.providers = providers;
    }

    /**
     * The providers {@code loaders} find, each provider class once (a layer's loader also sees its parents').
     *
     * @throws IllegalStateException when two providers have the same name
     */
    static ServerModes load(List<ServiceLoader<ServerProvider>> loaders, @Nullable ModuleLayer pluginLayer) {
        return new ServerModes(ProviderSet.load(KIND, loaders, pluginLayer));
    }

    /** Every mode found, by name. */
    public List<ModeInfo> available() {
        return providers.all().stream()
                .map(p -> new ModeInfo(p.name(), p.description(), ProviderSet.origin(p.getClass()),
                        providers.isAvailable(p)))
                .toList();
    }

    /** The mode named {@code name}, if found. */
    public Optional<ServerProvider> find(String name) {
        return providers.find(name);
    }

    /**
     * The mode named {@code name}.
     *
     * @throws IllegalArgumentException when there is none; the message lists the available modes
     */
    public ServerProvider provider(String name) {
        return providers.require(name);
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
        return providers.requireAvailable(mode).create(context);
    }

    /** The plug-in layer this lookup loaded modes from, if any. */
    public Optional<ModuleLayer> pluginLayer() {
        return providers.pluginLayer();
    }

    @Override
    public String toString() {
        return providers.toString();
    }
}
