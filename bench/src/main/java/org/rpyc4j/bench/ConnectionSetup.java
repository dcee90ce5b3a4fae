package org.rpyc4j.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rpyc4j.api.ConnectOptions;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.api.Rpyc;

/**
 * Connection setup rate per serving mode: N sequential (connect, {@code root.noop()}, close) from a Python 5.3
 * client and from the rpyc4j Java client, against rpyc4j's threaded, pool and forking servers and Python rpyc
 * 5.3's ThreadedServer, ThreadPoolServer and ForkingServer.
 */
final class ConnectionSetup {
    private ConnectionSetup() {
    }

    /** connections/s and connect-to-first-reply µs (median, fastest, slowest) of one series. */
    record Series(int connections, double perSecond, double firstReplyMicros, double fastestMicros,
            double slowestMicros) {
        /** "median (fastest–slowest)" in µs. */
        String firstReplyCell() {
            return Extras.f("%,.0f (%,.0f–%,.0f)", firstReplyMicros, fastestMicros, slowestMicros);
        }
    }

    static Map<String, Object> run(Extras x) throws Exception {
        int n = x.smoke ? 30 : 300;
        // warm enough for the JIT to have compiled both JVMs' connection paths, as in a long-running server;
        // slow servers (forking, Python's pool) stop warming up after warmupSeconds
        // (the first series measured on a server JVM used to find it less compiled than the later ones did)
        int warmup = x.smoke ? 3 : 10_000;
        double warmupSeconds = x.smoke ? 0.5 : 6;
        int maxSeconds = x.smoke ? 3 : 15;   // slow servers stop early
        Map<String, Series[]> results = new LinkedHashMap<>();   // server -> {python client, java client}
        Series[] floor = new Series[2];                          // raw TCP: {python client, java client}
        try (Child servers = x.javaChild("mode-servers", "--serve-modes", x.smoke ? "120" : "600");
                Child pyThreaded = x.python("py53-threaded-server", "serve-mode", "threaded");
                Child pyPool = x.python("py53-pool-server", "serve-mode", "pool");
                Child pyForking = x.python("py53-forking-server", "serve-mode", "forking")) {
            Map<String, Integer> ports = Extras.ports(servers);
            // the forking server's spare JVM has just warmed up and may still be compiling: let it settle first
            Thread.sleep(x.smoke ? 0 : 3000);
            String[] raw;
            try (Child client = x.python("py53-connect-raw-client", "connect-raw", ports.get("TCP").toString(),
                    Integer.toString(warmup), Double.toString(warmupSeconds), Integer.toString(n),
                    Integer.toString(maxSeconds))) {
                raw = Extras.result(client, Duration.ofSeconds(300));
            }
            floor[0] = series(raw);
            floor[1] = javaSeries(rawConnection(ports.get("TCP")), warmup, warmupSeconds, n, maxSeconds, 0);
            BenchMain.log("connection setup %-16s Python client %,.0f conn/s (first reply %.0f µs), Java client"
                    + " %,.0f conn/s (first reply %.0f µs)", "raw TCP (floor)", floor[0].perSecond(),
                    floor[0].firstReplyMicros(), floor[1].perSecond(), floor[1].firstReplyMicros());
            Map<String, Integer> all = new LinkedHashMap<>();
            for (String mode : List.of("threaded", "pool", "forking")) {
                Integer p = ports.get(mode.toUpperCase(java.util.Locale.ROOT));
                if (p != null) {
                    all.put("rpyc4j " + mode, p);
                }
            }
            all.put("Python threaded", Extras.port(pyThreaded));
            all.put("Python pool", Extras.port(pyPool));
            all.put("Python forking", Extras.port(pyForking));
            for (var e : all.entrySet()) {
                String[] r;
                try (Child client = x.python("py53-connect-client", "connect", e.getValue().toString(),
                        Integer.toString(warmup), Double.toString(warmupSeconds), Integer.toString(n),
                        Integer.toString(maxSeconds))) {
                    r = Extras.result(client, Duration.ofSeconds(300));
                }
                Series py = series(r);
                Series jv = javaSeries(rpycConnection(e.getValue(), e.getKey().startsWith("Python")), warmup,
                        warmupSeconds, n, maxSeconds, 0);
                results.put(e.getKey(), new Series[] {py, jv});
                BenchMain.log("connection setup %-16s Python client %,.0f conn/s (first reply %.0f µs), Java client"
                        + " %,.0f conn/s (first reply %.0f µs)", e.getKey(), py.perSecond(), py.firstReplyMicros(),
                        jv.perSecond(), jv.firstReplyMicros());
            }
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("raw TCP (floor)",
                Extras.f("%,.0f (%d)", floor[0].perSecond(), floor[0].connections()),
                Extras.f("%,.0f", floor[0].firstReplyMicros()),
                Extras.f("%,.0f (%d)", floor[1].perSecond(), floor[1].connections()),
                Extras.f("%,.0f", floor[1].firstReplyMicros())));
        results.forEach((server, s) -> rows.add(List.of(server,
                Extras.f("%,.0f (%d)", s[0].perSecond(), s[0].connections()),
                Extras.f("%,.0f", s[0].firstReplyMicros()),
                Extras.f("%,.0f (%d)", s[1].perSecond(), s[1].connections()),
                Extras.f("%,.0f", s[1].firstReplyMicros()))));
        List<String> status = new ArrayList<>();
        String[] clients = {"Python 5.3 client", "Java client"};
        for (int c = 0; c < 2; c++) {
            for (String mode : List.of("threaded", "pool")) {
                Series[] ours = results.get("rpyc4j " + mode);
                Series[] theirs = results.get("Python " + mode);
                x.target("setup-" + mode + "-" + c, "connection setup one client at a time, " + mode + " mode ("
                        + clients[c] + "): rpyc4j at least 3× Python's connections/s",
                        Extras.f("%,.0f vs %,.0f conn/s", ours[c].perSecond(), theirs[c].perSecond()),
                        ours[c].perSecond() / theirs[c].perSecond(), false, 3.0,
                        floor[c].perSecond() / theirs[c].perSecond(), "raw TCP connections");
                status.add(mode + " (" + clients[c] + "): " + x.lastStatus());
            }
        }
        return Extras.table("connection-setup", "Connection setup rate per serving mode", List.of(
                Extras.f("Each series: %d sequential connections (after up to %d warm-up ones in at most %.1f s, so"
                        + " that the JVMs have compiled their connection paths as a long-running server has; a"
                        + " series stops early after %d s, the connections counted are in brackets), each `connect`, one"
                        + " `root.noop()` call, `close`, one client at a time. The Python client is rpyc 5.3.0"
                        + " (`rpyc.connect` + `conn.root.noop()`, timed with `time.perf_counter`); the Java client is"
                        + " the harness JVM (`Rpyc.connect` + `root().callMethod(\"noop\")`). rpyc4j servers:"
                        + " `ThreadedServer`, `ThreadPoolServer`, `ForkingServer` with default `ServerOptions` in one"
                        + " child JVM; Python servers: rpyc 5.3.0 `ThreadedServer`, `ThreadPoolServer`,"
                        + " `ForkingServer` with a noop service, one process each. All on 127.0.0.1. The first series"
                        + " starts 3 s after the servers are up (the forking server's spare JVM goes on compiling for a"
                        + " moment after its warm-up). The floor row:"
                        + " the same clients with plain sockets (connect, two 20-byte round trips to an echo"
                        + " server, close; the echo server is Java, in the rpyc4j servers' JVM, and echoes on its accept"
                        + " loop's thread, so no thread is started or woken per connection).", n, warmup, warmupSeconds, maxSeconds),
                "conn/s: connections per second over the series; first reply: median time from starting the"
                        + " connect to the answer of the first call.",
                "Targets (threaded and pool ≥ 3× Python's conn/s, one client at a time): " + String.join("; ", status)
                        + ". One client at a time, a series measures a connection's latency, client included; the"
                        + " rate of a busy server is in the next table, and the forking mode's connect-to-first-reply"
                        + " with a ready child in the one after. The forking rows here are back-to-back connections,"
                        + " which outrun its spares: each waits for a new JVM."),
                List.of("server", "Py 5.3 client conn/s (connections)", "Py client first reply µs (median)", "Java client conn/s (connections)",
                        "Java client first reply µs (median)"), rows);
    }

