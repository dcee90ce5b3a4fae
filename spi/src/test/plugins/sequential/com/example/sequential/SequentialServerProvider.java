package com.example.sequential;

import org.rpyc4j.api.Server;
import org.rpyc4j.spi.ServerContext;
import org.rpyc4j.spi.ServerProvider;

public final class SequentialServerProvider implements ServerProvider {
    @Override
    public String name() {
        return "sequential";
    }

    @Override
    public String description() {
        return "one connection at a time (a plug-in)";
    }

    @Override
    public Server create(ServerContext context) {
        return new SequentialServer(context);
    }
}
