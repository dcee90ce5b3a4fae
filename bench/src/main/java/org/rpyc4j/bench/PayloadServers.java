package org.rpyc4j.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.rpyc4j.api.ProtocolConfig;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.server.threaded.ThreadedServer;

/**
 * The payload server JVM ({@code BenchMain --serve-payload SECONDS}): two rpyc4j {@link ThreadedServer}s of
 * {@link PayloadService} on 127.0.0.1, one with rpyc's default configuration ({@code COMPRESSED}: payloads over
 * 3000 bytes are sent compressed where that pays) and one with compression off ({@code PLAIN}), and the raw TCP
 * sink of the bulk-throughput floor ({@code RAW}); prints {@code NAME <port>} lines, then {@code READY}, and exits
 * when standard input ends or the time limit runs out.
 */
final class PayloadServers {
    /** Connections the sink accepts in its lifetime. */
    private static final int SINK_CONNECTIONS = 16;

    private PayloadServers() {
    }

    static void run(Duration timeLimit) throws IOException {
        ModeServers.exitAfter(timeLimit, "payload servers");
        ServerOptions options = ServerOptions.builder().host("127.0.0.1").port(0).build();
        ProtocolConfig plain = ProtocolConfig.defaults().toBuilder().compressionThreshold(-1).build();
        TcpEchoServer sink = TcpEchoServer.sink(SINK_CONNECTIONS);
        List<AutoCloseable> servers = List.of(
                ModeServers.started("COMPRESSED", new ThreadedServer(PayloadService.class, options)),
                ModeServers.started("PLAIN", new ThreadedServer(PayloadService.class,
                        options.toBuilder().protocolConfig(plain).build())),
                sink);
        ModeServers.announce("RAW", sink.port());
        ModeServers.holdUntilStdinEnds(servers);
    }
}
