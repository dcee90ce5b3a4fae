package org.rpyc4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rpyc4j.api.Dialect;

/**
 * Callbacks: one call, {@code each(1000, f)}, in which the server calls the client's function {@code f} 1,000
 * times (1,000 nested round trips the other way), timed whole; Java and Python clients against rpyc4j and the
 * Python servers.
 */
final class Callbacks {
    static final int CALLBACKS = 1_000;

    /** A client, a server, and the pair ("client-server") a row is compared with ("": none). */
    private record Pair(String client, String server, String label, String comparedWith) {
    }

    private static final List<Pair> PAIRS = List.of(
            new Pair("java", "rpyc4j", "rpyc4j Java client → rpyc4j", "java-py53"),
            new Pair("java", "py53", "rpyc4j Java client → Python rpyc 5.3.0", ""),
            new Pair("py53", "rpyc4j", "Python rpyc 5.3.0 → rpyc4j", "py53-py53"),
            new Pair("py53", "py53", "Python rpyc 5.3.0 → Python rpyc 5.3.0", ""),
            new Pair("py60", "rpyc4j", "Python rpyc 6.0.1 → rpyc4j", "py60-py60"),
            new Pair("py60", "py60", "Python rpyc 6.0.1 → Python rpyc 6.0.1", ""));

    private Callbacks() {
    }

    static Map<String, Object> run(Extras x) throws Exception {
        int rounds = x.smoke ? 2 : 5;
        int warmup = x.smoke ? 0 : 2;
        int perRound = 1;
        List<Rounds.Series> series = new ArrayList<>();
        for (Pair p : PAIRS) {
            Measurement m = new Measurement(id(p.client() + "-" + p.server()), p.label(),
                    Payloads.client(x, p.client()), Payloads.server(p.server()),
                    "1 CALL + 1,000 nested CALLs back to the client");
            series.add(new Rounds.Series(m, p.client(), x.payloadServers(p.server()).get("COMPRESSED"),
                    p.server().equals("py53") ? Dialect.V5 : Dialect.V6, "callbacks" + CALLBACKS, true, warmup,
                    perRound));
        }
        Rounds.run(x, series, rounds);
        Map<String, Measurement> measured = new LinkedHashMap<>();
        series.forEach(s -> measured.put(s.m().id, s.m()));
        List<List<String>> rows = new ArrayList<>();
        for (Pair p : PAIRS) {
            Measurement m = measured.get(id(p.client() + "-" + p.server()));
            Measurement reference = p.comparedWith().isEmpty() ? null : measured.get(id(p.comparedWith()));
            double[] ms = Arrays.stream(m.microsPerCall()).map(us -> us / 1e3).toArray();
            rows.add(List.of(m.label, Extras.spread(ms, "%,.1f"), Extras.f("%,.1f", m.medianMicros() / CALLBACKS),
                    reference == null ? "" : Extras.ratio(reference.medianMicros(), m.medianMicros()) + " (vs "
                            + reference.label + ")",
                    Integer.toString(m.roundCalls.size())));
        }
        return Extras.table("callbacks", "Callbacks: 1,000 calls back into the client within one call", List.of(
                Extras.f("The client calls `each(%,d, f)`, passing a function of its own; the server calls `f(i)`"
                        + " for i from 0 to %,d, each a synchronous call back into the client (which serves it"
                        + " while it waits for `each` to return), and returns; the client checks that f ran %,d"
                        + " times. Timed: the whole call. Java client: `root().callMethod(\"each\", %d, f)` with"
                        + " a Java lambda (`IntConsumer`) as f (5.x dialect to Python 5.3); Python clients: a cached"
                        + " `each = conn.root.each` and a Python function. Servers: the payload servers (rpyc4j"
                        + " `ThreadedServer` of `PayloadService`, whose `each(int, IntConsumer)` calls the client's"
                        + " callable through a functional-interface view of the netref; Python `ThreadedServer`,"
                        + " `for i in range(n): f(i)`), default configuration. %d rounds of %d call(s) after %d"
                        + " warm-up call(s), interleaved.", CALLBACKS, CALLBACKS - 1, CALLBACKS, CALLBACKS, rounds,
                        perRound, warmup),
                "vs Python server: how many times faster the row's server is than the Python server for the same"
                        + " client (median times)."),
                List.of("client → server", "ms per call median (min–max)", "µs per callback (median)",
                        "vs Python server", "rounds"),
                rows, series.stream().map(Rounds.Series::m).toList());
    }

    private static String id(String pair) {
        return "callbacks-" + pair;
    }
}
