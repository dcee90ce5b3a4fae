package org.rpyc4j.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Series of calls whose cost differs from series to series (payload echoes, callbacks), timed in interleaved
 * rounds: every series of a client is warmed up, then round 1 of each runs, then round 2, ..., so that drift in
 * the machine's speed hits them alike. A round is {@code calls} calls of one series, timed as a whole. The Java
 * client is the harness; each Python client is one {@code extra_bench.py series} process, which times its own
 * rounds ({@code time.perf_counter}) and prints them as {@code ROUND ID R CALLS SECONDS}.
 */
final class Rounds {
    /**
     * One series.
     *
     * @param client "java" or a Python peer's label ("py53", "py60")
     * @param dialect the Java client's dialect (ignored for Python clients)
     * @param kind what a call is; see {@link JavaScenario#payload} and {@code extra_bench.py}'s {@code series_call};
     *     "raw" (Java only): one transfer of {@code m.bytesPerCall} bytes to the raw sink
     *     ({@link JavaScenario#rawTransfer})
     * @param compress whether the client's side of the connection compresses
     */
    record Series(Measurement m, String client, int port, org.rpyc4j.api.Dialect dialect, String kind,
            boolean compress, int warmup, int calls) {
    }

    private Rounds() {
    }

    /** Runs every series, Java ones in this JVM, each Python client's in one process; files the rounds. */
    static void run(Extras x, List<Series> all, int rounds) throws Exception {
        Map<String, List<Series>> byClient = new LinkedHashMap<>();
        all.forEach(s -> byClient.computeIfAbsent(s.client(), k -> new ArrayList<>()).add(s));
        for (var e : byClient.entrySet()) {
            if (e.getKey().equals("java")) {
                java(e.getValue(), rounds);
            } else {
                python(x, x.peer(e.getKey()), e.getValue(), rounds);
            }
        }
    }

    private static void java(List<Series> series, int rounds) throws Exception {
        List<JavaScenario> open = new ArrayList<>();
        try {
            for (Series s : series) {
                open.add(s.kind().equals("raw") ? JavaScenario.rawTransfer(s.port(), (int) s.m().bytesPerCall)
                        : JavaScenario.payload(s.port(), s.dialect(), s.compress(), s.kind()));
            }
            for (int i = 0; i < series.size(); i++) {
                open.get(i).run(series.get(i).warmup());
            }
            for (int r = 1; r <= rounds; r++) {
                for (int i = 0; i < series.size(); i++) {
                    Series s = series.get(i);
                    Disturbance.Mark mark = Disturbance.mark();
                    long t0 = System.nanoTime();
                    open.get(i).run(s.calls());
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    s.m().addRound(s.calls(), seconds, Disturbance.foreignCpus(mark));
                    log(s, r, seconds);
                }
            }
        } finally {
            for (JavaScenario s : open) {
                s.close();
            }
        }
    }

    private static void python(Extras x, PythonPeer peer, List<Series> series, int rounds) {
        Map<String, Series> byId = new LinkedHashMap<>();
        List<String> args = new ArrayList<>(List.of("series", Integer.toString(rounds), x.smoke ? "300" : "900"));
        for (Series s : series) {
            byId.put(s.m().id, s);
            args.add(s.m().id + "=" + s.port() + ":" + s.kind() + ":" + (s.compress() ? "on" : "off") + ":"
                    + s.warmup() + ":" + s.calls());
        }
        x.pythonLines(peer, peer.label() + "-series-client", args, "ROUND", (f, foreign) -> {
            Series s = Objects.requireNonNull(byId.get(f[1]), () -> "unknown series " + f[1]);
            double seconds = Double.parseDouble(f[4]);
            s.m().addRound(Long.parseLong(f[3]), seconds, foreign);
            log(s, Integer.parseInt(f[2]), seconds);
        });
    }

    private static void log(Series s, int round, double seconds) {
        BenchMain.log("round %d %-36s %10.3f ms/call%s", round, s.m().id, seconds * 1e3 / s.calls(),
                s.m().bytesPerCall > 0 ? Extras.f(" %8.1f MB/s", s.m().bytesPerCall * s.calls() / seconds / 1e6)
                        : "");
    }
}
