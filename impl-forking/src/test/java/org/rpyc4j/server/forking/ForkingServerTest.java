package org.rpyc4j.server.forking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rpyc4j.api.ClassServiceFactory;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.Server;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.api.error.ConnectionClosedException;
import org.rpyc4j.server.testkit.Await;
import org.rpyc4j.server.testkit.DemoService;
import org.rpyc4j.server.testkit.ServerResources;
import org.rpyc4j.server.testkit.SocketServerContract;
import org.rpyc4j.spi.ServerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class ForkingServerTest extends SocketServerContract {
    private static final Logger LOG = LoggerFactory.getLogger(ForkingServerTest.class);

    @Override
    protected Server newServer(ServerContext context) {
        return new ForkingServer(context);
    }

    @Override
    protected boolean servesInThisProcess() {
        return false;
    }

    @Override
    protected int silentClients() {
        return 2;   // each costs a JVM
    }

    @Test
    void servesEachConnectionInAProcessOfItsOwn() {
        Server server = start(options().build());
        Set<Long> pids = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            long pid = (Long) connect(server).root().callMethod("pid");
            assertNotEquals(ProcessHandle.current().pid(), pid);
            assertEquals(ProcessHandle.current().pid(),
                    ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L),
                    "the child is ours");
            pids.add(pid);
        }
        assertEquals(3, pids.size(), pids::toString);
    }

    @Test
    void aChildsExitEndsOnlyItsConnection() {
        assertOnlyItsConnectionEnds("exit", 3);
    }

    @Test
    void aChildsCrashEndsOnlyItsConnection() {
        assertOnlyItsConnectionEnds("crash");
    }

    @Test
    void aChildsRunawayMemoryEndsOnlyItsConnection() {
        assertOnlyItsConnectionEnds(options().set(ForkingServer.JVM_OPTIONS, "-XX:+UseSerialGC -Xmx48m").build(),
                "exhaustMemory");
    }

    private void assertOnlyItsConnectionEnds(String method, Object... args) {
        assertOnlyItsConnectionEnds(options().build(), method, args);
    }

    private void assertOnlyItsConnectionEnds(ServerOptions options, String method, Object... args) {
        ForkingServer server = (ForkingServer) start(options);
        Connection doomed = connect(server);
        Connection bystander = connect(server);
        long doomedPid = (Long) doomed.root().callMethod("pid");
        long bystanderPid = (Long) bystander.root().callMethod("pid");

        assertThrows(ConnectionClosedException.class, () -> doomed.root().callMethod(method, args));
        Await.until(() -> ProcessHandle.current().children().noneMatch(p -> p.pid() == doomedPid), TIMEOUT,
                () -> "child " + doomedPid + " not reaped");
        assertEquals(bystanderPid, bystander.root().callMethod("pid"), "the other connection goes on");
        try (Connection next = Rpyc.connect(server.host(), server.port())) {
            assertEquals(5L, next.root().callMethod("add", 2, 3), "the server goes on");
        }
    }

    @Test
    void refusesWhatAChildCannotRebuild() {
        ServerOptions options = options().build();
        assertThrows(IllegalArgumentException.class, () -> new ForkingServer(c -> new DemoService(), options));
        ServerOptions lambdaAuthenticator = options().authenticator((transport, socket) -> null).build();
        assertThrows(IllegalArgumentException.class,
                () -> new ForkingServer(ClassServiceFactory.of(DemoService.class), lambdaAuthenticator));
    }

    @Test
    void aChildThatCannotStartFailsTheStartAtOnce() {
        ServerResources before = ServerResources.now();
        ServerOptions options = options().set(ForkingServer.JVM_OPTIONS, "-XX:+NoSuchOptionAnywhere").build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> start(options));
        assertTrue(e.getMessage().contains("did not become ready"), e.getMessage());
        assertEquals(List.of(), ServerResources.leftSince(before, "DEMO/"));
    }

    /** Measures connect-to-first-reply with a warm spare, against the threaded time of the same JVM. */
    @Test
    void connectToFirstReplyIsFastWithAWarmSpare() throws Exception {
        ForkingServer server = (ForkingServer) start(options().build());
        int rounds = 8;
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            Await.until(() -> server.readySpares() > 0, TIMEOUT, () -> "no spare became ready");
            long begin = System.nanoTime();
            try (Connection client = Rpyc.connect(server.host(), server.port())) {
                assertEquals(3L, client.root().callMethod("add", 1, 2));
                nanos[i] = System.nanoTime() - begin;
            }
        }
        Arrays.sort(nanos);
        Duration median = Duration.ofNanos(nanos[rounds / 2]);
        long[] startups = server.startupTimes().stream().mapToLong(Duration::toMillis).sorted().toArray();
        LOG.info("forking: connect-to-first-reply with a warm spare: median {} ms, min {} ms, max {} ms over {} connections;"
                + " child start-up: median {} ms over {} children", median.toMillis(), nanos[0] / 1_000_000,
                nanos[rounds - 1] / 1_000_000, rounds, startups[startups.length / 2], startups.length);
        assertTrue(median.compareTo(Duration.ofSeconds(2)) < 0, "median " + median);
    }

    @Test
    void closeEndsSparesAndServingChildren() {
        ServerResources before = ServerResources.now();
        ForkingServer server = (ForkingServer) start(options().set(ForkingServer.SPARES, 2).build());
        List<Connection> clients = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Connection client = connect(server);
            client.root().callMethod("add", 1, 1);
            clients.add(client);
        }
        Await.until(() -> server.readySpares() == 2, TIMEOUT, () -> "spares not replaced");
        assertEquals(4, ServerResources.leftSince(before, "-").stream().filter(s -> s.startsWith("process")).count());
        server.close();
        clients.forEach(SocketServerContract::assertClosedByServer);
        assertEquals(List.of(), ServerResources.leftSince(before, String.valueOf(server.port())));
    }
}
