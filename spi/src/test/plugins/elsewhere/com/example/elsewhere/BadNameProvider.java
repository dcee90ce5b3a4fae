package com.example.elsewhere;

import org.rpyc4j.api.Server;
import org.rpyc4j.spi.ServerContext;
import org.rpyc4j.spi.ServerProvider;

public final class BadNameProvider implements ServerProvider {
    @Override
    public String name() {
        return "Bad Name!";
    }

    @Override
    public String description() {
        return "an invalid name";
    }

    @Override
    public Server create(ServerContext context) {
        throw new AssertionError();
    }
}
