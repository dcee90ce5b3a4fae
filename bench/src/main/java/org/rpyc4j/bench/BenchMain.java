package org.rpyc4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.server.pool.ThreadPoolServer;

/**
 * The benchmark harness. Started by {@code run-bench.sh}:
 *
 * <pre>
 * BenchMain [--smoke] [--profile] [--suite null-call|throughput|all] [--root DIR] [--shared DIR] [--command TEXT]
 *     runs the benchmarks, writes bench/target/bench-results.json and regenerates BENCHMARKS.md and its chart
 *     BENCHMARKS.png from it; with --smoke all three go to bench/target/smoke/ instead
 * BenchMain --report RESULTS.json MARKDOWN.md
 *     only regenerates the markdown, and the chart beside it (MARKDOWN.png), from a results file
 * BenchMain --serve-java SECONDS
 *     (internal) the server JVM; see {@link JavaServers}
 * BenchMain --serve-modes SECONDS [POOL_SIZE] | --serve-payload SECONDS
 *     (internal) server JVMs of the extra groups; see {@link ModeServers}, {@link PayloadServers}
 * </pre>
 *
 * <p>{@code --smoke} runs few, short rounds (a check that everything works, figures are rough); {@code --profile}
 * adds a JFR-sampled pass of the rpyc4j Java-to-Java null call after the measured rounds and summarises where the
 * time goes (client and server JVM), without affecting the measured figures. {@code --suite} picks the groups:
 * {@code null-call} (the default: null-call latency and its cost per call), {@code throughput} (those plus the
 * concurrent-clients group, a before/after check of the protocol core in minutes) or {@code all} (every
 * {@link Extras} group).
 */
public final class BenchMain {
    /** How big a run is. */
    record Sizes(String mode, int javaWarmupCalls, int javaCalls, int javaRounds, int pythonWarmupCalls,
            int pythonCalls, int pythonRounds, int pythonSpareRounds, Duration costTime, Duration profileTime,
            Duration childTimeLimit) {
        static Sizes full() {
            return new Sizes("full", 40_000, 10_000, 10, 1_000, 5_000, 7, 4, Duration.ofSeconds(3),
                    Duration.ofSeconds(10), Duration.ofMinutes(20));
        }

        static Sizes smoke() {
            return new Sizes("smoke", 3_000, 2_000, 3, 200, 500, 3, 1, Duration.ofSeconds(1), Duration.ofSeconds(3),
                    Duration.ofMinutes(2));
        }
    }

    private final Sizes sizes;
    private final boolean profile;
    /**
     * "null-call" (the null-call groups only), "throughput" (plus the concurrent-clients group) or "all" (plus
     * every {@link Extras} group).
     */
    private final String suite;
    private final List<Object> extraTargets = new ArrayList<>();
    private final Duration waitQuiet;
    /** "none", "same" (every process on CPU 0) or "split" (clients on CPU 0, servers on CPU 1). */
    private final String pin;
    private static final String CLIENT_CPU = "0";
    private double idleAtStart = -1;
    private final Path root;
    private final Path shared;
    private final String command;
    private final Path target;
    private final Path logs;
    private final Instant started = Instant.now();
    private final String loadAtStart = Machine.loadAverage();
    private final List<Object> groups = new ArrayList<>();
    private final Map<String, Measurement> measurements = new LinkedHashMap<>();
    private final Map<String, String> versions = new LinkedHashMap<>();
    private final List<Map<String, Object>> profiles = new ArrayList<>();

    private BenchMain(Sizes sizes, boolean profile, String suite, Duration waitQuiet, String pin, Path root, Path shared,
            String command) {
        this.pin = pin;
        this.sizes = sizes;
        this.profile = profile;
        this.suite = suite;
        this.waitQuiet = waitQuiet;
        this.root = root;
        this.shared = shared;
        this.command = command;
        this.target = root.resolve("bench").resolve("target");
        this.logs = target.resolve("bench-logs");
    }

