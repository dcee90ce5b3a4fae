package org.rpyc4j.server.forking;

import org.rpyc4j.api.Server;
import org.rpyc4j.spi.ServerContext;
import org.rpyc4j.spi.ServerProvider;

/** The {@code forking} serving mode; available on 64-bit Linux. */
public final class ForkingServerProvider implements ServerProvider {
    /** Made by {@link java.util.ServiceLoader}. */
    public ForkingServerProvider() {
    }

    @Override
    public String name() {
        return "forking";
    }

    @Override
    public String description() {
        return "a process per connection (a warm spare JVM takes over the socket); Linux only";
    }

    @Override
    public boolean isAvailable() {
        return ForkingServer.isSupported();
    }

    @Override
    public Server create(ServerContext context) {
        return new ForkingServer(context);
    }
}
