package org.rpyc4j.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.rpyc4j.api.ConnectOptions;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.Rpyc;

/**
 * Throughput with 1, 4, 16 and 64 concurrent clients: each client is a connection of its own making null calls
 * in a loop; the figure is the calls/s of all of them together. Against rpyc4j's threaded, pool and forking
 * servers ({@link ModeServers}, the pool sized for the largest client count) and Python rpyc's
 * {@code ThreadedServer}, {@code ThreadPoolServer} (same size) and {@code ForkingServer}; the clients are threads
 * of the harness JVM (Java) or of one Python process per rpyc version ({@code extra_bench.py concurrent}).
 */
final class ConcurrentClients {
    /** A server measured, the client counts it is measured at, and the dialect the Java client speaks to it. */
    private record Target(String name, String label, int port, Dialect dialect, List<Integer> levels) {
    }

    /** Calls/s of the intervals of one point (one client kind, one server, one client count). */
    private record Point(Measurement m, int dropped) {
    }

    private ConcurrentClients() {
    }

    static Map<String, Object> run(Extras x) throws Exception {
        // a smoke run checks the largest count only (and forking with one client)
        List<Integer> levels = x.smoke ? List.of(64) : List.of(1, 4, 16, 64);
        List<Integer> forkingLevels = x.smoke ? List.of(1) : List.of(1, 4);
        int poolSize = levels.getLast();
        Duration warmup = Duration.ofMillis(x.smoke ? 100 : 400);
        Duration interval = Duration.ofMillis(x.smoke ? 100 : 400);
        int intervals = x.smoke ? 2 : 3;
        String pool = Integer.toString(poolSize);
        Map<String, Point> points = new LinkedHashMap<>();   // "client|target|n"
        List<Target> javaTargets = new ArrayList<>();
        List<Target> py53Targets = new ArrayList<>();
        List<Target> py60Targets = new ArrayList<>();
        try (Child modes = x.javaChild("concurrency-servers", "--serve-modes", x.smoke ? "300" : "900", pool);
                Child pyThreaded = x.python("py53-concurrency-threaded", "serve-mode", "threaded");
                Child pyPool = x.python("py53-concurrency-pool", "serve-mode", "pool", pool);
                Child pyForking = x.python("py53-concurrency-forking", "serve-mode", "forking");
                Child py60Threaded = x.python(x.py60, "py60-concurrency-threaded", "serve-mode", "threaded")) {
            Map<String, Integer> ports = Extras.ports(modes);
            Target threaded = new Target("rpyc4j-threaded", "rpyc4j threaded", ports.get("THREADED"), Dialect.V6,
                    levels);
            Target rpycPool = new Target("rpyc4j-pool", "rpyc4j pool (" + pool + " workers)", ports.get("POOL"),
                    Dialect.V6, levels);
            Target py53Threaded = new Target("py53-threaded", "Python rpyc 5.3.0 `ThreadedServer`",
                    Extras.port(pyThreaded), Dialect.V5, levels);
            Target py53Pool = new Target("py53-pool", "Python rpyc 5.3.0 `ThreadPoolServer` (" + pool + " threads)",
                    Extras.port(pyPool), Dialect.V5, levels);
            Target py60 = new Target("py60-threaded", "Python rpyc 6.0.1 `ThreadedServer`",
                    Extras.port(py60Threaded), Dialect.V6, levels);
            javaTargets.addAll(List.of(threaded, rpycPool));
            if (ports.containsKey("FORKING")) {
                javaTargets.add(new Target("rpyc4j-forking", "rpyc4j forking", ports.get("FORKING"), Dialect.V6,
                        forkingLevels));
            }
            javaTargets.addAll(List.of(py53Threaded, py53Pool, new Target("py53-forking",
                    "Python rpyc 5.3.0 `ForkingServer`", Extras.port(pyForking), Dialect.V5, forkingLevels)));
            py53Targets.addAll(List.of(threaded, rpycPool, py53Threaded, py53Pool));
            py60Targets.addAll(List.of(threaded, py60));

            // warm the rpyc4j servers' JITs up once (a forking server's children start cold for every connection)
            for (Target t : x.smoke ? List.<Target>of() : List.of(threaded, rpycPool)) {
                javaPoint(t, 4, Duration.ofSeconds(1), interval, 1);
            }
            for (int n : allLevels(javaTargets)) {
                for (Target t : javaTargets) {
                    if (t.levels().contains(n)) {
                        boolean forking = t.name().endsWith("forking");
                        Point p = javaPoint(t, n, forking ? warmup.multipliedBy(3) : warmup, interval, intervals);
                        points.put("java|" + t.name() + "|" + n, p);
                        logPoint("Java", t, n, p);
                    }
                }
            }
            pythonPoints(x, x.py53, py53Targets, warmup, interval, intervals, points);
            pythonPoints(x, x.py60, py60Targets, warmup, interval, intervals, points);
        }
        return table(x, allLevels(javaTargets), javaTargets, py53Targets, py60Targets, points, warmup, interval,
                intervals, pool);
    }

