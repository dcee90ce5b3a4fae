package org.rpyc4j.server.forking.otherjvm;

import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.server.forking.ForkingServer;
import org.rpyc4j.server.testkit.DemoService;

/** Serves {@link DemoService} with a forking server until killed; prints {@code PORT n} once serving. */
public final class ForkingServerDriver {
    private ForkingServerDriver() {
    }

    public static void main(String[] args) throws InterruptedException {
        ForkingServer server = new ForkingServer(DemoService.class, ServerOptions.defaults());
        server.start();
        System.out.println("PORT " + server.port());
        System.out.flush();
        Thread.currentThread().join();   // until killed
    }
}
