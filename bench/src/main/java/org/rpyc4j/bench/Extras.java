package org.rpyc4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import javax.annotation.Nullable;

/**
 * What the extra scenario groups ({@code --suite all}: connection setup, idle connections, registry, launchers,
 * TLS, list transfer, bulk floor, concurrent clients, payloads, callbacks) share: the run's settings,
 * child-process helpers, the payload servers (started once, for the groups that use them, and closed with this),
 * and how a group and its targets are recorded in the results file (groups of kind "table" or "markdown",
 * targets in the run's target list).
 */
final class Extras implements AutoCloseable {
    final boolean smoke;
    final Path root;
    final Path scripts;
    final Path logs;
    final PythonPeer py53;
    final PythonPeer py60;
    final List<Object> targets = new ArrayList<>();
    /** The raw loopback bulk throughput of this run ({@link LoopbackBulk}), once measured. */
    @Nullable
    Measurement bulkFloor;
    private final Map<String, Map<String, Integer>> payloadPorts = new LinkedHashMap<>();
    private final List<Child> shared = new ArrayList<>();

    Extras(boolean smoke, Path root, Path scripts, Path logs, PythonPeer py53, PythonPeer py60) {
        this.smoke = smoke;
        this.root = root;
        this.scripts = scripts;
        this.logs = logs;
        this.py53 = py53;
        this.py60 = py60;
    }

    /** A Python 5.3 child running {@code extra_bench.py ARGS}. */
    Child python(String name, String... args) {
        return python(py53, name, args);
    }

    /** A child of {@code peer}'s Python rpyc running {@code extra_bench.py ARGS}. */
    Child python(PythonPeer peer, String name, String... args) {
        return Child.start(name, peer.command(scripts.resolve("extra_bench.py"), List.of(args)), peer.environment(),
                logs);
    }

    /**
     * Runs {@code extra_bench.py ARGS} with {@code peer}'s rpyc and hands each line it prints, split at spaces, to
     * {@code each}, with the CPUs other work used since the previous line ({@link Disturbance}); a line that does
     * not start with {@code keyword}, or a failed exit, fails.
     */
    void pythonLines(PythonPeer peer, String name, List<String> args, String keyword,
            BiConsumer<String[], Double> each) {
        try (Child client = python(peer, name, args.toArray(String[]::new))) {
            Disturbance.Mark mark = Disturbance.mark();
            String line;
            while ((line = client.nextLine(Duration.ofMinutes(5))) != null) {
                String[] f = line.split(" ");
                if (!f[0].equals(keyword)) {
                    throw new IllegalStateException(client + ": " + line + "\n" + client.tail());
                }
                each.accept(f, Disturbance.foreignCpus(mark));
                mark = Disturbance.mark();
            }
            if (client.waitFor(Duration.ofSeconds(30)) != 0) {
                throw new IllegalStateException(client + " failed:\n" + client.tail());
            }
        }
    }

    /**
     * The payload servers of {@code who}, by name ({@code COMPRESSED}, {@code PLAIN}, and for rpyc4j {@code RAW}):
     * "rpyc4j" is a {@link PayloadServers} JVM, "py53" and "py60" an {@code extra_bench.py serve-payload} process of
     * that Python rpyc. Started on first use, shared by the groups, stopped by {@link #close()}.
     */
    Map<String, Integer> payloadServers(String who) {
        return payloadPorts.computeIfAbsent(who, w -> {
            Child child = switch (w) {
                case "rpyc4j" -> javaChild("payload-servers", "--serve-payload", smoke ? "300" : "900");
                case "py53" -> python(py53, "py53-payload-servers", "serve-payload");
                case "py60" -> python(py60, "py60-payload-servers", "serve-payload");
                default -> throw new IllegalArgumentException(w);
            };
            shared.add(child);
            return ports(child);
        });
    }

    /** The Python peer of a label ({@code py53}, {@code py60}). */
    PythonPeer peer(String label) {
        return label.equals(py60.label()) ? py60 : py53;
    }

    @Override
    public void close() {
        shared.forEach(Child::close);
        shared.clear();
        payloadPorts.clear();
    }

    /** The port a Python server child prints ({@code PORT n}). */
    static int port(Child server) {
        return Integer.parseInt(server.awaitLine(l -> l.startsWith("PORT "), Duration.ofSeconds(60)).substring(5)
                .strip());
    }

