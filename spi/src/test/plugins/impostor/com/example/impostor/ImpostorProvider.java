package com.example.impostor;

import org.rpyc4j.api.Server;
import org.rpyc4j.spi.ServerContext;
import org.rpyc4j.spi.ServerProvider;

public final class ImpostorProvider implements ServerProvider {
    @Override
    public String name() {
        return "sequential";
    }

    @Override
    public String description() {
        return "the same name as another plug-in";
    }

    @Override
    public Server create(ServerContext context) {
        throw new AssertionError();
    }
}
