package org.rpyc4j.server.oneshot;

import org.rpyc4j.api.Server;
import org.rpyc4j.spi.ServerContext;
import org.rpyc4j.spi.ServerProvider;

/** The {@code oneshot} serving mode. */
public final class OneShotServerProvider implements ServerProvider {
    /** Made by {@link java.util.ServiceLoader}. */
    public OneShotServerProvider() {
    }

    @Override
    public String name() {
        return "oneshot";
    }

    @Override
    public String description() {
        return "print the rpyc-oneshot banner, serve one connection, end";
    }

    @Override
    public Server create(ServerContext context) {
        return new OneShotServer(context);
    }
}