    public static void main(String[] args) throws Exception {
        if ((args.length == 2 || args.length == 3) && args[0].equals("--serve-modes")) {
            ModeServers.run(Duration.ofSeconds(Long.parseLong(args[1])), args.length == 3
                    ? Integer.parseInt(args[2]) : ThreadPoolServer.DEFAULT_POOL_SIZE);
            return;
        }
        if (args.length == 2 && args[0].equals("--serve-payload")) {
            PayloadServers.run(Duration.ofSeconds(Long.parseLong(args[1])));
            return;
        }
        if (args.length == 2 && args[0].equals("--serve-java")) {
            JavaServers.run(Duration.ofSeconds(Long.parseLong(args[1])));
            return;
        }
        if (args.length == 3 && args[0].equals("--report")) {
            Report.write(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        boolean smoke = false;
        boolean profile = false;
        String suite = "null-call";
        Duration waitQuiet = Duration.ZERO;
        String pin = "none";
        Path root = Path.of(System.getProperty("user.dir"));
        @Nullable Path shared = null;
        String command = "java -m org.rpyc4j.bench/org.rpyc4j.bench.BenchMain " + String.join(" ", args);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--smoke" -> smoke = true;
                case "--profile" -> profile = true;
                case "--suite" -> {
                    suite = args[++i];
                    if (!List.of("null-call", "throughput", "all").contains(suite)) {
                        System.err.println("--suite takes null-call, throughput or all");
                        System.exit(2);
                    }
                }
                case "--pin" -> {
                    pin = args[++i];
                    if (!List.of("none", "same", "split").contains(pin)) {
                        System.err.println("--pin takes none, same or split");
                        System.exit(2);
                    }
                }
                case "--wait-quiet" -> waitQuiet = Duration.ofSeconds(Long.parseLong(args[++i]));
                case "--root" -> root = Path.of(args[++i]);
                case "--shared" -> shared = Path.of(args[++i]);
                case "--command" -> command = args[++i];
                default -> {
                    System.err.println("usage: BenchMain [--smoke] [--profile] [--suite null-call|throughput|all]"
                            + " [--pin none|same|split]"
                            + " [--wait-quiet SECONDS] [--root DIR] [--shared DIR] [--command TEXT]"
                            + " | --report RESULTS.json OUT.md");
                    System.exit(2);
                }
            }
        }
        root = root.toAbsolutePath().normalize();
        if (shared == null) {
            shared = root.resolveSibling("shared");
        }
        new BenchMain(smoke ? Sizes.smoke() : Sizes.full(), profile, suite, waitQuiet, pin, root, shared, command)
                .run();
    }

    private void run() throws Exception {
        Files.createDirectories(logs);
        Path scripts = extractScripts();
        PythonPeer py53 = PythonPeer.v53();
        PythonPeer py60 = PythonPeer.v601(shared, target);
        List<PythonPeer> peers = List.of(py53, py60);
        awaitQuiet();
        pinSelf();
        log("benchmark run (%s): Java %d rounds of %d calls after %d warm-up calls; Python %d rounds of %d"
                + " calls after %d; load average %s", sizes.mode(), sizes.javaRounds(), sizes.javaCalls(),
                sizes.javaWarmupCalls(), sizes.pythonRounds(), sizes.pythonCalls(), sizes.pythonWarmupCalls(),
                loadAtStart);

        long limit = sizes.childTimeLimit().toSeconds();
        try (Child javaServers = startJavaServers(limit);
                Child py53Server = startPythonServer(py53, scripts, limit);
                Child py60Server = startPythonServer(py60, scripts, limit)) {
            Map<String, Integer> ports = new LinkedHashMap<>();
            String line;
            while (!(line = javaServers.awaitLine(l -> true, Duration.ofSeconds(60))).equals("READY")) {
                String[] parts = line.split(" ");
                ports.put(parts[0], Integer.parseInt(parts[1]));
            }
            int py53Port = pythonPort(py53Server, py53);
            int py60Port = pythonPort(py60Server, py60);
            log("servers up: Java servers %s (pid %d), Python rpyc %s on %d (pid %d), rpyc %s on %d (pid %d)",
                    ports, javaServers.pid(), py53.version(), py53Port, py53Server.pid(), py60.version(), py60Port,
                    py60Server.pid());

            javaNullCalls(ports);
            pythonNullCalls(py53, scripts, py53Port, ports.get("RPYC"));
            pythonNullCalls(py60, scripts, py60Port, ports.get("RPYC"));
            groups.add(nullCallGroup());

            Profiler.Opener opener = id -> openJava(id, ports);
            Map<String, String> costed = new LinkedHashMap<>();
            for (String id : JAVA_SCENARIOS) {
                costed.put(id, measurements.get(id).label);
            }
            Map<String, Object> costs = Profiler.costPerCall(javaServers, costed, opener, sizes.costTime());
            @SuppressWarnings("unchecked")
            List<Object> costRows = (List<Object>) costs.get("rows");
            costRows.addAll(pythonCosts(py53, scripts, py53Server, py53Port, javaServers, ports.get("RPYC")));
            costRows.addAll(pythonCosts(py60, scripts, py60Server, py60Port, javaServers, ports.get("RPYC")));
            groups.add(costs);
            if (profile) {
                Profiler.jfr(javaServers, opener, "rpyc4j-v6", measurements.get("rpyc4j-v6").label,
                        sizes.profileTime(), target, profiles);
                // the server side of target (b): a Python client's conn.root.noop() against rpyc4j
                long pyCalls = Math.max(1_000, sizes.profileTime().toMillis() * 4);   // ~250 µs per call
                Profiler.jfr(javaServers, "py60-rpyc4j-root", measurements.get("py60-rpyc4j-root").label + " ("
                        + String.format(Locale.ROOT, "%,d", pyCalls) + " calls)", false,
                        () -> runPythonSeries(py60, scripts, "rpyc4j", ports.get("RPYC"), "root", 200, pyCalls),
                        target, profiles);
            }
        }

        if (!suite.equals("null-call")) {
            extraGroups(scripts, py53, py60);
        }

        // a smoke run's figures are rough: its results, report and chart stay in bench/target/smoke
        boolean smoke = sizes.mode().equals("smoke");
        Path out = smoke ? target.resolve("smoke") : target;
        Files.createDirectories(out);
        Path json = out.resolve("bench-results.json");
        Files.writeString(json, Json.write(results(peers)));
        Path markdown = smoke ? out.resolve("BENCHMARKS.md") : root.resolve("BENCHMARKS.md");
        Report.write(json, markdown);
        log("wrote %s and %s%s", root.relativize(json), root.relativize(markdown), smoke
                ? " (a smoke run: the top-level BENCHMARKS.md and its chart are left as they were)" : "");
        System.out.print(Report.targetsText(json));
    }

