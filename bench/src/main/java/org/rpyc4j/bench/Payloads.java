package org.rpyc4j.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rpyc4j.api.Dialect;

/**
 * Payloads: {@code echo(x)} of a 100-character str, 1 MiB and 16 MiB of bytes and a 10,000-int tuple, with
 * compression on (rpyc's default) and off, for each pair of client (Java, Python 5.3, Python 6.0.1) and server
 * (rpyc4j, the Python server) measured; bytes in MB/s against the raw loopback floor ({@link LoopbackBulk}).
 */
final class Payloads {
    /** A payload kind: its {@code series} name, what the table calls it, its size in bytes (0: not a transfer). */
    private record Kind(String kind, String label, long bytes) {
    }

    /** A client and a server of one column. */
    private record Pair(String client, String server, String label) {
    }

    private static final List<Kind> KINDS = List.of(new Kind("str100", "100-character str", 0),
            new Kind("bytes1m", "1 MiB bytes", 1 << 20), new Kind("bytes16m", "16 MiB bytes", 16 << 20),
            new Kind("tuple10k", "10,000-int tuple", 0));

    private static final List<Pair> PAIRS = List.of(new Pair("java", "rpyc4j", "Java → rpyc4j"),
            new Pair("java", "py53", "Java → Py 5.3"), new Pair("py53", "rpyc4j", "Py 5.3 → rpyc4j"),
            new Pair("py53", "py53", "Py 5.3 → Py 5.3"), new Pair("py60", "rpyc4j", "Py 6.0 → rpyc4j"),
            new Pair("py60", "py60", "Py 6.0 → Py 6.0"));

    private Payloads() {
    }

