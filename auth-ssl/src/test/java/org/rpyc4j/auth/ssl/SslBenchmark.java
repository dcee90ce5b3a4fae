package org.rpyc4j.auth.ssl;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import org.rpyc4j.api.ConnectOptions;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.Transport;
import org.rpyc4j.testkit.PythonProcess;
import org.rpyc4j.testkit.PythonRpyc;

/**
 * TLS benchmark for BENCHMARKS.md, all in one run on 127.0.0.1: null-call latency and connection (handshake) rate
 * of an rpyc4j ThreadedServer with the {@link SslAuthenticator} against the same server over plain TCP, and
 * against a stock Python rpyc {@code ThreadedServer} with {@code SSLAuthenticator} (and plain), measured from a
 * Java client ({@link SslClient}) and from a Python rpyc client. The rpyc4j servers run in a child JVM; the rounds
 * of the scenarios are interleaved, so that other work on the machine spreads over all of them. Prints a
 * Markdown table.
 *
 * <p>Run with {@code auth-ssl/run-ssl-bench.sh [--smoke] [--rounds N]}.
 */
public final class SslBenchmark {
    private static final String PYTHON_SERVER = """
            import sys
            import rpyc
            from rpyc.utils.server import ThreadedServer
            from rpyc.utils.authenticators import SSLAuthenticator
            class NoopService(rpyc.Service):
                def exposed_noop(self):
                    pass
            auth = None if sys.argv[1] == "-" else SSLAuthenticator(sys.argv[1], sys.argv[2])
            server = ThreadedServer(NoopService, hostname="127.0.0.1", port=0, auto_register=False, authenticator=auth)
            server._listen()
            print("PORT %d" % server.port, flush=True)
            server.start()
            """;

    /**
     * argv: warmup rounds calls connections, then targets {@code name,port,ca} (ca "-": plain). Rounds interleave
     * the targets. Prints {@code LATENCY name µs...} and {@code RATE name conns/s...}.
     */
    private static final String PYTHON_CLIENT = """
            import sys, time
            import rpyc
            warmup, rounds, calls, conns = (int(a) for a in sys.argv[1:5])
            targets = [t.split(",") for t in sys.argv[5:]]
            def connect(port, ca):
                if ca == "-":
                    return rpyc.connect("127.0.0.1", int(port))
                return rpyc.ssl_connect("127.0.0.1", int(port), ca_certs=ca)
            open_ = {}
            for name, port, ca in targets:
                c = connect(port, ca)
                f = c.root.noop
                for _ in range(warmup):
                    f()
                open_[name] = (c, f)
            latency = {name: [] for name, _, _ in targets}
            rate = {name: [] for name, _, _ in targets}
            for _ in range(rounds):
                for name, port, ca in targets:
                    f = open_[name][1]
                    t = time.perf_counter()
                    for _ in range(calls):
                        f()
                    latency[name].append((time.perf_counter() - t) / calls * 1e6)
                for name, port, ca in targets:
                    t = time.perf_counter()
                    for _ in range(conns):
                        c = connect(port, ca)
                        c.root.noop()
                        c.close()
                    rate[name].append(conns / (time.perf_counter() - t))
            for name, _, _ in targets:
                open_[name][0].close()
                print("LATENCY", name, " ".join("%.2f" % x for x in latency[name]), flush=True)
                print("RATE", name, " ".join("%.1f" % x for x in rate[name]), flush=True)
            print("DONE", flush=True)
            """;

    /** One scenario's figures: its client, server and transport, µs per null call and connections/s per round. */
    private record Row(String client, String server, String transport, double[] micros, double[] rates) {
    }

    private interface Connector {
        Connection connect(int port) throws Exception;
    }

    /** A Java scenario: a server, how to connect, and the connection kept open for the null calls. */
    private static final class JavaScenario {
        final String server;
        final String transport;
        final int port;
        final Connector connector;
        final int calls;
        final int conns;
        final double[] micros;
        final double[] rates;
        Connection open;

