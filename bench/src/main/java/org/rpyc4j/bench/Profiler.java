package org.rpyc4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import javax.annotation.Nullable;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the time goes, for the lead who optimises: never part of the timed rounds.
 *
 * <ul>
 *   <li>{@link #costPerCall}: for each Java scenario, the CPU time and heap allocation per call of the client JVM
 *       and of the server JVM (process CPU time, total allocated bytes), measured around a fixed-time run.</li>
 *   <li>{@link #jfr} ({@code --profile}): one scenario for a fixed time with JFR (settings {@code profile}, plus
 *       virtual thread starts) recording in both JVMs, summarised: hottest top frames of
 *       {@code jdk.ExecutionSample}, rpyc4j methods most often on sampled stacks, where threads sat in native code
 *       ({@code jdk.NativeMethodSample}), virtual threads started per call, GC.</li>
 * </ul>
 */
final class Profiler {
    private static final int TOP = 15;

    /** Opens a Java scenario by id. */
    @FunctionalInterface
    interface Opener {
        JavaScenario open(String id) throws Exception;
    }

    private Profiler() {
    }

    /** The recording both JVMs make: JFR's {@code profile} settings plus virtual thread starts. */
    static Recording newRecording() throws IOException, ParseException {
        Recording r = new Recording(Configuration.getConfiguration("profile"));
        r.enable("jdk.VirtualThreadStart");
        // JDK 25's CPU-time sampler (JEP 509): samples by CPU time used, including time in native code and the
        // kernel, where the classic ExecutionSample sees only threads running Java code
        r.enable("jdk.CPUTimeSample").with("throttle", "1ms");
        r.enable("jdk.ThreadContextSwitchRate").withPeriod(Duration.ofSeconds(1));
        return r;
    }

    /** A table group: CPU and allocation per call of each scenario, client and server JVM. */
    static Map<String, Object> costPerCall(Child servers, Map<String, String> scenarios, Opener opener,
            Duration each) throws Exception {
        List<Object> rows = new ArrayList<>();
        for (var e : scenarios.entrySet()) {
            try (JavaScenario s = opener.open(e.getKey())) {
                s.run(5_000);
                Usage serverBefore = serverUsage(servers);
                Usage clientBefore = Usage.now();
                long calls = 0;
                long t0 = System.nanoTime();
                long end = t0 + each.toNanos();
                while (System.nanoTime() < end) {
                    s.run(1_000);
                    calls += 1_000;
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                Usage client = Usage.now().minus(clientBefore);
                Usage server = serverUsage(servers).minus(serverBefore);
                rows.add(List.of(e.getValue(), String.format(Locale.ROOT, "%,d", calls),
                        fmt("%.1f", seconds * 1e6 / calls),
                        fmt("%.1f", client.cpuNanos() / 1e3 / calls), fmt("%.1f", server.cpuNanos() / 1e3 / calls),
                        fmt("%,.0f", (double) client.allocatedBytes() / calls),
                        fmt("%,.0f", (double) server.allocatedBytes() / calls)));
                BenchMain.log("cost %-20s client %.1f µs CPU, %,.0f B; server %.1f µs CPU, %,.0f B per call",
                        e.getKey(), client.cpuNanos() / 1e3 / calls, (double) client.allocatedBytes() / calls,
                        server.cpuNanos() / 1e3 / calls, (double) server.allocatedBytes() / calls);
            }
        }
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("id", "cost-per-call");
        g.put("kind", "table");
        g.put("title", "Cost per null call: CPU time and allocation");
        g.put("description", List.of(
                "Not a timed benchmark but a hint where time goes, measured after the timed rounds. Java rows: "
                        + "each scenario runs for " + each.toSeconds() + " s (JIT warm), and the client JVM's and "
                        + "the server JVM's process CPU time (all threads, user + system) and heap bytes allocated "
                        + "(all threads) are divided by the calls made. The server JVM hosts all Java servers, which "
                        + "are idle when not called.",
                "Python rows: a fresh Python client process makes a few warm-up calls and then one timed series "
                        + "against one server; client CPU is the Python process's `time.process_time()` over the "
                        + "timed loop, server CPU the server process's CPU time (Python: /proc utime + stime, 10 ms "
                        + "resolution; rpyc4j: as above) over warm-up and timed calls, divided by those calls. "
                        + "Wall µs/call is of this measurement, on a machine where client and server share the CPUs."));
        g.put("columns", List.of("scenario", "calls", "wall µs/call", "client CPU µs/call", "server CPU µs/call",
                "client bytes/call", "server bytes/call"));
        g.put("rows", rows);
        return g;
    }

    static Usage serverUsage(Child servers) {
        servers.send("STATS");
        return Usage.parse(expectOk(servers));
    }

    /** Records {@code scenario} for {@code time} with JFR in both JVMs; adds a summary per JVM to {@code out}. */
    static void jfr(Child servers, Opener opener, String scenarioId, String scenario, Duration time, Path target,
            List<Map<String, Object>> out) throws Exception {
        try (JavaScenario s = opener.open(scenarioId)) {
            s.run(5_000);
            jfr(servers, "java-" + scenarioId, scenario, true, () -> {
                long calls = 0;
                long end = System.nanoTime() + time.toNanos();
                while (System.nanoTime() < end) {
                    s.run(1_000);
                    calls += 1_000;
                }
                return calls;
            }, target, out);
        }
    }

    /** Drives load while recording; returns the calls it made. */
    @FunctionalInterface
    interface Load {
        long run() throws Exception;
    }

    /**
     * Records with JFR in the server JVM (and in this, the client JVM, if {@code recordClient}) while {@code load}
     * runs; adds a summary per JVM to {@code out} and leaves the recordings and summaries in {@code target}.
     */
    static void jfr(Child servers, String id, String scenario, boolean recordClient, Load load, Path target,
            List<Map<String, Object>> out) throws Exception {
        Path clientJfr = target.resolve("profile-" + id + "-client.jfr");
        Path serverJfr = target.resolve("profile-" + id + "-server.jfr");
        BenchMain.log("profiling %s with JFR in the %s", scenario, recordClient ? "client and server JVMs"
                : "server JVM");
        long calls;
        double seconds;
        try (Recording recording = newRecording()) {
            servers.send("PROFILE-START");
            expectOk(servers);
            if (recordClient) {
                recording.start();
            }
            long t0 = System.nanoTime();
            calls = load.run();
            seconds = (System.nanoTime() - t0) / 1e9;
            if (recordClient) {
                recording.stop();
                recording.dump(clientJfr);
            }
            servers.send("PROFILE-STOP " + serverJfr.toAbsolutePath());
            expectOk(servers);
        }
        for (String jvm : recordClient ? List.of("client", "server") : List.of("server")) {
            Path file = jvm.equals("client") ? clientJfr : serverJfr;
            Map<String, Object> p = summarise(file, jvm, scenario, calls, seconds);
            p.put("id", id + "-" + jvm);
            out.add(p);
            Path text = target.resolve("profile-" + id + "-" + jvm + ".json");
            Files.writeString(text, Json.write(p));
            BenchMain.log("%s JVM profile: %s (recording %s; inspect with: jfr print --events"
                    + " jdk.CPUTimeSample %s)", jvm, text, file, file);
        }
    }

    private static String expectOk(Child child) {
        String line = child.nextLine(Duration.ofSeconds(60));
        if (line == null || !(line.equals("OK") || line.startsWith("OK "))) {
            throw new IllegalStateException(child + " answered " + line);
        }
        return line.substring(2).strip();
    }

    private static Map<String, Object> summarise(Path jfr, String jvm, String scenario, long calls, double seconds)
            throws IOException {
        Map<String, Integer> top = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> nativeTop = new HashMap<>();
        int samples = 0;
        Map<String, Integer> cpuTop = new HashMap<>();
        Map<String, Integer> cpuInclusive = new HashMap<>();
        int cpuSamples = 0;
        int nativeSamples = 0;
        int virtualThreads = 0;
        int gcs = 0;
        double gcPauseMs = 0;
        List<Double> switchRates = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            switch (e.getEventType().getName()) {
                case "jdk.ExecutionSample" -> {
                    RecordedStackTrace st = e.getStackTrace();
                    if (st == null || st.getFrames().isEmpty()) {
                        continue;
                    }
                    samples++;
                    top.merge(frame(st.getFrames().getFirst()), 1, Integer::sum);
                    Set<String> seen = new LinkedHashSet<>();
                    for (RecordedFrame f : st.getFrames()) {
                        String name = frame(f);
                        if (name.startsWith("org.rpyc4j.core.") && seen.add(name)) {
                            inclusive.merge(name, 1, Integer::sum);
                        }
                    }
                }
                case "jdk.NativeMethodSample" -> {
                    RecordedStackTrace st = e.getStackTrace();
                    String caller = st == null ? null : firstCoreFrame(st);
                    if (caller == null) {
                        continue;   // idle threads of the harness (accept loops, stdin readers)
                    }
                    nativeSamples++;
                    nativeTop.merge(frame(st.getFrames().getFirst()) + " ← " + caller, 1, Integer::sum);
                }
                case "jdk.CPUTimeSample" -> {
                    RecordedStackTrace st = e.getStackTrace();
                    if (st == null || st.getFrames().isEmpty()) {
                        continue;
                    }
                    cpuSamples++;
                    cpuTop.merge(frame(st.getFrames().getFirst()), 1, Integer::sum);
                    Set<String> seen = new LinkedHashSet<>();
                    for (RecordedFrame f : st.getFrames()) {
                        String name = frame(f);
                        if (name.startsWith("org.rpyc4j.core.") && seen.add(name)) {
                            cpuInclusive.merge(name, 1, Integer::sum);
                        }
                    }
                }
                case "jdk.VirtualThreadStart" -> virtualThreads++;
                case "jdk.ThreadContextSwitchRate" -> switchRates.add(e.getDouble("switchRate"));
                case "jdk.GarbageCollection" -> {
                    gcs++;
                    gcPauseMs += e.getDuration("sumOfPauses").toNanos() / 1e6;
                }
                default -> {
                    // not summarised
                }
            }
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", "jfr-" + jvm);
        p.put("jvm", jvm);
        p.put("scenario", scenario);
        p.put("seconds", Measurement.round(seconds, 2));
        p.put("calls", calls);
        p.put("callsPerSecond", Math.round(calls / seconds));
        p.put("executionSamples", samples);
        p.put("nativeSamplesInRpyc4j", nativeSamples);
        p.put("virtualThreadsStartedPerCall", Measurement.round((double) virtualThreads / calls, 3));
        p.put("contextSwitchesPerCall", switchRates.isEmpty() ? null
                : Measurement.round(Measurement.median(switchRates.stream().mapToDouble(d -> d).toArray())
                        / (calls / seconds), 2));
        p.put("gcCount", gcs);
        p.put("gcPauseMs", Measurement.round(gcPauseMs, 1));
        p.put("cpuTimeSamples", cpuSamples);
        p.put("cpuTopFrames", ranked(cpuTop, cpuSamples));
        p.put("cpuRpyc4jFramesOnStack", ranked(cpuInclusive, cpuSamples));
        p.put("topFrames", ranked(top, samples));
        p.put("rpyc4jFramesOnStack", ranked(inclusive, samples));
        p.put("nativeTopFrames", ranked(nativeTop, nativeSamples));
        return p;
    }

    private static String frame(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    @Nullable
    private static String firstCoreFrame(RecordedStackTrace st) {
        for (RecordedFrame f : st.getFrames()) {
            String name = frame(f);
            if (name.startsWith("org.rpyc4j.core.")) {
                return name;
            }
        }
        return null;
    }

    private static List<Object> ranked(Map<String, Integer> counts, int total) {
        List<Object> out = new ArrayList<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP)
                .forEach(e -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("frame", e.getKey());
                    m.put("samples", e.getValue());
                    m.put("percent", Measurement.round(100.0 * e.getValue() / Math.max(1, total), 1));
                    out.add(m);
                });
        return out;
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
