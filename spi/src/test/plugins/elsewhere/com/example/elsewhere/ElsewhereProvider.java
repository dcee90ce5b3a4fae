package com.example.elsewhere;

import org.rpyc4j.api.Server;
import org.rpyc4j.spi.ServerContext;
import org.rpyc4j.spi.ServerProvider;

public final class ElsewhereProvider implements ServerProvider {
    @Override
    public String name() {
        return "elsewhere";
    }

    @Override
    public String description() {
        return "runs on some other system";
    }

    @Override
    public boolean isAvailable() {
        return false;
    }

    @Override
    public Server create(ServerContext context) {
        throw new AssertionError("not available");
    }
}
