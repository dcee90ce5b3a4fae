package org.rpyc4j.spi.auth;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.rpyc4j.api.Authenticator;
import org.rpyc4j.spi.PluginLayer;

/**
 * Authenticators by name, ignoring case, made from options, e.g.
 * {@code Authenticators.create("ssl", Map.of("keyfile", "server.key", "certfile", "server.pem"))} for
 * {@code rpyc_classic --ssl-keyfile server.key --ssl-certfile server.pem}: the authenticators are the
 * {@link AuthenticatorProvider}s on the module path (and class path), plus, with {@link #withPluginFolder},
 * those in the jars of a plug-in folder, loaded the way serving modes are ({@link PluginLayer}).
 */
public final class Authenticators {
    private Authenticators() {
    }

    /** The authenticators on the module path and class path (looked up once, then cached). */
    public static AuthenticatorProviders providers() {
        return Standard.PROVIDERS;
    }

    /** Every authenticator on the module path, by name. */
    public static List<AuthenticatorInfo> available() {
        return providers().available();
    }

    /**
     * A new authenticator of kind {@code name} (from the module path) made from {@code options}.
     *
     * @throws IllegalArgumentException when there is no such authenticator (the message lists the available
     *     ones), an option is not one it understands, or it refuses the options (the message says why)
     */
    public static Authenticator create(String name, Map<String, String> options) {
        return providers().create(name, options);
    }

    /** A new authenticator of kind {@code name} (from the module path) made from {@code options}. */
    public static Authenticator create(String name, AuthenticatorOptions options) {
        return providers().create(name, options);
    }

    /**
     * The authenticators on the module path plus those in the jars of {@code folder}, loaded into a child
     * module layer ({@link PluginLayer}, the same mechanism as serving modes). A new lookup on every call; a
     * folder that does not exist adds nothing.
     */
    public static AuthenticatorProviders withPluginFolder(Path folder) {
        ModuleLayer layer = PluginLayer.create(folder, parentLayer(), Authenticators.class.getClassLoader());
        return AuthenticatorProviders.load(List.of(standardLoader(), ServiceLoader.load(layer,
                AuthenticatorProvider.class)), layer);
    }

    private static ServiceLoader<AuthenticatorProvider> standardLoader() {
        return ServiceLoader.load(AuthenticatorProvider.class, Authenticators.class.getClassLoader());
    }

    private static ModuleLayer parentLayer() {
        ModuleLayer own = Authenticators.class.getModule().getLayer();
        return own != null ? own : ModuleLayer.boot();
    }

    private static final class Standard {
        static final AuthenticatorProviders PROVIDERS = AuthenticatorProviders.load(List.of(standardLoader()), null);
    }
}
