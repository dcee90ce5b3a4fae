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
 * The serving-mode server JVM ({@code BenchMain --serve-modes SECONDS}): rpyc4j's {@link ThreadedServer},
 * {@link ThreadPoolServer} and (on Linux) {@link ForkingServer}, each serving {@link NoopService} on 127.0.0.1, and a
 * TCP echo server (the floor), prints {@code TCP|THREADED|POOL|FORKING <port>} then {@code READY}, and exits when
 * standard input ends or the time limit runs out.
 */
final class ModeServers {
    private ModeServers() {
    }

    static void run(Duration timeLimit) throws IOException {
        Thread.ofPlatform().daemon().name("time-limit").start(() -> {
            try {
                Thread.sleep(timeLimit);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("mode servers: time limit of " + timeLimit.toSeconds() + " s reached, exiting");
            System.exit(3);
        });
        ServerOptions options = ServerOptions.builder().host("127.0.0.1").port(0).build();
        // the floor of connection setup: connect, two round trips, close, served on a virtual thread per connection
        TcpEchoServer tcp = TcpEchoServer.start(Integer.MAX_VALUE, Thread.ofVirtual());
        System.out.println("TCP " + tcp.port());
        List<Server> servers = new ArrayList<>();
        servers.add(started("THREADED", new ThreadedServer(NoopService.class, options)));
        servers.add(started("POOL", new ThreadPoolServer(NoopService.class, options)));
        if (ForkingServer.isSupported()) {
            servers.add(started("FORKING", new ForkingServer(NoopService.class, options)));
        }
        System.out.println("READY");
        System.out.flush();
        InputStream in = System.in;
        while (in.read() >= 0) {
            // until the harness closes standard input
        }
        servers.forEach(Server::close);
        tcp.close();
        System.exit(0);
    }

    private static Server started(String name, Server server) {
        server.start();
        System.out.println(name + " " + server.port());
        System.out.flush();
        return server;
    }
}