    static Map<String, Object> run(Extras x) throws Exception {
        int rounds = x.smoke ? 1 : 3;
        Map<String, Measurement> all = new LinkedHashMap<>();
        List<Rounds.Series> series = new ArrayList<>();
        for (Pair p : PAIRS) {
            Map<String, Integer> ports = x.payloadServers(p.server());
            for (Kind k : KINDS) {
                for (boolean compress : List.of(true, false)) {
                    // a 100-character str is far below the compression threshold (3000 bytes): one series;
                    // a smoke run leaves out the slow compressed 16 MiB echoes
                    if (!compress && k.kind().equals("str100") || compress && x.smoke && k.bytes() > 1 << 20) {
                        continue;
                    }
                    int[] counts = counts(k, x.smoke);
                    Measurement m = new Measurement(id(k, compress, p), k.label() + ", compression "
                            + (compress ? "on" : "off") + ", " + p.label(), client(x, p.client()), server(p.server()),
                            "echo: 1 CALL round trip, the payload both ways").bytesPerCall(2 * k.bytes());
                    all.put(m.id, m);
                    series.add(new Rounds.Series(m, p.client(), ports.get(compress ? "COMPRESSED" : "PLAIN"),
                            p.server().equals("py53") ? Dialect.V5 : Dialect.V6, k.kind(), compress, counts[0],
                            counts[1]));
                }
            }
        }
        Rounds.run(x, series, rounds);

        Measurement floor = x.bulkFloor;
        double floorMBps = floor == null ? Double.NaN : Measurement.median(floor.megabytesPerSecond());
        List<List<String>> rows = new ArrayList<>();
        for (Kind k : KINDS) {
            for (boolean compress : List.of(true, false)) {
                if (!all.containsKey(id(k, compress, PAIRS.getFirst()))) {
                    continue;
                }
                List<String> row = new ArrayList<>(List.of(k.label(), k.kind().equals("str100") ? "n/a (below"
                        + " threshold)" : compress ? "on" : "off", k.bytes() > 0 ? "MB/s" : "echoes/s"));
                for (Pair p : PAIRS) {
                    Measurement m = all.get(id(k, compress, p));
                    row.add(Extras.spread(k.bytes() > 0 ? m.megabytesPerSecond() : m.callsPerSecond(),
                            k.bytes() > 0 ? "%,.1f" : "%,.0f"));
                }
                List<String> ratios = new ArrayList<>();
                for (String client : List.of("java", "py53", "py60")) {
                    String python = client.equals("py60") ? "py60" : "py53";
                    ratios.add(Extras.ratio(median(all, k, compress, client, "rpyc4j"),
                            median(all, k, compress, client, python)));
                }
                row.add(String.join(" / ", ratios));
                row.add(k.bytes() > 0 ? Extras.ratio(Measurement.median(all.get(id(k, compress, PAIRS.getFirst()))
                        .megabytesPerSecond()), floorMBps) : "");
                rows.add(row);
            }
        }
        List<String> status = new ArrayList<>();
        Measurement big = all.get(id(KINDS.get(2), !x.smoke, PAIRS.getFirst()));
        if (floor != null && big != null) {
            double ours = Measurement.median(big.megabytesPerSecond());
            x.target("payload-16m", "16 MiB bytes (Java client → rpyc4j server, echo, compression "
                    + (x.smoke ? "off in smoke runs" : "on, the default") + "): at least half the raw loopback"
                    + " throughput", Extras.f("%,.0f vs %,.0f MB/s", ours, floorMBps), ours / floorMBps, false,
                    0.5);
            status.add("16 MiB at least half the raw loopback floor: " + x.lastStatus());
        }
        List<String> columns = new ArrayList<>(List.of("payload", "compression", "unit"));
        PAIRS.forEach(p -> columns.add(p.label() + " median (min–max)"));
        columns.add("rpyc4j ÷ Python server (Java / Py 5.3 / Py 6.0 clients)");
        columns.add("Java → rpyc4j ÷ raw floor");
        return Extras.table("payloads", "Payloads: echo of a str, bytes and a tuple, compression on and off",
                List.of(Extras.f("Each call is `echo(x)`, which returns its argument: the payload goes to the server"
                        + " and comes back, by value both ways (brine), and the client checks the size of what came"
                        + " back. Payloads: a 100-character str; 1 MiB and 16 MiB of pseudo-random bytes"
                        + " (incompressible, like compressed files or media); a tuple of the ints 0 to 9,999"
                        + " (compressible). %d round(s) per series, interleaved, after warm-up calls; per round: %s"
                        + " calls.", rounds, String.join(", ", KINDS.stream().map(k -> k.label() + " "
                                + counts(k, x.smoke)[1]).toList())),
                        "Compression is a per-connection setting in both: rpyc's channel compresses (zlib level 1)"
                                + " every frame over 3000 bytes when `conn._channel.compress` is true (the default),"
                                + " and rpyc4j when `ProtocolConfig.compressionThreshold` is 3000 (the default) but"
                                + " only where it pays (it tries a sample first, so incompressible bytes go"
                                + " plain); -1 turns it off. \"on\": both ends at their defaults; \"off\": the client"
                                + " sets it off on its connection and talks to a server that has it off (rpyc4j:"
                                + " `compressionThreshold(-1)`; Python: `compress = False` in `on_connect`).",
                        "Clients: the harness JVM (`root().callMethod(\"echo\", x)`, one CALLATTR round trip; 5.x"
                                + " dialect to Python 5.3) and one Python process per rpyc version (a cached"
                                + " `echo = conn.root.echo`, one CALL round trip). Servers: rpyc4j `ThreadedServer`"
                                + " of `PayloadService` in a `--serve-payload` JVM; Python `ThreadedServer` of the"
                                + " same service in `extra_bench.py serve-payload`, one process per rpyc version.",
                        "MB/s counts the payload both ways (2 × its size per echo, 10^6 bytes per MB), so it"
                                + " compares directly with the one-way raw loopback floor"
                                + (floor == null ? " (not measured in this run)" : Extras.f(" of this run, %,.0f"
                                        + " MB/s", floorMBps)) + ". rpyc4j ÷ Python server: the medians of the same"
                                + " client against rpyc4j and against its Python server (Java clients: Python 5.3)."
                                + (status.isEmpty() ? "" : " Target: " + String.join("; ", status) + ".")),
                columns, rows, List.copyOf(all.values()));
    }

    /** {warm-up calls, calls per round} of a kind. */
    private static int[] counts(Kind k, boolean smoke) {
        return switch (k.kind()) {
            case "str100" -> smoke ? new int[] {50, 100} : new int[] {2000, 500};
            case "bytes1m" -> smoke ? new int[] {1, 1} : new int[] {2, 4};
            // one 16 MiB echo is a single 20-300 ms event that one GC pause can double: warm up, then three
            case "bytes16m" -> smoke ? new int[] {0, 1} : new int[] {1, 3};
            default -> smoke ? new int[] {1, 2} : new int[] {3, 5};
        };
    }

    private static String id(Kind k, boolean compress, Pair p) {
        return "payload-" + k.kind() + "-" + (compress ? "on" : "off") + "-" + p.client() + "-" + p.server();
    }

    private static double median(Map<String, Measurement> all, Kind k, boolean compress, String client,
            String server) {
        Measurement m = all.get(id(k, compress, new Pair(client, server, "")));
        return m == null ? Double.NaN : m.medianCallsPerSecond();
    }

    static String client(Extras x, String client) {
        return client.equals("java") ? "rpyc4j Java client" : "Python rpyc " + x.peer(client).version() + " client";
    }

    static String server(String server) {
        return switch (server) {
            case "rpyc4j" -> "rpyc4j `ThreadedServer`";
            case "py53" -> "Python rpyc 5.3.0 `ThreadedServer`";
            default -> "Python rpyc 6.0.1 `ThreadedServer`";
        };
    }
}
