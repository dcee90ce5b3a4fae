package org.rpyc4j.server.threaded;

import org.rpyc4j.api.Server;
import org.rpyc4j.spi.ServerContext;
import org.rpyc4j.spi.ServerProvider;

/** The {@code threaded} serving mode. */
public final class ThreadedServerProvider implements ServerProvider {
    /** Made by {@link java.util.ServiceLoader}. */
    public ThreadedServerProvider() {
    }

    @Override
    public String name() {
        return "threaded";
    }

    @Override
    public String description() {
        return "a thread per connection (virtual threads by default)";
    }

    @Override
    public Server create(ServerContext context) {
        return new ThreadedServer(context);
    }
}
