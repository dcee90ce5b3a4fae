package org.rpyc4j.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.rpyc4j.api.Server;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.api.ServiceFactory;

/**
 * Servers by mode name, e.g. {@code Servers.create("threaded", MyService::new, options)}: the modes are the
 * {@link ServerProvider}s on the module path (and class path), plus, with {@link #withPluginFolder}, those in
 * the jars of a plug-in folder. This lookup is in the spi rather than the api because the api cannot depend
 * on the provider type.
 */
public final class Servers {
    private Servers() {
    }

    /** The modes on the module path and class path (looked up once, then cached). */
    public static ServerModes modes() {
        return Standard.MODES;
    }

    /** Every mode on the module path, by name. */
    public static List<ModeInfo> available() {
        return modes().available();
    }

    /**
     * A server of mode {@code mode} (from the module path) serving what {@code factory} makes.
     *
     * @throws IllegalArgumentException when there is no such mode; the message lists the available ones
     */
    public static Server create(String mode, ServiceFactory factory, ServerOptions options) {
        return modes().create(mode, factory, options);
    }

    /**
     * The modes on the module path plus those in the jars of {@code folder}, which are loaded into a child
     * module layer ({@link PluginLayer}). A new lookup on every call; a folder that does not exist adds
     * nothing.
     */
    public static ServerModes withPluginFolder(Path folder) {
        ModuleLayer layer = PluginLayer.create(folder, parentLayer(), Servers.class.getClassLoader());
        return ServerModes.load(List.of(standardLoader(), ServiceLoader.load(layer, ServerProvider.class)), layer);
    }

    private static ServiceLoader<ServerProvider> standardLoader() {
        return ServiceLoader.load(ServerProvider.class, Servers.class.getClassLoader());
    }

    private static ModuleLayer parentLayer() {
        ModuleLayer own = Servers.class.getModule().getLayer();
        return own != null ? own : ModuleLayer.boot();
    }

    private static final class Standard {
        static final ServerModes MODES = ServerModes.load(List.of(standardLoader()), null);
    }
}
