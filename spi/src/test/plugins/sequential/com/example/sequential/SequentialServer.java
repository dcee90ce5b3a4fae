package com.example.sequential;

import org.rpyc4j.spi.ServerContext;
import org.rpyc4j.spi.support.AbstractServer;
import org.rpyc4j.spi.support.AcceptedSocket;

/** Serves connections one after the other, on the accept loop itself. */
public final class SequentialServer extends AbstractServer {
    public SequentialServer(ServerContext context) {
        super(context);
    }

    @Override
    protected void handle(AcceptedSocket accepted) {
        clients().serve(accepted);
    }
}
