package org.rpyc4j.server.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rpyc4j.api.ClassServiceFactory;
import org.rpyc4j.api.ConnectOptions;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.Server;
import org.rpyc4j.api.error.ConnectionClosedException;
import org.rpyc4j.server.testkit.Await;
import org.rpyc4j.server.testkit.DemoService;
import org.rpyc4j.server.testkit.RecordingLogger;
import org.rpyc4j.server.testkit.ServerResources;
import org.rpyc4j.server.testkit.SocketServerContract;
import org.rpyc4j.spi.ServerContext;
import org.slf4j.event.Level;

class ThreadPoolServerTest extends SocketServerContract {
    @Override
    protected Server newServer(ServerContext context) {
        return new ThreadPoolServer(context);
    }

    @Test
    void startsTwentyWorkersByDefault() {
        ServerResources before = ServerResources.now();
        ThreadPoolServer server = (ThreadPoolServer) start(options().build());
        assertEquals(20, server.poolSize());
        String prefix = "thread DEMO/" + server.port() + " worker ";
        assertEquals(20, ServerResources.leftSince(before, "DEMO/").stream().filter(t -> t.startsWith(prefix)).count());
    }

    @Test
    void dropsConnectionsWhileEveryWorkerIsBusyThenRecovers() throws Exception {
        RecordingLogger log = new RecordingLogger("pool");
        Server server = start(ServerContext.of(ClassServiceFactory.of(DemoService.class),
                options().set(ThreadPoolServer.POOL_SIZE, 2).build()).withLogger(log));
        Connection first = connect(server);
        Connection second = connect(server);
        assertEquals(2L, first.root().callMethod("add", 1, 1));
        assertEquals(2L, second.root().callMethod("add", 1, 1));

        Socket socket = openSocket(server);
        String peer = "('127.0.0.1', " + socket.getLocalPort() + ")";
        try (Connection dropped = Rpyc.connect(transport(socket), ConnectOptions.defaults())) {
            assertThrows(ConnectionClosedException.class, () -> dropped.root());
        }
        assertTrue(log.messages(Level.WARN).contains(peer + " dropped: all 2 workers are busy"), log.lines()::toString);
        assertEquals(4L, first.root().callMethod("add", 2, 2), "the busy connections are unaffected");

        first.close();
        // the freed worker takes the next connection (once it is back waiting for one)
        Await.until(() -> {
            try (Connection again = Rpyc.connect(server.host(), server.port())) {
                return Long.valueOf(6L).equals(again.root().callMethod("add", 3, 3));
            } catch (ConnectionClosedException e) {
                return false;
            }
        }, TIMEOUT, () -> "no worker came free: " + log.lines());
        assertEquals(6L, second.root().callMethod("add", 3, 3));
    }

    @Test
    void servesAsManyConnectionsAsWorkersFromTheMomentItStarts() throws Exception {
        // a worker is free before its thread first waits for a connection: none of these may be dropped
        Server server = start(options().set(ThreadPoolServer.POOL_SIZE, 20).build());
        List<Connection> connections = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                connections.add(connect(server));
            }
            for (int i = 0; i < 20; i++) {
                assertEquals((long) (i + 1), connections.get(i).root().callMethod("add", i, 1));
            }
        } finally {
            connections.forEach(Connection::close);
        }
    }

    @Test
    void refusesAPoolOfNoWorkersAndReleasesItsPort() {
        ServerResources before = ServerResources.now();
        assertThrows(IllegalArgumentException.class, () -> start(options().set(ThreadPoolServer.POOL_SIZE, 0).build()));
        assertEquals(List.of(), ServerResources.leftSince(before, "DEMO/"));
    }
}