        JavaScenario(String server, String transport, int port, Connector connector, int calls, int conns, int rounds) {
            this.server = server;
            this.transport = transport;
            this.port = port;
            this.connector = connector;
            this.calls = calls;
            this.conns = conns;
            this.micros = new double[rounds];
            this.rates = new double[rounds];
        }
    }

    private SslBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--serve")) {
            serve(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        boolean smoke = Arrays.asList(args).contains("--smoke");
        int rounds = smoke ? 3 : 5;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--rounds")) {
                rounds = Integer.parseInt(args[i + 1]);
            }
        }
        int warmup = smoke ? 3_000 : 20_000;
        int calls = smoke ? 2_000 : 10_000;
        int conns = smoke ? 100 : 300;
        int pyWarmup = smoke ? 200 : 1_000;
        int pyCalls = smoke ? 500 : 2_000;
        int pyConns = smoke ? 30 : 100;

        long started = System.nanoTime();
        TestPki pki = TestPki.shared();
        PythonRpyc peer = PythonRpyc.v5();
        if (!peer.available()) {
            throw new IllegalStateException("Python rpyc peer missing: " + peer.unavailableReason());
        }
        String python = "Python rpyc " + peer.version();
        ConnectOptions v5 = ConnectOptions.defaults().withDialect(Dialect.V5);
        SslClient tlsClient = SslClient.create(SslClientOptions.builder().cafile(pki.caCert).connect(v5).build());
        Connector plain = port -> Rpyc.connect("127.0.0.1", port, v5);
        Connector tls = port -> tlsClient.connect("127.0.0.1", port);   // resumes sessions, as SslClient does
        SSLSessionContext[] sessions = new SSLSessionContext[1];
        Connector tlsFull = port -> {                                      // forgets them first: a full handshake
            forget(sessions[0]);
            SSLSocket socket = tlsClient.open("127.0.0.1", port);
            sessions[0] = socket.getSession().getSessionContext();
            return Rpyc.connect(Transport.of(socket), v5);
        };
        List<Row> rows = new ArrayList<>();

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "-Dtinylog.writer.level=warn", SslBenchmark.class.getName(),
                "--serve", pki.serverKey.toString(), pki.serverCert.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (PythonProcess pyTls = PythonProcess.start(peer, Duration.ofMinutes(30), PYTHON_SERVER,
                     pki.serverKey.toString(), pki.serverCert.toString());
             PythonProcess pyPlain = PythonProcess.start(peer, Duration.ofMinutes(30), PYTHON_SERVER, "-", "-")) {
            BufferedReader childOut = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String[] ports = childOut.readLine().split(" ");   // "PORTS plain tls"
            int plainPort = Integer.parseInt(ports[1]);
            int tlsPort = Integer.parseInt(ports[2]);
            int pyTlsPort = port(pyTls);
            int pyPlainPort = port(pyPlain);

            List<JavaScenario> java = List.of(
                    new JavaScenario("rpyc4j", "TCP", plainPort, plain, calls, conns, rounds),
                    new JavaScenario("rpyc4j", "TLS", tlsPort, tlsFull, calls, conns, rounds),
                    new JavaScenario("rpyc4j", "TLS, sessions resumed", tlsPort, tls, calls, conns, rounds),
                    new JavaScenario(python, "TCP", pyPlainPort, plain, calls / 4, conns / 4, rounds),
                    new JavaScenario(python, "TLS", pyTlsPort, tlsFull, calls / 4, conns / 10, rounds));
            runJava(java, rounds, warmup);
            for (JavaScenario s : java) {
                rows.add(new Row("rpyc4j Java client (`Rpyc.connect` / `SslClient`, `root.callMethod(\"noop\")`)",
                        s.server, s.transport, s.micros, s.rates));
            }

            try (PythonProcess client = PythonProcess.start(peer, Duration.ofMinutes(30), PYTHON_CLIENT,
                    Integer.toString(pyWarmup), Integer.toString(rounds), Integer.toString(pyCalls), Integer.toString(pyConns),
                    "rpyc4j/TCP," + plainPort + ",-", "rpyc4j/TLS," + tlsPort + "," + pki.caCert,
                    "python/TCP," + pyPlainPort + ",-", "python/TLS," + pyTlsPort + "," + pki.caCert)) {
                Map<String, double[]> figures = new LinkedHashMap<>();
                for (String line = client.readLine(Duration.ofMinutes(30)); line != null && !line.equals("DONE");
                        line = client.readLine(Duration.ofMinutes(30))) {
                    String[] parts = line.split(" ");
                    figures.put(parts[0] + " " + parts[1], Arrays.stream(parts, 2, parts.length)
                            .mapToDouble(Double::parseDouble).toArray());
                }
                for (String target : List.of("rpyc4j/TCP", "rpyc4j/TLS", "python/TCP", "python/TLS")) {
                    String[] st = target.split("/");
                    rows.add(new Row(python + " client (`rpyc.connect` / `rpyc.ssl_connect`, `f = conn.root.noop; f()`)",
                            st[0].equals("python") ? python : "rpyc4j", st[1], figures.get("LATENCY " + target),
                            figures.get("RATE " + target)));
                }
            }
        } finally {
            child.getOutputStream().close();   // the child serves until its standard input ends
            if (!child.waitFor(10, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        print(rows, rounds, smoke, (System.nanoTime() - started) / 1e9);
    }

    /** Makes every session of {@code context} unusable for resumption, so that the next handshake is a full one. */
    private static void forget(SSLSessionContext context) {
        if (context == null) {
            return;
        }
        for (var ids = context.getIds(); ids.hasMoreElements(); ) {
            SSLSession session = context.getSession(ids.nextElement());
            if (session != null) {
                session.invalidate();
            }
        }
    }

    /** Runs the Java scenarios' rounds interleaved: round 1 of each, then round 2, ... */
    private static void runJava(List<JavaScenario> scenarios, int rounds, int warmup) throws Exception {
        for (JavaScenario s : scenarios) {
            s.open = s.connector.connect(s.port);
            for (int i = 0; i < warmup; i++) {
                s.open.root().callMethod("noop");
            }
            for (int i = 0; i < Math.min(50, s.conns); i++) {   // warm the connect path up
                try (Connection c = s.connector.connect(s.port)) {
                    c.root().callMethod("noop");
                }
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (JavaScenario s : scenarios) {
                long t = System.nanoTime();
                for (int i = 0; i < s.calls; i++) {
                    s.open.root().callMethod("noop");
                }
                s.micros[r] = (System.nanoTime() - t) / 1e3 / s.calls;
            }
            for (JavaScenario s : scenarios) {
                long t = System.nanoTime();
                for (int i = 0; i < s.conns; i++) {
                    try (Connection c = s.connector.connect(s.port)) {
                        c.root().callMethod("noop");
                    }
                }
                s.rates[r] = s.conns / ((System.nanoTime() - t) / 1e9);
            }
        }
        for (JavaScenario s : scenarios) {
            s.open.close();
        }
    }

    /** The child JVM: an rpyc4j ThreadedServer over TCP and one with TLS; prints their ports, serves until stdin ends. */
    private static void serve(Path keyfile, Path certfile) throws Exception {
        try (TlsServers servers = new TlsServers()) {
            int plainPort = servers.start((org.rpyc4j.api.Authenticator) null).port();
            int tlsPort = servers.start(SslOptions.of(keyfile, certfile, null)).port();
            System.out.println("PORTS " + plainPort + " " + tlsPort);
            System.out.flush();
            System.in.readAllBytes();
        }
    }

    private static int port(PythonProcess server) {
        return Integer.parseInt(server.awaitLine(l -> l.startsWith("PORT "), Duration.ofSeconds(60)).substring(5).strip());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void print(List<Row> rows, int rounds, boolean smoke, double seconds) {
        System.out.println();
        System.out.printf(Locale.ROOT, "## TLS (auth-ssl)%n%n");
        System.out.printf(Locale.ROOT, "Run: %s, %d interleaved rounds per figure, took %.1f s; JDK %s; %d CPUs; load average at the end %s;"
                        + " everything on 127.0.0.1, one caller at a time.%n%n", smoke ? "smoke" : "full", rounds, seconds,
                System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors(), loadAverage());
        System.out.println("Null call: µs per call on one open connection (median of the rounds, min–max). Connections/s:"
                + " a new connection per iteration, one after the other: TCP connect, the TLS handshake (TLS rows), the first"
                + " call, close; full handshakes unless the row says sessions are resumed (the Java client's default"
                + " when it connects to the same server again; a Python server cannot resume, since rpyc's"
                + " SSLAuthenticator makes a new SSL context per connection). TLS 1.3 with each server's defaults (rpyc4j: TLS_AES_128_GCM_SHA256; Python/OpenSSL:"
                + " TLS_AES_256_GCM_SHA384); server certificate RSA 2048, verified by the clients against the test CA, no"
                + " client certificates. rpyc4j servers: `ThreadedServer` (virtual thread per connection) in a child JVM;"
                + " Python servers: rpyc's `ThreadedServer`, with `SSLAuthenticator` for TLS.");
        System.out.println();
        System.out.println("| client | server | transport | null call µs median (min–max) | TLS / TCP | connections/s median (min–max) | TLS / TCP |");
        System.out.println("| --- | --- | --- | ---: | ---: | ---: | ---: |");
        for (Row row : rows) {
            Row tcp = find(rows, row.client(), row.server(), "TCP");
            boolean isTls = row.transport().startsWith("TLS") && tcp != null;
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %.1f (%.1f–%.1f) | %s | %,.0f (%,.0f–%,.0f) | %s |%n",
                    row.client(), row.server(), row.transport(), median(row.micros()),
                    Arrays.stream(row.micros()).min().orElseThrow(), Arrays.stream(row.micros()).max().orElseThrow(),
                    isTls ? String.format(Locale.ROOT, "%.2f×", median(row.micros()) / median(tcp.micros())) : "",
                    median(row.rates()), Arrays.stream(row.rates()).min().orElseThrow(),
                    Arrays.stream(row.rates()).max().orElseThrow(),
                    isTls ? String.format(Locale.ROOT, "%.2f×", median(row.rates()) / median(tcp.rates())) : "");
        }
        System.out.println();
        for (String client : rows.stream().map(Row::client).distinct().toList()) {
            Row ours = find(rows, client, "rpyc4j", "TLS");
            Row theirs = rows.stream().filter(r -> r.client().equals(client) && r.server().startsWith("Python")
                    && r.transport().equals("TLS")).findFirst().orElse(null);
            if (ours != null && theirs != null) {
                System.out.printf(Locale.ROOT, "- %s over TLS: rpyc4j server vs %s SSL server: null call %.1f vs %.1f µs"
                                + " (rpyc4j %.2f× as fast), %,.0f vs %,.0f connections/s (rpyc4j %.2f×)%n", client,
                        theirs.server(), median(ours.micros()), median(theirs.micros()),
                        median(theirs.micros()) / median(ours.micros()), median(ours.rates()), median(theirs.rates()),
                        median(ours.rates()) / median(theirs.rates()));
            }
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static Row find(List<Row> rows, String client, String server, String transport) {
        return rows.stream().filter(r -> r.client().equals(client) && r.server().equals(server)
                && r.transport().equals(transport)).findFirst().orElse(null);
    }
}
