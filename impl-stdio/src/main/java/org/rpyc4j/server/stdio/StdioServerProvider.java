package org.rpyc4j.server.stdio;

import org.rpyc4j.api.Server;
import org.rpyc4j.spi.ServerContext;
import org.rpyc4j.spi.ServerProvider;

/** The {@code stdio} serving mode. */
public final class StdioServerProvider implements ServerProvider {
    /** Made by {@link java.util.ServiceLoader}. */
    public StdioServerProvider() {
    }

    @Override
    public String name() {
        return "stdio";
    }

    @Override
    public String description() {
        return "one connection over standard input and output (inetd, connect_subproc), or an inherited socket";
    }

    @Override
    public Server create(ServerContext context) {
        return new StdioServer(context);
    }
}