    /** The client counts of all targets, ascending. */
    private static List<Integer> allLevels(List<Target> targets) {
        return targets.stream().flatMap(t -> t.levels().stream()).distinct().sorted().toList();
    }

    /** {@code n} client threads, each with its own connection, calling {@code root.callMethod("noop")}. */
    private static Point javaPoint(Target t, int n, Duration warmup, Duration interval, int intervals)
            throws InterruptedException {
        AtomicLongArray counts = new AtomicLongArray(n * 16);   // a slot per thread, 128 bytes apart
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger dropped = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(n);
        ConnectOptions options = ConnectOptions.defaults().withDialect(t.dialect());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int slot = i * 16;
            threads.add(Thread.ofPlatform().daemon().name("client-" + i).start(() -> {
                boolean counted = false;
                try (Connection conn = Rpyc.connect("127.0.0.1", t.port(), options)) {
                    NetRef root = conn.root();
                    root.callMethod("noop");
                    ready.countDown();
                    counted = true;
                    for (long calls = 1; running.get(); calls++) {
                        root.callMethod("noop");
                        counts.setRelease(slot, calls);
                    }
                } catch (RuntimeException e) {   // the server refused or dropped the connection
                    dropped.incrementAndGet();
                    if (!counted) {
                        ready.countDown();
                    }
                }
            }));
        }
        try {
            if (!ready.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException(t.label() + ": " + n + " clients not connected within 120 s");
            }
            Thread.sleep(warmup);
            Measurement m = new Measurement("concurrent-java-" + t.name() + "-" + n, t.label() + ", " + n
                    + " Java clients", n + " Java client threads, a connection each", t.label(),
                    "1 round trip (CALLATTR)");
            for (int k = 0; k < intervals; k++) {
                Disturbance.Mark mark = Disturbance.mark();
                long c0 = sum(counts);
                long t0 = System.nanoTime();
                Thread.sleep(interval);
                long c1 = sum(counts);
                double seconds = (System.nanoTime() - t0) / 1e9;
                m.addRound(c1 - c0, seconds, Disturbance.foreignCpus(mark));
            }
            return new Point(m, dropped.get());
        } finally {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(30));
            }
            Thread.sleep(100);   // let the server see the closed connections go before the next point
        }
    }

    private static long sum(AtomicLongArray counts) {
        long total = 0;
        for (int i = 0; i < counts.length(); i += 16) {
            total += counts.getAcquire(i);
        }
        return total;
    }

    /** One Python client process for all of {@code targets}: {@code POINT NAME N DROPPED CALLS:SECONDS ...}. */
    private static void pythonPoints(Extras x, PythonPeer peer, List<Target> targets, Duration warmup,
            Duration interval, int intervals, Map<String, Point> points) {
        List<String> args = new ArrayList<>(List.of("concurrent", Extras.f("%.3f", warmup.toMillis() / 1e3),
                Extras.f("%.3f", interval.toMillis() / 1e3), Integer.toString(intervals)));
        Map<String, Target> byName = new LinkedHashMap<>();
        for (Target t : targets) {
            byName.put(t.name(), t);
            args.add(t.name() + "=" + t.port() + "=" + String.join(",", t.levels().stream().map(String::valueOf)
                    .toList()));
        }
        x.pythonLines(peer, peer.label() + "-concurrent-clients", args, "POINT", (f, foreign) -> {
            Target t = Objects.requireNonNull(byName.get(f[1]), () -> "unknown target " + f[1]);
            int n = Integer.parseInt(f[2]);
            Measurement m = new Measurement("concurrent-" + peer.label() + "-" + t.name() + "-" + n,
                    t.label() + ", " + n + " Python " + peer.version() + " clients",
                    "one Python rpyc " + peer.version() + " process, " + n + " threads, a connection each",
                    t.label(), "1 round trip (CALL, cached bound method)");
            for (int k = 4; k < f.length; k++) {
                String[] sample = f[k].split(":");
                m.addRound(Long.parseLong(sample[0]), Double.parseDouble(sample[1]), foreign);
            }
            Point p = new Point(m, Integer.parseInt(f[3]));
            points.put(peer.label() + "|" + t.name() + "|" + n, p);
            logPoint("Python " + peer.version(), t, n, p);
        });
    }

    private static void logPoint(String clients, Target t, int n, Point p) {
        BenchMain.log("concurrent %-16s → %-24s %2d clients: %s calls/s%s", clients, t.name(), n,
                Extras.spread(p.m().callsPerSecond(), "%,.0f"), p.dropped() > 0 ? ", " + p.dropped() + " dropped"
                        : "");
    }

    private static Map<String, Object> table(Extras x, List<Integer> levels, List<Target> javaTargets,
            List<Target> py53Targets, List<Target> py60Targets, Map<String, Point> points, Duration warmup,
            Duration interval, int intervals, String pool) {
        List<List<String>> rows = new ArrayList<>();
        Map<String, List<Target>> byClient = new LinkedHashMap<>();
        byClient.put("java", javaTargets);
        byClient.put(x.py53.label(), py53Targets);
        byClient.put(x.py60.label(), py60Targets);
        Map<String, String> clientNames = Map.of("java", "Java (threads of the harness JVM)", x.py53.label(),
                "Python rpyc 5.3.0 (one process, N threads)", x.py60.label(),
                "Python rpyc 6.0.1 (one process, N threads)");
        for (var e : byClient.entrySet()) {
            for (Target t : e.getValue()) {
                List<String> row = new ArrayList<>(List.of(t.label(), clientNames.get(e.getKey())));
                for (int n : levels) {
                    Point p = points.get(e.getKey() + "|" + t.name() + "|" + n);
                    row.add(p == null ? "–" : Extras.spread(p.m().callsPerSecond(), "%,.0f")
                            + (p.dropped() > 0 ? " (" + p.dropped() + " of " + n + " dropped)" : ""));
                }
                rows.add(row);
            }
        }
        // rpyc4j against the Python server of the same mode, per client kind
        for (var e : byClient.entrySet()) {
            String python = e.getKey().equals(x.py60.label()) ? "py60" : "py53";
            for (String mode : List.of("threaded", "pool", "forking")) {
                if (e.getValue().stream().noneMatch(t -> t.name().equals("rpyc4j-" + mode))
                        || e.getValue().stream().noneMatch(t -> t.name().equals(python + "-" + mode))) {
                    continue;
                }
                List<String> row = new ArrayList<>(List.of("rpyc4j ÷ Python rpyc " + (python.equals("py60")
                        ? "6.0.1" : "5.3.0") + ", " + mode, clientNames.get(e.getKey())));
                for (int n : levels) {
                    Point ours = points.get(e.getKey() + "|rpyc4j-" + mode + "|" + n);
                    Point theirs = points.get(e.getKey() + "|" + python + "-" + mode + "|" + n);
                    row.add(ours == null || theirs == null ? "–" : Extras.ratio(ours.m().medianCallsPerSecond(),
                            theirs.m().medianCallsPerSecond()));
                }
                rows.add(row);
            }
        }
        List<String> columns = new ArrayList<>(List.of("server", "clients"));
        levels.forEach(n -> columns.add(n + (n == 1 ? " client" : " clients") + ": calls/s median (min–max)"));
        return Extras.table("concurrent-clients", "Throughput with concurrent clients", List.of(
                Extras.f("N clients at once, each its own connection making null calls (`noop`) one after the other as"
                        + " fast as it can; the figure is the calls/s of all N together, measured over %d intervals of"
                        + " %d ms after %d ms of warm-up (median and range over the intervals; the N connections are"
                        + " opened, and each has made one call, before the warm-up starts). Java clients: N platform"
                        + " threads of the harness JVM, `root().callMethod(\"noop\")` (one CALLATTR round trip; 5.x"
                        + " dialect to Python 5.3). Python clients: one process of that rpyc version with N threads,"
                        + " each calling a cached `f = conn.root.noop` (one CALL round trip), so they share one GIL."
                        + " rpyc4j servers: `ThreadedServer` (virtual thread per connection), `ThreadPoolServer`"
                        + " (`pool.size` = %s: it gives each connection a worker for its whole life and drops"
                        + " connections beyond that, so the pool is sized for the largest client count here),"
                        + " `ForkingServer` (a child JVM per connection) in one `--serve-modes` JVM; Python servers:"
                        + " the stock ones, `ThreadPoolServer(nbThreads=%s)`, one process each. Everything on"
                        + " 127.0.0.1 of the same machine, so clients and servers share its CPUs.",
                        intervals, interval.toMillis(), warmup.toMillis(), pool, pool),
                "Forking servers are measured with " + String.join(" and ", javaTargets.stream()
                        .filter(t -> t.name().endsWith("forking")).findFirst().map(t -> t.levels().stream()
                                .map(String::valueOf).toList()).orElse(List.of("no")))
                        + " Java client(s) only (3× the warm-up): every rpyc4j connection costs a JVM, which starts"
                        + " cold; 16 or 64 JVMs at once are not practical on a small machine. The Python"
                        + " `ThreadPoolServer` dispatches requests from a polling thread (`poll(0.1)`), so a"
                        + " connection that goes idle between two calls can wait up to 0.1 s for its next one.",
                "The ratio rows divide the medians of rpyc4j's server by those of Python's server of the same mode,"
                        + " for the same clients; a dropped client is one whose connection the server refused or"
                        + " closed (it makes no calls)."), columns, rows,
                points.values().stream().map(Point::m).toList());
    }
}
