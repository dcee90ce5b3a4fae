package org.rpyc4j.server.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rpyc4j.api.ClassServiceFactory;
import org.rpyc4j.api.Server;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.spi.ServerContext;
import org.rpyc4j.testkit.PythonProcess;
import org.rpyc4j.testkit.PythonRpyc;

/**
 * What every socket serving mode does for stock Python rpyc clients (5.3 and 6.x): a mode's
 * {@code ...InteropTest} extends this and says how to make its server.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
public abstract class SocketServerInteropContract {
    protected static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final List<AutoCloseable> opened = new ArrayList<>();

    protected SocketServerInteropContract() {
    }

    /** The mode's server for {@code context}, bound and not yet serving. */
    protected abstract Server newServer(ServerContext context);

    /** Whether all connections are served in this JVM (they then share {@link DemoService#rendezvous}). */
    protected boolean servesInThisProcess() {
        return true;
    }

    /** The options the contract starts from; a mode adds its settings. */
    protected ServerOptions.Builder options() {
        return ServerOptions.builder();
    }

    public static List<PythonRpyc> peers() {
        return PythonRpyc.all();
    }

    /** A started server serving {@link DemoService}, closed after the test. */
    protected Server start(ServerOptions options) {
        Server server = newServer(ServerContext.of(ClassServiceFactory.of(DemoService.class), options));
        opened.add(server);
        return server.start();
    }

    /** Runs a Python client script with {@code args}; closed after the test. */
    protected PythonProcess python(PythonRpyc peer, String script, String... args) {
        PythonProcess process = PythonProcess.start(peer, script, args);
        opened.add(process);
        return process;
    }

    @AfterEach
    void closeOpened() throws Exception {
        for (AutoCloseable resource : opened.reversed()) {
            resource.close();
        }
    }

    /** Sixteen clients at once, each on its own connection: calls, a nested callback, and (in-process) a rendezvous. */
    public static final String SIXTEEN_CLIENTS = """
            import sys, threading
            import rpyc
            host, port, rendezvous = sys.argv[1], int(sys.argv[2]), sys.argv[3]
            results = {}
            def client(i):
                try:
                    c = rpyc.connect(host, port)
                    try:
                        total = c.root.add(i, 1000)
                        def cb(d):
                            return "bottom-%d" % i if d == 0 else c.root.nest(cb, d - 1)
                        nested = c.root.nest(cb, 3)
                        echoed = c.root.echo("client-%d" % i)
                        if rendezvous != "-":
                            c.root.rendezvous(rendezvous, 16)
                        results[i] = "OK %d %d %s %s %d" % (i, total, nested, echoed, c.root.pid())
                    finally:
                        c.close()
                except Exception as e:
                    results[i] = "FAIL %d %r" % (i, e)
            threads = [threading.Thread(target=client, args=(i,)) for i in range(16)]
            for t in threads: t.start()
            for t in threads: t.join()
            for i in range(16): print(results.get(i, "MISSING %d" % i), flush=True)
            print("DONE", flush=True)
            """;

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    public void sixteenConcurrentPythonClients(PythonRpyc peer) {
        peer.assumeAvailable();
        Server server = start(options().build());
        String rendezvous = servesInThisProcess() ? "py16-" + UUID.randomUUID() : "-";
        PythonProcess client = python(peer, SIXTEEN_CLIENTS, server.host(), Integer.toString(server.port()), rendezvous);
        List<String> pids = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String line = client.readLine(TIMEOUT);
            String expected = "OK %d %d bottom-%d client-%d ".formatted(i, i + 1000, i, i);
            assertEquals(expected, line.substring(0, Math.min(line.length(), expected.length())), client::stderr);
            pids.add(line.substring(expected.length()));
        }
        assertEquals("DONE", client.readLine(TIMEOUT));
        assertEquals(0, client.waitFor(TIMEOUT), client::stderr);
        checkServingProcesses(pids);
    }

    /** Checks the pids the sixteen clients reported; by default all are this JVM's. */
    protected void checkServingProcesses(List<String> pids) {
        String self = Long.toString(ProcessHandle.current().pid());
        assertEquals(List.of(self), pids.stream().distinct().toList());
    }

    /** One connection: concurrent requests (a rendezvous of four), then requests started in arrival order. */
    public static final String ONE_CONNECTION = """
            import sys, time
            import rpyc
            c = rpyc.connect(sys.argv[1], int(sys.argv[2]))
            calls = [rpyc.async_(c.root.rendezvous)(sys.argv[3], 4) for _ in range(4)]
            print("ARRIVALS", sorted(call.value for call in calls), flush=True)
            c.root.recorded()   # the first call of the service's methods is slower: not part of the timing
            records = []
            for i in range(10):
                records.append(rpyc.async_(c.root.record)(i))
                time.sleep(0.02)
            for r in records: r.wait()
            print("RECORDED", list(c.root.recorded()), flush=True)
            slow = rpyc.async_(c.root.sleep)(500)
            def cb(d):
                return "bottom" if d == 0 else c.root.nest(cb, d - 1)
            print("NESTED", c.root.nest(cb, 10), flush=True)
            print("SLOW", slow.value, flush=True)
            c.close()
            """;

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    public void requestsOfOneConnectionRunConcurrentlyInArrivalOrderAndCallbacksNest(PythonRpyc peer) {
        peer.assumeAvailable();
        Server server = start(options().build());
        PythonProcess client = python(peer, ONE_CONNECTION, server.host(), Integer.toString(server.port()),
                "py-" + UUID.randomUUID());
        assertEquals("ARRIVALS [0, 1, 2, 3]", client.readLine(TIMEOUT), client::stderr);
        assertEquals("RECORDED [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]", client.readLine(TIMEOUT), client::stderr);
        assertEquals("NESTED bottom", client.readLine(TIMEOUT), client::stderr);
        assertEquals("SLOW 500", client.readLine(TIMEOUT), client::stderr);
        assertEquals(0, client.waitFor(TIMEOUT), client::stderr);
    }

    /** A client on IPv6 loopback or a Unix socket (argv[1] "unix"). */
    public static final String ADDRESS_CLIENT = """
            import sys
            import rpyc
            if sys.argv[1] == "unix":
                c = rpyc.utils.factory.unix_connect(sys.argv[2])
            else:
                c = rpyc.connect(sys.argv[1], int(sys.argv[2]), ipv6=":" in sys.argv[1])
            print("SUM", c.root.add(20, 22), flush=True)
            c.close()
            """;

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    public void servesPythonOverIpv6Loopback(PythonRpyc peer) {
        peer.assumeAvailable();
        org.junit.jupiter.api.Assumptions.assumeTrue(SocketServerContract.ipv6LoopbackAvailable(), "no IPv6 loopback");
        Server server = start(options().ipv6(true).build());
        PythonProcess client = python(peer, ADDRESS_CLIENT, "::1", Integer.toString(server.port()));
        assertEquals("SUM 42", client.readLine(TIMEOUT), client::stderr);
        assertEquals(0, client.waitFor(TIMEOUT), client::stderr);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    public void servesPythonOverUnixSocket(PythonRpyc peer) throws Exception {
        peer.assumeAvailable();
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("rpyc4j-unix-");
        java.nio.file.Path socket = dir.resolve("demo.sock");
        try {
            start(options().unixSocketPath(socket).build());
            PythonProcess client = python(peer, ADDRESS_CLIENT, "unix", socket.toString());
            assertEquals("SUM 42", client.readLine(TIMEOUT), client::stderr);
            assertEquals(0, client.waitFor(TIMEOUT), client::stderr);
        } finally {
            closeOpened();
            opened.clear();
            java.nio.file.Files.deleteIfExists(socket);
            java.nio.file.Files.deleteIfExists(dir);
        }
    }
}
