package org.rpyc4j.server.stdio;

import org.rpyc4j.api.ClassServiceFactory;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.server.testkit.DemoService;

/** Serves stdio, whose peer never writes, and closes the server from another thread: close must not hang. */
public final class CloseWhileWaitingDriver {
    private CloseWhileWaitingDriver() {
    }

    public static void main(String[] args) throws InterruptedException {
        StdioServer server = new StdioServer(ClassServiceFactory.of(DemoService.class), ServerOptions.defaults());
        server.start();
        Thread.sleep(300);   // the server now waits for its peer's first frame
        server.close();
        System.err.println("CLOSED " + server.isClosed());
    }
}
