package org.rpyc4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.rpyc4j.api.Server;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.server.forking.ForkingServer;
import org.rpyc4j.server.pool.ThreadPoolServer;
import org.rpyc4j.server.threaded.ThreadedServer;

/**
 * The serving-mode server JVM ({@code BenchMain --serve-modes SECONDS [POOL_SIZE]}): rpyc4j's {@link ThreadedServer},
 * {@link ThreadPoolServer} (of {@code POOL_SIZE} workers, rpyc's 20 by default) and (on Linux)
 * {@link ForkingServer}, each serving {@link NoopService} on 127.0.0.1, and a TCP echo server (the floor of
 * connection setup), prints {@code TCP|THREADED|POOL|FORKING <port>} then {@code READY}, and exits when standard
 * input ends or the time limit runs out.
 */
final class ModeServers {
    private ModeServers() {
    }

    static void run(Duration timeLimit, int poolSize) throws IOException {
        exitAfter(timeLimit, "mode servers");
        ServerOptions options = ServerOptions.builder().host("127.0.0.1").port(0).build();
        List<AutoCloseable> servers = new ArrayList<>();
        // the floor of connection setup: connect, two round trips, close, served by the accept loop itself
        TcpEchoServer tcp = TcpEchoServer.startInline(Integer.MAX_VALUE);
        announce("TCP", tcp.port());
        servers.add(tcp);
        servers.add(started("THREADED", new ThreadedServer(NoopService.class, options)));
        servers.add(started("POOL", new ThreadPoolServer(NoopService.class,
                options.toBuilder().set(ThreadPoolServer.POOL_SIZE, poolSize).build())));
        if (ForkingServer.isSupported()) {
            servers.add(started("FORKING", new ForkingServer(NoopService.class, options)));
        }
        holdUntilStdinEnds(servers);
    }

    /** Ends this JVM (exit status 3) once {@code timeLimit} has passed. */
    static void exitAfter(Duration timeLimit, String what) {
        Thread.ofPlatform().daemon().name("time-limit").start(() -> {
            try {
                Thread.sleep(timeLimit);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println(what + ": time limit of " + timeLimit.toSeconds() + " s reached, exiting");
            System.exit(3);
        });
    }

    /** Starts {@code server} and prints {@code NAME port}. */
    static Server started(String name, Server server) {
        server.start();
        announce(name, server.port());
        return server;
    }

    static void announce(String name, int port) {
        System.out.println(name + " " + port);
        System.out.flush();
    }

    /** Prints {@code READY}, waits until the harness closes standard input, closes the servers and exits. */
    static void holdUntilStdinEnds(List<AutoCloseable> servers) throws IOException {
        System.out.println("READY");
        System.out.flush();
        InputStream in = System.in;
        while (in.read() >= 0) {
            // until the harness closes standard input
        }
        for (AutoCloseable server : servers) {
            try {
                server.close();
            } catch (Exception e) {
                System.err.println("closing " + server + ": " + e);
            }
        }
        System.exit(0);
    }
}