    /** The fields of the {@code RESULT ...} line of a client child that then exits. */
    static String[] result(Child client, Duration timeout) {
        String line = client.awaitLine(l -> l.startsWith("RESULT "), timeout);
        client.waitFor(Duration.ofSeconds(30));
        return line.split(" ");
    }

    /** A server JVM of the bench module ({@code BenchMain ARGS}), its file-descriptor limit raised. */
    Child javaChild(String name, String... args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(Machine.jvmFlags());
        cmd.addAll(List.of("--enable-native-access=org.rpyc4j.server.forking",
                "--module-path", System.getProperty("jdk.module.path"),
                "-m", "org.rpyc4j.bench/" + BenchMain.class.getName()));
        cmd.addAll(List.of(args));
        List<String> shell = new ArrayList<>(List.of("bash", "-c", "ulimit -n 20000 2>/dev/null; exec \"$@\"", "sh"));
        shell.addAll(cmd);
        return Child.start(name, shell, Map.of(), logs);
    }

    /** Reads {@code NAME port} lines up to {@code READY}. */
    static Map<String, Integer> ports(Child server) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        String line;
        while (!(line = server.awaitLine(l -> true, Duration.ofSeconds(60))).equals("READY")) {
            String[] parts = line.split(" ");
            ports.put(parts[0], Integer.parseInt(parts[1]));
        }
        return ports;
    }

    /** Resident set size of a process in KiB (Linux /proc). */
    static long rssKiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    static Map<String, Object> table(String id, String title, List<String> description, List<String> columns,
            List<List<String>> rows) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("id", id);
        g.put("kind", "table");
        g.put("title", title);
        g.put("description", description);
        g.put("columns", columns);
        g.put("rows", rows);
        return g;
    }

    /** A table group that also records the measurements behind its cells, per round, under "results". */
    static Map<String, Object> table(String id, String title, List<String> description, List<String> columns,
            List<List<String>> rows, List<Measurement> results) {
        Map<String, Object> g = table(id, title, description, columns, rows);
        g.put("results", results.stream().map(m -> (Object) m.toJson()).toList());
        return g;
    }

    /** A table cell: the median of {@code values} and, in brackets, their range, e.g. "1,234 (1,100–1,300)". */
    static String spread(double[] values, String format) {
        if (values.length == 0) {
            return "–";
        }
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        String median = f(format, Measurement.median(sorted));
        return sorted.length == 1 ? median
                : median + " (" + f(format, sorted[0]) + "–" + f(format, sorted[sorted.length - 1]) + ")";
    }

    /** A table cell: {@code a / b} as "1.23×", or "–" when either is missing. */
    static String ratio(double a, double b) {
        return Double.isFinite(a) && Double.isFinite(b) && b > 0 ? Report.ratio(a / b) : "–";
    }

    /** A group whose body is Markdown produced by another tool, included as is. */
    static Map<String, Object> markdown(String id, String title, List<String> description, String body) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("id", id);
        g.put("kind", "markdown");
        g.put("title", title);
        g.put("description", description);
        g.put("body", body);
        return g;
    }

    /** A target judged on one figure; {@code ratio} against {@code limit} (at least, or at most when latency). */
    void target(String id, String text, String figure, double ratio, boolean atMost, double limit) {
        target(id, text, figure, ratio, atMost, limit, Double.NaN, "");
    }

    /**
     * A target of at least {@code limit} that may be out of reach: {@code ceiling} is the same ratio for the
     * physical floor ({@code floorName}); below {@code limit}, no implementation can meet the target here.
     */
    void target(String id, String text, String figure, double ratio, boolean atMost, double limit, double ceiling,
            String floorName) {
        Map<String, Object> t = new LinkedHashMap<>();
        if (!atMost && ceiling < limit) {
            t.put("reach", Targets.outOfReach(floorName, ceiling));
        }
        t.put("id", id);
        t.put("text", text);
        t.put("figure", figure + String.format(Locale.ROOT, " = %.2f×", ratio));
        t.put("bestRounds", "(one series)");
        t.put("ratio", Measurement.round(ratio, 3));
        t.put("limit", String.format(Locale.ROOT, "%s %.2f×", atMost ? "≤" : "≥", limit));
        t.put("met", atMost ? ratio <= limit : ratio >= limit);
        targets.add(t);
    }

    /** "met"/"not met" of the last target added, for a section's text. */
    String lastStatus() {
        @SuppressWarnings("unchecked")
        Map<String, Object> t = (Map<String, Object>) targets.get(targets.size() - 1);
        return Boolean.TRUE.equals(t.get("met")) ? "**met**" : "**not met**";
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
