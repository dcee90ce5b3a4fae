package org.rpyc4j.server.pool;

import org.rpyc4j.api.Server;
import org.rpyc4j.spi.ServerContext;
import org.rpyc4j.spi.ServerProvider;

/** The {@code pool} serving mode. */
public final class ThreadPoolServerProvider implements ServerProvider {
    /** Made by {@link java.util.ServiceLoader}. */
    public ThreadPoolServerProvider() {
    }

    @Override
    public String name() {
        return "pool";
    }

    @Override
    public String description() {
        return "a fixed pool of worker threads; a connection arriving when all are busy is dropped";
    }

    @Override
    public Server create(ServerContext context) {
        return new ThreadPoolServer(context);
    }
}