    /** A series from a Python client's {@code RESULT connections seconds median-µs fastest-µs slowest-µs} line. */
    static Series series(String[] result) {
        int connections = Integer.parseInt(result[1]);
        return new Series(connections, connections / Double.parseDouble(result[2]), Double.parseDouble(result[3]),
                Double.parseDouble(result[4]), Double.parseDouble(result[5]));
    }

    /** One connection's life, split where its first reply has arrived: returns what closes it. */
    @FunctionalInterface
    interface OneConnection {
        AutoCloseable connectAndCall() throws Exception;
    }

    /** An rpyc4j Java client connection with one {@code root.noop()}; V5 against Python's servers. */
    static OneConnection rpycConnection(int port, boolean python) {
        ConnectOptions options = python ? ConnectOptions.defaults().withDialect(Dialect.V5) : ConnectOptions.defaults();
        return () -> {
            Connection conn = Rpyc.connect("127.0.0.1", port, options);
            conn.root().callMethod("noop");
            return conn;
        };
    }

    /** The floor: a plain socket, two 20-byte round trips to an echo server (GETROOT and CALL's share). */
    private static OneConnection rawConnection(int port) {
        return () -> {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            byte[] buffer = new byte[64];
            for (int i = 0; i < 2; i++) {
                socket.getOutputStream().write(buffer, 0, 20);
                for (int got = 0; got < 20; ) {
                    int r = socket.getInputStream().read(buffer, got, buffer.length - got);
                    if (r < 0) {
                        throw new IOException("echo server closed the connection");
                    }
                    got += r;
                }
            }
            return socket;
        };
    }

    /**
     * The Java client's series, as extra_bench.py's {@code connection_series}: warm-up connections, then timed
     * ones, each after a pause of {@code gapSeconds}.
     */
    static Series javaSeries(OneConnection connection, int warmup, double warmupSeconds, int n, double maxSeconds,
            double gapSeconds) throws Exception {
        long gapMillis = (long) (gapSeconds * 1000);
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        for (int i = 0; i < warmup; i++) {
            Thread.sleep(gapMillis);
            connection.connectAndCall().close();
            if (System.nanoTime() > warmupEnd) {
                break;
            }
        }
        double[] first = new double[n];
        long start = System.nanoTime();
        int done = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0 && System.nanoTime() - start > maxSeconds * 1e9) {
                break;
            }
            Thread.sleep(gapMillis);
            long t0 = System.nanoTime();
            AutoCloseable open = connection.connectAndCall();
            first[i] = (System.nanoTime() - t0) / 1e3;
            done++;
            open.close();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] timed = Arrays.copyOf(first, done);
        Arrays.sort(timed);
        return new Series(done, done / seconds, timed[done / 2], timed[0], timed[done - 1]);
    }
}
