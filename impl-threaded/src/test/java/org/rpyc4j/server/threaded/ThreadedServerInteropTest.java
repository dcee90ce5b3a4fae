package org.rpyc4j.server.threaded;

import org.rpyc4j.api.Server;
import org.rpyc4j.server.testkit.SocketServerInteropContract;
import org.rpyc4j.spi.ServerContext;

class ThreadedServerInteropTest extends SocketServerInteropContract {
    @Override
    protected Server newServer(ServerContext context) {
        return new ThreadedServer(context);
    }
}
