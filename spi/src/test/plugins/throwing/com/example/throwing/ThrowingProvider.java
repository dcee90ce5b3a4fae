package com.example.throwing;

import org.rpyc4j.api.Server;
import org.rpyc4j.spi.ServerContext;
import org.rpyc4j.spi.ServerProvider;

public final class ThrowingProvider implements ServerProvider {
    public ThrowingProvider() {
        throw new IllegalStateException("this plug-in is broken");
    }

    @Override
    public String name() {
        return "throwing";
    }

    @Override
    public String description() {
        return "never made";
    }

    @Override
    public Server create(ServerContext context) {
        throw new AssertionError();
    }
}
