package org.rpyc4j.spi.registry;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.rpyc4j.api.RegistryClient;
import org.rpyc4j.api.RegistryClientOptions;
import org.rpyc4j.api.RegistryServer;
import org.rpyc4j.api.RegistryServerOptions;
import org.rpyc4j.spi.PluginLayer;

/**
 * Registry servers and clients by transport name, ignoring case, e.g.
 * {@code Registries.client("UDP", RegistryClientOptions.of("10.0.0.5", 18811))} or
 * {@code Registries.server("tcp", RegistryServerOptions.defaults())}: the transports are the
 * {@link RegistryProvider}s on the module path (and class path), plus, with {@link #withPluginFolder}, those in
 * the jars of a plug-in folder, loaded the way serving modes are ({@link PluginLayer}).
 */
public final class Registries {
    private Registries() {
    }

    /** The transports on the module path and class path (looked up once, then cached). */
    public static RegistryTransports transports() {
        return Standard.TRANSPORTS;
    }

    /** Every transport on the module path, by name. */
    public static List<TransportInfo> available() {
        return transports().available();
    }

    /**
     * A registry client of transport {@code transport} (from the module path).
     *
     * @throws IllegalArgumentException when there is no such transport (the message lists the available ones)
     *     or the options do not suit it
     */
    public static RegistryClient client(String transport, RegistryClientOptions options) {
        return transports().client(transport, options);
    }

    /**
     * A registry server of transport {@code transport} (from the module path), bound and ready to start.
     *
     * @throws IllegalArgumentException when there is no such transport
     * @throws java.io.UncheckedIOException when it cannot bind
     */
    public static RegistryServer server(String transport, RegistryServerOptions options) {
        return transports().server(transport, options);
    }

    /**
     * The transports on the module path plus those in the jars of {@code folder}, loaded into a child module
     * layer ({@link PluginLayer}, the same mechanism as serving modes). A new lookup on every call; a folder
     * that does not exist adds nothing.
     */
    public static RegistryTransports withPluginFolder(Path folder) {
        ModuleLayer layer = PluginLayer.create(folder, parentLayer(), Registries.class.getClassLoader());
        return RegistryTransports.load(List.of(standardLoader(), ServiceLoader.load(layer, RegistryProvider.class)),
                layer);
    }

    private static ServiceLoader<RegistryProvider> standardLoader() {
        return ServiceLoader.load(RegistryProvider.class, Registries.class.getClassLoader());
    }

    private static ModuleLayer parentLayer() {
        ModuleLayer own = Registries.class.getModule().getLayer();
        return own != null ? own : ModuleLayer.boot();
    }

    private static final class Standard {
        static final RegistryTransports TRANSPORTS = RegistryTransports.load(List.of(standardLoader()), null);
    }
}
