/**
 * The rpyc4j serving-mode SPI.
 *
 * <p>A serving mode (threaded, pool, forking, ...) is a module that {@code provides}
 * {@link org.rpyc4j.spi.ServerProvider}; {@link org.rpyc4j.spi.Servers} finds the modes on the module path and
 * in an optional plug-in folder and makes a {@link org.rpyc4j.api.Server} by mode name. The lookup lives here,
 * not in the api, because the api cannot depend on the provider type. {@code org.rpyc4j.spi.support} is the
 * accept loop, binding, authentication, logging and registration that socket modes share.
 */
module org.rpyc4j.spi {
    requires transitive org.rpyc4j.api;
    requires transitive org.slf4j;
    requires static jsr305;
    requires java.management;   // JavaCommand: the options this JVM was started with

    exports org.rpyc4j.spi;
    exports org.rpyc4j.spi.support;
    exports org.rpyc4j.spi.registry;
    exports org.rpyc4j.spi.auth;

    uses org.rpyc4j.spi.ServerProvider;
    uses org.rpyc4j.spi.registry.RegistryProvider;
    uses org.rpyc4j.spi.auth.AuthenticatorProvider;
}
