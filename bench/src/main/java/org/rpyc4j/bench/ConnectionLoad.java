package org.rpyc4j.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Connection setup rate under load: {@value #CLIENTS} Java client threads, each connecting, making one call and
 * closing in a loop, against rpyc4j's threaded and pool servers and Python rpyc 5.3's {@code ThreadedServer} and
 * {@code ThreadPoolServer}. One client at a time measures a connection's latency (the connection-setup table);
 * this measures how many connections a server sets up per second when clients keep it busy.
 */
final class ConnectionLoad {
    static final int CLIENTS = 8;

    private ConnectionLoad() {
    }

    static Map<String, Object> run(Extras x) throws Exception {
        double warmupSeconds = x.smoke ? 0.3 : 3;
        double intervalSeconds = x.smoke ? 0.3 : 1;
        int intervals = x.smoke ? 2 : 5;
        Map<String, double[]> rates = new LinkedHashMap<>();
        try (Child servers = x.javaChild("mode-servers", "--serve-modes", x.smoke ? "120" : "300");
                Child pyThreaded = x.python("py53-threaded-server", "serve-mode", "threaded");
                Child pyPool = x.python("py53-pool-server", "serve-mode", "pool")) {
            Map<String, Integer> ports = Extras.ports(servers);
            Map<String, Integer> all = new LinkedHashMap<>();
            all.put("rpyc4j threaded", ports.get("THREADED"));
            all.put("rpyc4j pool", ports.get("POOL"));
            all.put("Python threaded", Extras.port(pyThreaded));
            all.put("Python pool", Extras.port(pyPool));
            for (var e : all.entrySet()) {
                double[] r = load(ConnectionSetup.rpycConnection(e.getValue(), e.getKey().startsWith("Python")),
                        warmupSeconds, intervalSeconds, intervals);
                rates.put(e.getKey(), r);
                BenchMain.log("connection setup under load %-16s %s conn/s", e.getKey(), Extras.spread(r, "%,.0f"));
            }
        }
        List<List<String>> rows = new ArrayList<>();
        rates.forEach((server, r) -> rows.add(List.of(server, Extras.spread(r, "%,.0f"))));
        List<String> status = new ArrayList<>();
        for (String mode : List.of("threaded", "pool")) {
            double ours = Measurement.median(rates.get("rpyc4j " + mode));
            double theirs = Measurement.median(rates.get("Python " + mode));
            x.target("setup-load-" + mode, "connection setup under load, " + mode + " mode (" + CLIENTS
                    + " Java clients): rpyc4j at least 3× Python's connections/s",
                    Extras.f("%,.0f vs %,.0f conn/s", ours, theirs), ours / theirs, false, 3.0);
            status.add(mode + ": " + x.lastStatus());
        }
        return Extras.table("connection-load", "Connection setup rate under load", List.of(
                Extras.f("%d client threads of the harness JVM, each in a loop: `Rpyc.connect`, one"
                        + " `root().callMethod(\"noop\")`, `close` (5.x dialect to Python's servers). After %.1f s of"
                        + " warm-up, %d intervals of %.1f s; cells: connections completed per second, median of the"
                        + " intervals (slowest–fastest). rpyc4j: `ThreadedServer` and `ThreadPoolServer` (20 workers,"
                        + " rpyc's default) with default `ServerOptions`, in the serving-mode JVM of the"
                        + " connection-setup table; Python: rpyc 5.3.0 `ThreadedServer` and `ThreadPoolServer`"
                        + " (20 threads). Clients and servers share the machine's CPUs, all on 127.0.0.1. The Java"
                        + " client drives the load because one Python client process sets up connections no faster"
                        + " than either server takes them (connection-setup table).", CLIENTS, warmupSeconds,
                        intervals, intervalSeconds),
                "Targets (threaded and pool ≥ 3× Python's conn/s): " + String.join("; ", status) + "."),
                List.of("server", CLIENTS + " Java clients: conn/s median (min–max)"), rows);
    }

    /** Connections per second of each interval. */
    private static double[] load(ConnectionSetup.OneConnection connection, double warmupSeconds,
            double intervalSeconds, int intervals) throws InterruptedException {
        LongAdder done = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(Thread.ofPlatform().name("load client " + i).start(() -> {
                while (!stop.get()) {
                    try {
                        connection.connectAndCall().close();
                        done.increment();
                    } catch (Exception e) {
                        BenchMain.log("load client: %s", e);
                        return;
                    }
                }
            }));
        }
        try {
            Thread.sleep((long) (warmupSeconds * 1000));
            double[] rates = new double[intervals];
            for (int i = 0; i < intervals; i++) {
                long before = done.sum();
                long t0 = System.nanoTime();
                Thread.sleep((long) (intervalSeconds * 1000));
                rates[i] = (done.sum() - before) / ((System.nanoTime() - t0) / 1e9);
            }
            return rates;
        } finally {
            stop.set(true);
            for (Thread t : clients) {
                t.join(60_000);
            }
        }
    }
}
