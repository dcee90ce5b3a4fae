package org.rpyc4j.spi;

import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.api.ServiceFactory;
import org.rpyc4j.spi.support.ServiceClasses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link ServerProvider} gets to make a server: the service, the options and, optionally, the logger
 * to use (rpyc's {@code logger} parameter). A platform type, so that it can grow without breaking providers.
 */
public final class ServerContext {
    private final ServiceFactory serviceFactory;
    private final ServerOptions options;
    private final @Nullable Logger logger;

    private ServerContext(ServiceFactory serviceFactory, ServerOptions options, @Nullable Logger logger) {
        this.serviceFactory = Objects.requireNonNull(serviceFactory, "serviceFactory");
        this.options = Objects.requireNonNull(options, "options");
        this.logger = logger;
    }

    /** A context serving what {@code serviceFactory} makes, with {@code options}. */
    public static ServerContext of(ServiceFactory serviceFactory, ServerOptions options) {
        return new ServerContext(serviceFactory, options, null);
    }

    /** This context with the server logging to {@code logger} instead of a logger named by the options. */
    public ServerContext withLogger(Logger logger) {
        return new ServerContext(serviceFactory, options, Objects.requireNonNull(logger, "logger"));
    }

    /** Makes the service of each connection. */
    public ServiceFactory serviceFactory() {
        return serviceFactory;
    }

    /** How to listen and serve. */
    public ServerOptions options() {
        return options;
    }

    /** The service's aliases, first its name ({@link ServiceClasses#aliasesOf(ServiceFactory)}). */
    public List<String> serviceAliases() {
        return ServiceClasses.aliasesOf(serviceFactory);
    }

    /**
     * The server's logger once it is bound to {@code port} (a port number, or a socket path): the one given
     * to {@link #withLogger}, else the one named {@link ServerOptions#loggerName()}, else rpyc's
     * {@code SERVICENAME/PORT}.
     */
    public Logger logger(Object port) {
        if (logger != null) {
            return logger;
        }
        String name = options.loggerName();
        return LoggerFactory.getLogger(name != null ? name : serviceAliases().getFirst() + "/" + port);
    }
}