    /**
     * The extra scenario groups of {@code --suite all} (of {@code --suite throughput}: concurrent clients only), each
     * its own section; a failing group is logged, skipped.
     */
    private void extraGroups(Path scripts, PythonPeer py53, PythonPeer py60) {
        List<Map.Entry<String, ExtraGroup>> all = List.of(
                Map.entry("connection setup", ConnectionSetup::run),
                Map.entry("connection setup under load", ConnectionLoad::run),
                Map.entry("forking first reply", ForkingFirstReply::run),
                Map.entry("idle connections", IdleConnections::run),
                Map.entry("registry", RegistryQueries::run),
                Map.entry("launcher start-up", LauncherStartup::run),
                Map.entry("TLS", ToolTables::tls),
                Map.entry("list transfer", ToolTables::listTransfer),
                Map.entry("raw bulk floor", LoopbackBulk::run),
                Map.entry("concurrent clients", ConcurrentClients::run),
                Map.entry("payloads", Payloads::run),
                Map.entry("callbacks", Callbacks::run));
        List<String> picked = suite.equals("throughput") ? List.of("concurrent clients")
                : all.stream().map(Map.Entry::getKey).toList();
        try (Extras x = new Extras(sizes.mode().equals("smoke"), root, scripts, logs, py53, py60)) {
            for (var e : all) {
                if (!picked.contains(e.getKey())) {
                    continue;
                }
                log("extra group: %s", e.getKey());
                long t0 = System.nanoTime();
                try {
                    groups.add(e.getValue().run(x));
                } catch (Exception | Error ex) {
                    log("extra group %s FAILED: %s", e.getKey(), ex);
                    groups.add(Extras.table("failed-" + e.getKey().replace(' ', '-'), e.getKey() + " (failed)",
                            List.of("This group failed in this run: " + ex), List.of("error"), List.of()));
                }
                log("extra group %s took %.1f s", e.getKey(), (System.nanoTime() - t0) / 1e9);
            }
            extraTargets.addAll(x.targets);
        }
    }

    /** One extra scenario group: runs and returns its results-file group. */
    @FunctionalInterface
    private interface ExtraGroup {
        Map<String, Object> run(Extras x) throws Exception;
    }

