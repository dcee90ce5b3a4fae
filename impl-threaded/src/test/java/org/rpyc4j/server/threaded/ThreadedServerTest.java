package org.rpyc4j.server.threaded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.rpyc4j.api.Authenticator;
import org.rpyc4j.api.ClassServiceFactory;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.Server;
import org.rpyc4j.server.testkit.Await;
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

    /**
     * A new connection is read by a pooled platform thread; once quiet, by its own virtual thread, on which
     * thousands of idle connections cost little. Closing the server leaves no thread behind.
     */
    @Test
    void aNewConnectionIsReadByAPlatformThreadAndAQuietOneByItsVirtualThread() {
        ServerResources before = ServerResources.now();
        ThreadedServer server = (ThreadedServer) start(options().build());
        String reader = "DEMO/" + server.port() + " reader ";
        NetRef root = connect(server).root();
        assertTrue(threadOf(root).contains(reader), () -> threadOf(root));
        assertEquals(1, server.busyConnections());
        awaitQuiet(server);
        assertTrue(threadOf(root).startsWith("VirtualThread"));
        server.close();
        assertEquals(List.of(), ServerResources.leftSince(before, "DEMO/" + server.port()));
    }

    /**
     * A new connection is opened (authenticated, welcomed) on the platform thread that then serves it, with no
     * virtual thread in between; when no slot is free, it is opened on its virtual thread.
     */
    @Test
    void aNewConnectionIsOpenedOnThePlatformThreadThatServesIt() {
        List<String> authenticatedOn = java.util.Collections.synchronizedList(new ArrayList<>());
        Authenticator recording = (transport, socket) -> {
            authenticatedOn.add(Thread.currentThread().toString());
            return new Authenticator.Authenticated(transport, null);
        };
        ThreadedServer server = (ThreadedServer) start(options().authenticator(recording)
                .set(ThreadedServer.BUSY_THREADS, 1).build());
        String reader = "DEMO/" + server.port() + " reader ";
        NetRef first = connect(server).root();
        String served = threadOf(first);
        assertTrue(served.contains(reader), served);
        assertEquals(List.of(served), authenticatedOn, "authenticated on the thread that serves it");

        NetRef second = connect(server).root();   // the one slot is taken
        assertTrue(threadOf(second).startsWith("VirtualThread"));
        assertEquals(2, authenticatedOn.size());
        assertTrue(authenticatedOn.get(1).startsWith("VirtualThread"), authenticatedOn::toString);
    }

    @Test
    void servesOnPlatformThreadsWhenAsked() {
        Server server = start(options().set(ThreadedServer.PLATFORM_THREADS, true).build());
        connect(server).root().callMethod("add", 1, 2);
        String expected = "DEMO/" + server.port() + " client 1#";
        assertTrue(ServerResources.now().platformThreads().stream().anyMatch(t -> t.startsWith(expected)),
                () -> ServerResources.now().platformThreads().toString());
    }

    /** A quiet connection making requests in quick succession moves to a platform thread, and back once it idles. */
    @Test
    void aBusyConnectionMovesToAPlatformThreadAndBackWhenIdle() throws Exception {
        ServerResources before = ServerResources.now();
        ThreadedServer server = (ThreadedServer) start(options().build());
        String reader = "DEMO/" + server.port() + " reader ";
        NetRef root = connect(server).root();
        awaitQuiet(server);
        assertTrue(threadOf(root).startsWith("VirtualThread"));

        String busy = callUntil(root, t -> t.contains(reader));
        assertTrue(busy.contains(reader), busy);
        // callbacks nest as ever while a platform thread reads
        AtomicReference<Function<Object, Object>> callback = new AtomicReference<>();
        callback.set(depth -> ((Long) depth) == 0 ? "bottom" : root.callMethod("nest", callback.get(), (Long) depth - 1));
        assertEquals("bottom", root.callMethod("nest", callback.get(), 5));

        // silent for longer than the idle time: the virtual thread serves again
        awaitQuiet(server);
        assertTrue(threadOf(root).startsWith("VirtualThread"));
        assertEquals(42L, root.callMethod("add", 40, 2));

        server.close();
        assertEquals(List.of(), ServerResources.leftSince(before, "DEMO/" + server.port()));
    }

    @Test
    void busyConnectionsStayOnVirtualThreadsWhenTurnedOff() {
        Server server = start(options().set(ThreadedServer.BUSY_THREADS, 0).build());
        NetRef root = connect(server).root();
        for (int i = 0; i < 5 * BusyConnectionThreads.BURST; i++) {
            assertTrue(threadOf(root).startsWith("VirtualThread"));
        }
    }

    /** At most {@code threaded.busy-threads} connections are on platform threads; other busy ones stay virtual. */
    @Test
    void busyConnectionsBeyondTheLimitStayOnVirtualThreads() {
        ThreadedServer server = (ThreadedServer) start(options().set(ThreadedServer.BUSY_THREADS, 1).build());
        String reader = "DEMO/" + server.port() + " reader ";
        NetRef first = connect(server).root();
        assertTrue(threadOf(first).contains(reader));   // new: takes the one slot
        NetRef second = connect(server).root();
        for (int i = 0; i < 5 * BusyConnectionThreads.BURST; i++) {
            assertTrue(threadOf(second).startsWith("VirtualThread"));
            assertTrue(threadOf(first).contains(reader));   // keeps the one slot
        }
        assertEquals(1, server.busyConnections());
    }

    @Test
    void refusesANegativeBusyThreadCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> start(options().set(ThreadedServer.BUSY_THREADS, -1).build()));
        assertTrue(e.getMessage().contains(ThreadedServer.BUSY_THREADS), e.getMessage());
    }

    /**
     * The thread serving {@code root}'s connection, as a call sees it. A call may instead run on one of the
     * engine's standby readers ({@code rpyc-reader-N}): one takes the next frame when the serving thread is
     * held up for more than a millisecond, as on a busy machine. Those answers are passed over (a bounded
     * number of times); the connection's own thread answers the next call.
     */
    private static String threadOf(NetRef root) {
        String thread = "";
        for (int i = 0; i < 100; i++) {
            thread = (String) root.callMethod("threadName");
            if (!thread.contains(",rpyc-reader-")) {
                break;
            }
        }
        return thread;
    }

    /** Calls {@code threadName} until {@code until} holds for its answer (a bounded number of times). */
    private static String callUntil(NetRef root, Predicate<String> until) {
        String thread = "";
        for (int i = 0; i < 100 * BusyConnectionThreads.BURST && !until.test(thread); i++) {
            thread = threadOf(root);
        }
        return thread;
    }

    /** Waits until no connection is on a platform thread (each has been silent for the idle time). */
    private static void awaitQuiet(ThreadedServer server) {
        Await.until(() -> server.busyConnections() == 0, BusyConnectionThreads.IDLE.plus(TIMEOUT),
                () -> server.busyConnections() + " connections still on platform threads");
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
