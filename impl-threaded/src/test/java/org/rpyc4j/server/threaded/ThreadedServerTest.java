package org.rpyc4j.server.threaded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rpyc4j.api.ClassServiceFactory;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.Server;
import org.rpyc4j.server.testkit.DemoService;
import org.rpyc4j.server.testkit.ServerResources;
import org.rpyc4j.server.testkit.SocketServerContract;
import org.rpyc4j.spi.ServerContext;
import org.rpyc4j.spi.support.AbstractServer;
import org.slf4j.helpers.NOPLogger;

class ThreadedServerTest extends SocketServerContract {
    @Override
    protected Server newServer(ServerContext context) {
        return new ThreadedServer(context);
    }

    @Test
    void servesEachConnectionOnAVirtualThreadByDefault() {
        ServerResources before = ServerResources.now();
        Server server = start(options().build());
        String thread = (String) connect(server).root().callMethod("threadName");
        assertTrue(thread.startsWith("VirtualThread"), thread);
        // the only platform thread of the server is its accept loop
        assertEquals(List.of("thread DEMO/" + server.port() + " accept loop"),
                ServerResources.leftSince(before, "DEMO/").stream().map(t -> t.substring(0, t.indexOf('#'))).toList());
    }

    @Test
    void servesOnPlatformThreadsWhenAsked() {
        Server server = start(options().set(ThreadedServer.PLATFORM_THREADS, true).build());
        connect(server).root().callMethod("add", 1, 2);
        String expected = "DEMO/" + server.port() + " client 1#";
        assertTrue(ServerResources.now().platformThreads().stream().anyMatch(t -> t.startsWith(expected)),
                () -> ServerResources.now().platformThreads().toString());
    }

    /** Thousands of concurrent connections are routine: 2000 clients, all connected at once, all in a rendezvous. */
    @Test
    void servesThousandsOfConcurrentConnections() throws Exception {
        int clients = 2000;
        ServerResources before = ServerResources.now();
        // quiet: 4000 welcome and goodbye lines say nothing here
        AbstractServer server = (AbstractServer) start(ServerContext.of(ClassServiceFactory.of(DemoService.class),
                options().build()).withLogger(NOPLogger.NOP_LOGGER));
        String name = "many-" + UUID.randomUUID();
        List<Connection> connections = new ArrayList<>();
        List<CompletableFuture<Object>> calls = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Connection c = closeLater(Rpyc.connect(server.host(), server.port()));
            connections.add(c);
            calls.add(c.root().callMethodAsync("rendezvous", name, clients));   // all wait for all
        }
        for (CompletableFuture<Object> call : calls) {
            call.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        assertEquals(clients, server.activeConnections());
        server.close();
        connections.forEach(SocketServerContract::assertClosedByServer);
        assertEquals(0, server.activeConnections());
        assertEquals(List.of(), ServerResources.leftSince(before, String.valueOf(server.port())));
    }
}