    /**
     * With {@code --pin same|split}: this JVM (all its threads, and so the threads it starts later) and the Python
     * clients go to CPU 0; the servers go to CPU 0 too ({@code same}) or to CPU 1 ({@code split}). By default
     * ({@code none}) the scheduler places the processes.
     */
    private void pinSelf() throws IOException, InterruptedException {
        if (pin.equals("none")) {
            return;
        }
        Process p = new ProcessBuilder("taskset", "-a", "-p", "-c", CLIENT_CPU,
                Long.toString(ProcessHandle.current().pid())).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException("cannot pin the harness to CPU " + CLIENT_CPU + " with taskset: " + out);
        }
        log("pinned: clients on CPU %s, servers on CPU %s", CLIENT_CPU, serverCpu());
    }

    private String serverCpu() {
        return pin.equals("split") ? "1" : CLIENT_CPU;
    }

    /** How the processes were placed on CPUs, for the report. */
    private String placement() {
        return switch (pin) {
            case "same" -> "pinned (--pin same): every client and server process on CPU 0 (taskset)";
            case "split" -> "pinned (--pin split): clients (harness JVM, Python clients) on CPU 0, servers on CPU 1"
                    + " (taskset)";
            default -> "not pinned: the OS scheduler places client and server processes on the CPUs";
        };
    }

    private List<String> onServerCpu(List<String> command) {
        return pinned(serverCpu(), command);
    }

    private List<String> onClientCpu(List<String> command) {
        return pinned(CLIENT_CPU, command);
    }

    private List<String> pinned(String cpu, List<String> command) {
        if (pin.equals("none")) {
            return command;
        }
        List<String> out = new ArrayList<>(List.of("taskset", "-c", cpu));
        out.addAll(command);
        return out;
    }

    /** Samples how idle the machine is; with --wait-quiet, waits (bounded) until it is at least 90 % idle. */
    private void awaitQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + waitQuiet.toNanos();
        while (true) {
            idleAtStart = Machine.idleFraction(Duration.ofSeconds(1));
            if (idleAtStart < 0 || idleAtStart >= 0.9 || System.nanoTime() >= deadline) {
                break;
            }
            log("machine only %.0f %% idle; waiting for it to quieten (up to %d s more)", idleAtStart * 100,
                    Duration.ofNanos(deadline - System.nanoTime()).toSeconds());
            Thread.sleep(4_000);
        }
        log("machine %.0f %% idle before the run", idleAtStart * 100);
    }

    // ------------------------------------------------------------------------------------------------ Java side

    private Child startJavaServers(long timeLimitSeconds) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(Machine.jvmFlags());
        cmd.addAll(List.of("-Djava.rmi.server.hostname=127.0.0.1",
                "--module-path", System.getProperty("jdk.module.path"),
                "-m", "org.rpyc4j.bench/" + BenchMain.class.getName(),
                "--serve-java", Long.toString(timeLimitSeconds)));
        return Child.start("java-servers", onServerCpu(cmd), Map.of(), logs);
    }

    /** How often a disturbed Java round is re-run before it is kept anyway. */
    private static final int MAX_RERUNS = 3;

    /** The Java scenarios, in the order they run and are reported. */
    private static final List<String> JAVA_SCENARIOS = List.of("tcp-floor", "rpyc4j-v5", "rpyc4j-v6",
            "rpyc4j-v6-virtual", "rpyc4j-v6-platform", "rmi");

    private static JavaScenario openJava(String id, Map<String, Integer> ports) throws Exception {
        return switch (id) {
            case "tcp-floor" -> JavaScenario.tcpPingPong(ports.get("TCP"));
            case "rpyc4j-v5" -> JavaScenario.rpycNoop(ports.get("RPYC"), Dialect.V5);
            case "rpyc4j-v6" -> JavaScenario.rpycNoop(ports.get("RPYC"), Dialect.V6);
            case "rpyc4j-v6-virtual" -> JavaScenario.rpycNoop(ports.get("RPYC_VIRTUAL"), Dialect.V6);
            case "rpyc4j-v6-platform" -> JavaScenario.rpycNoop(ports.get("RPYC_PLATFORM"), Dialect.V6);
            case "rmi" -> JavaScenario.rmiNoop(ports.get("RMI"));
            default -> throw new IllegalArgumentException(id);
        };
    }

    /** A V6 null-call scenario against a {@code ThreadedServer} with other thread settings, shown for comparison. */
    private static Measurement v6Diagnostic(String id, String what, String settings, String note) {
        return new Measurement(id, "rpyc4j → rpyc4j, V6, " + what + " (diagnostic)",
                "rpyc4j Java client, `root.callMethod(\"noop\")`", "rpyc4j `ThreadedServer`, " + settings,
                "1 round trip (CALLATTR)")
                .compareTo("floor", "tcp-floor").compareTo("python", "py60-py60-bound").note(note);
    }

    private void javaNullCalls(Map<String, Integer> ports) throws Exception {
        add(new Measurement("tcp-floor", "Raw TCP ping-pong (floor)",
                "Java, platform thread, blocking socket, TCP_NODELAY",
                "Java echo server, platform thread per connection",
                "1 round trip, 1 byte each way"));
        for (Dialect d : Dialect.values()) {
            String v = d.name().toLowerCase(Locale.ROOT);
            String py = d == Dialect.V5 ? "py53-py53-bound" : "py60-py60-bound";
            add(new Measurement("rpyc4j-" + v, "rpyc4j → rpyc4j, " + d.name() + " dialect",
                    "rpyc4j Java client, `root.callMethod(\"noop\")`",
                    "rpyc4j `ThreadedServer`, default settings",
                    "1 round trip (CALLATTR)")
                    .compareTo("floor", "tcp-floor").compareTo("python", py));
        }
        add(v6Diagnostic("rpyc4j-v6-virtual", "virtual threads only", "`threaded.busy-threads=0`",
                "not a target: the connection stays on its virtual thread however busy it is, to show what a"
                        + " virtual thread's blocking read costs; by default a new or busy connection is read by a"
                        + " platform thread."));
        add(v6Diagnostic("rpyc4j-v6-platform", "platform threads only", "`threaded.platform-threads=true`",
                "not a target: every connection on a platform thread of its own throughout; the standby readers"
                        + " that rpyc4j's core starts when a request blocks are virtual threads either way."));
        add(new Measurement("rmi", "Java RMI", "Java RMI client (stub from the registry)",
                "`UnicastRemoteObject`, RMI's own connection threads",
                "1 round trip (RMI call)").compareTo("floor", "tcp-floor"));

        Map<Measurement, JavaScenario> scenarios = new LinkedHashMap<>();
        try {
            for (String id : JAVA_SCENARIOS) {
                scenarios.put(measurements.get(id), openJava(id, ports));
            }
            for (var e : scenarios.entrySet()) {
                long t0 = System.nanoTime();
                e.getValue().run(sizes.javaWarmupCalls());
                log("warm-up %-20s %,d calls in %.2f s", e.getKey().id, sizes.javaWarmupCalls(),
                        (System.nanoTime() - t0) / 1e9);
            }
            for (int r = 1; r <= sizes.javaRounds(); r++) {
                for (var e : scenarios.entrySet()) {
                    for (int attempt = 1; ; attempt++) {
                        Disturbance.Mark mark = Disturbance.mark();
                        long t0 = System.nanoTime();
                        e.getValue().run(sizes.javaCalls());
                        double seconds = (System.nanoTime() - t0) / 1e9;
                        double foreign = Disturbance.foreignCpus(mark);
                        boolean disturbed = foreign > Disturbance.THRESHOLD;
                        log("round %d %-20s %8.2f µs/call %,10.0f calls/s  others %.2f CPU%s", r, e.getKey().id,
                                seconds * 1e6 / sizes.javaCalls(), sizes.javaCalls() / seconds, foreign,
                                disturbed && attempt <= MAX_RERUNS ? "  disturbed, re-run" : "");
                        if (disturbed && attempt <= MAX_RERUNS) {
                            e.getKey().discarded++;
                            continue;
                        }
                        e.getKey().addRound(sizes.javaCalls(), seconds, foreign);
                        break;
                    }
                }
            }
        } finally {
            for (JavaScenario s : scenarios.values()) {
                s.close();
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- Python side

    private Path extractScripts() throws IOException {
        Path dir = target.resolve("bench-python");
        Files.createDirectories(dir);
        for (String name : List.of("bench_server.py", "bench_client.py", "extra_bench.py")) {
            try (InputStream in = BenchMain.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException("resource " + name + " missing from the bench jar");
                }
                Files.write(dir.resolve(name), in.readAllBytes());
            }
        }
        return dir;
    }

    private Child startPythonServer(PythonPeer peer, Path scripts, long timeLimitSeconds) {
        return Child.start(peer.label() + "-server",
                onServerCpu(peer.command(scripts.resolve("bench_server.py"), List.of(Long.toString(timeLimitSeconds)))),
                peer.environment(), logs);
    }

    private int pythonPort(Child server, PythonPeer peer) {
        String version = server.awaitLine(l -> l.startsWith("RPYC "), Duration.ofSeconds(60)).substring(5).strip();
        if (!version.equals(peer.version())) {
            throw new IllegalStateException(server + " runs rpyc " + version + ", expected " + peer.version());
        }
        versions.put(peer.label(), version);
        return Integer.parseInt(server.awaitLine(l -> l.startsWith("PORT "), Duration.ofSeconds(60)).substring(5)
                .strip());
    }

    private void pythonNullCalls(PythonPeer peer, Path scripts, int pythonPort, int rpycPort) {
        String p = peer.label();
        String name = "Python " + peer.shortName();
        for (String mode : List.of("root", "bound")) {
            String call = mode.equals("root") ? "`conn.root.noop()`" : "`f = conn.root.noop; f()`";
            String perCall = mode.equals("root") ? "2 round trips (GETATTR, CALL) + async DEL"
                    : "1 round trip (CALL)";
            add(new Measurement(p + "-" + p + "-" + mode, name + " → " + name + ", " + mode,
                    name + " client, " + call, "Python " + peer.shortName() + " `ThreadedServer`", perCall)
                    .compareTo("floor", "tcp-floor"));
            add(new Measurement(p + "-rpyc4j-" + mode, name + " → rpyc4j, " + mode,
                    name + " client, " + call, "rpyc4j server, virtual thread per connection", perCall)
                    .compareTo("floor", "tcp-floor").compareTo("python", p + "-" + p + "-" + mode));
        }
        long expectedSeconds = (long) ((sizes.pythonWarmupCalls()
                + (long) (sizes.pythonRounds() + sizes.pythonSpareRounds()) * sizes.pythonCalls())
                * 4 * 2e-3) + 60;   // 4 series at <= 2 ms per call, plus start-up
        List<String> args = List.of("--target", "python=" + pythonPort, "--target", "rpyc4j=" + rpycPort,
                "--modes", "root,bound", "--warmup", Integer.toString(sizes.pythonWarmupCalls()),
                "--calls", Integer.toString(sizes.pythonCalls()),
                "--rounds", Integer.toString(sizes.pythonRounds() + sizes.pythonSpareRounds()),
                "--max-seconds", Long.toString(expectedSeconds));
        log("%s client: %s", name, String.join(" ", args));
        record Candidate(long calls, double seconds, double foreign) {
        }
        Map<String, List<Candidate>> candidates = new LinkedHashMap<>();
        try (Child client = Child.start(p + "-client",
                onClientCpu(peer.command(scripts.resolve("bench_client.py"), args)), peer.environment(), logs)) {
            String line;
            Disturbance.Mark mark = Disturbance.mark();
            while ((line = client.nextLine(Duration.ofSeconds(expectedSeconds))) != null) {
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "VERSION" -> {
                        if (!f[1].equals(peer.version())) {
                            throw new IllegalStateException(client + " runs rpyc " + f[1] + ", expected "
                                    + peer.version());
                        }
                        versions.put("python", f[2]);
                    }
                    case "ROUND" -> {
                        double foreign = Disturbance.foreignCpus(mark);
                        mark = Disturbance.mark();
                        String id = p + "-" + (f[1].equals("python") ? p : "rpyc4j") + "-" + f[2];
                        long calls = Long.parseLong(f[4]);
                        double seconds = Double.parseDouble(f[5]);
                        candidates.computeIfAbsent(id, k -> new ArrayList<>())
                                .add(new Candidate(calls, seconds, foreign));
                        log("round %s %-20s %8.2f µs/call %,10.0f calls/s  others %.2f CPU%s", f[3], id,
                                seconds * 1e6 / calls, calls / seconds, foreign,
                                foreign > Disturbance.THRESHOLD ? "  disturbed" : "");
                    }
                    default -> throw new IllegalStateException(client + ": " + line + "\n" + client.tail());
                }
            }
            int exit = client.waitFor(Duration.ofSeconds(30));
            if (exit != 0) {
                throw new IllegalStateException(client + " failed (exit " + exit + "):\n" + client.tail());
            }
        }
        // keep the first `rounds` undisturbed rounds of each series; if too few, the least disturbed of the rest
        for (var e : candidates.entrySet()) {
            List<Candidate> all = e.getValue();
            List<Candidate> kept = new ArrayList<>(all.stream().filter(c -> c.foreign() <= Disturbance.THRESHOLD)
                    .limit(sizes.pythonRounds()).toList());
            all.stream().filter(c -> !kept.contains(c))
                    .sorted(java.util.Comparator.comparingDouble(Candidate::foreign))
                    .limit(Math.max(0, sizes.pythonRounds() - kept.size()))
                    .forEach(kept::add);
            Measurement m = measurements.get(e.getKey());
            all.stream().filter(kept::contains).forEach(c -> m.addRound(c.calls(), c.seconds(), c.foreign()));
            m.discarded = (int) all.stream()
                    .filter(c -> c.foreign() > Disturbance.THRESHOLD && !kept.contains(c)).count();
        }
    }

    /** CPU per call of a Python client against its Python server and against rpyc4j, each call style. */
    private List<Object> pythonCosts(PythonPeer peer, Path scripts, Child pyServer, int pyPort, Child javaServers,
            int rpycPort) throws IOException {
        List<Object> rows = new ArrayList<>();
        int warmup = Math.min(200, sizes.pythonWarmupCalls());
        int calls = sizes.pythonCalls();
        double tick = Disturbance.clockTicks();
        for (String server : List.of("python", "rpyc4j")) {
            for (String mode : List.of("root", "bound")) {
                boolean python = server.equals("python");
                long serverCpuBefore = python ? procCpuTicks(pyServer.pid()) : Profiler.serverUsage(javaServers)
                        .cpuNanos();
                long allocBefore = python ? 0 : Profiler.serverUsage(javaServers).allocatedBytes();
                String[] f = runPythonSeriesFields(peer, scripts, server, python ? pyPort : rpycPort, mode, warmup,
                        calls);
                double serverCpuUs = python ? (procCpuTicks(pyServer.pid()) - serverCpuBefore) / tick * 1e6
                        : (Profiler.serverUsage(javaServers).cpuNanos() - serverCpuBefore) / 1e3;
                String serverBytes = python ? "n/a" : String.format(Locale.ROOT, "%,.0f",
                        (double) (Profiler.serverUsage(javaServers).allocatedBytes() - allocBefore)
                                / (warmup + calls));
                double seconds = Double.parseDouble(f[5]);
                double clientCpu = Double.parseDouble(f[7]);
                String label = measurements.get(peer.label() + "-" + (python ? peer.label() : "rpyc4j") + "-" + mode)
                        .label;
                rows.add(List.of(label, String.format(Locale.ROOT, "%,d", calls),
                        String.format(Locale.ROOT, "%.1f", seconds * 1e6 / calls),
                        String.format(Locale.ROOT, "%.1f", clientCpu * 1e6 / calls),
                        String.format(Locale.ROOT, "%.1f", serverCpuUs / (warmup + calls)), "n/a", serverBytes));
                log("cost %-20s client %.1f µs CPU; server %.1f µs CPU per call", peer.label() + "-" + server
                        + "-" + mode, clientCpu * 1e6 / calls, serverCpuUs / (warmup + calls));
            }
        }
        return rows;
    }

    /** One Python client process: {@code warmup} calls, then one timed series; returns its ROUND line's fields. */
    private String[] runPythonSeriesFields(PythonPeer peer, Path scripts, String target, int port, String mode,
            int warmup, long calls) {
        List<String> args = List.of("--target", target + "=" + port, "--modes", mode, "--warmup",
                Integer.toString(warmup), "--calls", Long.toString(calls), "--rounds", "1", "--max-seconds", "300");
        String[] f = null;
        try (Child client = Child.start(peer.label() + "-series-client",
                onClientCpu(peer.command(scripts.resolve("bench_client.py"), args)), peer.environment(), logs)) {
            String line;
            while ((line = client.nextLine(Duration.ofSeconds(300))) != null) {
                if (line.startsWith("ROUND ")) {
                    f = line.split(" ");
                }
            }
            if (client.waitFor(Duration.ofSeconds(30)) != 0 || f == null) {
                throw new IllegalStateException(client + " failed:\n" + client.tail());
            }
        }
        return f;
    }

    /** Like {@link #runPythonSeriesFields}; returns the calls made (warm-up and timed). */
    private long runPythonSeries(PythonPeer peer, Path scripts, String target, int port, String mode, int warmup,
            long calls) {
        runPythonSeriesFields(peer, scripts, target, port, mode, warmup, calls);
        return warmup + calls;
    }

    /** utime + stime of a process, in clock ticks (Linux). */
    private static long procCpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);   // fields 14 and 15 of proc(5)
    }

    // ------------------------------------------------------------------------------------------------- results

    private Measurement add(Measurement m) {
        measurements.put(m.id, m);
        return m;
    }

    private Map<String, Object> results(List<PythonPeer> peers) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", 1);
        doc.put("date", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                started.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC)));
        doc.put("command", command);
        doc.put("mode", sizes.mode());
        doc.put("code", Machine.codeVersion(root));
        doc.put("durationSeconds", Measurement.round(Duration.between(started, Instant.now()).toMillis() / 1e3, 1));
        Map<String, Object> machine = Machine.describe();
        machine.put("loadAverage", "at start " + loadAtStart + ", at end " + Machine.loadAverage()
                + " (1, 5, 15 min; the end figure includes the benchmark's own processes)");
        machine.put("placement", placement());
        machine.put("cpuIdleBeforeRun", idleAtStart < 0 ? "?" : String.format(Locale.ROOT,
                "%.0f %% (sampled for 1 s just before the servers started; other work on the machine disturbs"
                        + " the figures)", idleAtStart * 100));
        machine.put("python", versions.getOrDefault("python", "?") + " (" + PythonPeer.PYTHON + ")");
        List<Object> rpyc = new ArrayList<>();
        for (PythonPeer peer : peers) {
            rpyc.add(versions.getOrDefault(peer.label(), "?") + (peer.pythonPath() == null
                    ? " (Debian python3-rpyc)" : " (shared/peers/rpyc-6.0.1.tar.gz, extracted at run time)"));
        }
        machine.put("rpyc", rpyc);
        doc.put("machine", machine);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("javaRounds", sizes.javaRounds());
        settings.put("javaWarmupCalls", sizes.javaWarmupCalls());
        settings.put("javaCallsPerRound", sizes.javaCalls());
        settings.put("pythonRounds", sizes.pythonRounds());
        settings.put("pythonWarmupCalls", sizes.pythonWarmupCalls());
        settings.put("pythonCallsPerRound", sizes.pythonCalls());
        settings.put("pythonSpareRounds", sizes.pythonSpareRounds());
        settings.put("disturbanceThresholdCpus", Disturbance.THRESHOLD);
        settings.put("javaMaxReruns", MAX_RERUNS);
        settings.put("costSecondsPerScenario", sizes.costTime().toSeconds());
        doc.put("settings", settings);
        List<Object> targets = Targets.evaluate(measurements);
        targets.addAll(extraTargets);
        doc.put("targets", targets);
        doc.put("suite", suite);
        doc.put("groups", groups);
        if (!profiles.isEmpty()) {
            doc.put("profiles", profiles);
        }
        doc.put("notes", List.of(
                "Placement matters on a small virtual machine. When the client's and the server's threads share a"
                        + " vCPU, a wake-up is a local context switch; when they sit on different vCPUs, the waker has"
                        + " to wake a halted vCPU through the hypervisor, which costs tens of µs. Unpinned runs mix"
                        + " both, so rounds can be bimodal (e.g. the floor alternating between two levels). "
                        + "`--pin same` runs every process on CPU 0 (steadier; measures the CPU path length of both"
                        + " ends), `--pin split` puts clients on CPU 0 and servers on CPU 1 (every wake-up crosses"
                        + " vCPUs). A server that hands each request from one thread to another pays extra"
                        + " wake-ups, which this magnifies; see the cost-per-call table.",
                "The speed of a virtual machine can also change under it (other guests on the host): in trial runs"
                        + " on the same idle 2-vCPU machine the floor's CPU cost per round trip was about 7 µs per side"
                        + " in one run and about 25 µs in another, and every other figure moved with it. Such"
                        + " slowdowns are invisible from inside (/proc shows no other work), so the harness cannot"
                        + " drop them; the interleaved rounds keep the rows of one run comparable, and the floor row"
                        + " tells how fast the machine was.",
                "Rounds are interleaved, so a disturbance hits every scenario of a group alike rather than one of"
                        + " them; compare rows of one run, not runs on different machines or placements."));
        return doc;
    }

    private Map<String, Object> nullCallGroup() {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("id", "null-call");
        g.put("title", "Null call latency");
        g.put("description", List.of(
                "One caller, one call at a time, each waiting for its answer; the remote method does nothing. "
                        + "µs/call is wall-clock time of a round divided by its calls; calls/s is its inverse. "
                        + "min/median/max are over the rounds.",
                "Java side: the harness JVM is the client; one child JVM hosts all Java servers (TCP echo, rpyc4j, "
                        + "RMI registry and object), so client and server never share a heap, JIT or GC. The rpyc4j "
                        + "server is rpyc4j's `ThreadedServer` with its defaults: a virtual thread per connection, "
                        + "and a platform thread of its own while a connection is busy (16 frames in quick "
                        + "succession; back to the virtual thread after 2 s without a frame). Rounds of the Java scenarios are "
                        + "interleaved (round 1 of each, then round 2, ...).",
                "Python side: one Python client process per rpyc version connects to both servers (the stock "
                        + "Python `ThreadedServer` of the same rpyc version, and the rpyc4j server above) and times "
                        + "its own loops with `time.perf_counter`, interleaving the rounds of the four series. "
                        + "`conn.root.noop()` costs a GETATTR and a CALL round trip plus an asynchronous DEL per "
                        + "call against either server; the cached bound method (`f = conn.root.noop; f()`) costs one "
                        + "CALL round trip, like the Java client's single CALLATTR.",
                "vs floor: µs/call divided by the raw TCP round trip's. vs Python: calls/s divided by those of the "
                        + "Python peer pair named in the row's comparison (for the Java rows: Python ↔ Python with "
                        + "the cached bound method, the same number of round trips per call)."));
        List<Object> results = new ArrayList<>();
        measurements.values().forEach(m -> results.add(m.toJson()));
        g.put("results", results);
        return g;
    }

    static void log(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
        System.out.flush();
    }
}
