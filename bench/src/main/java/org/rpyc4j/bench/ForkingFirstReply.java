package org.rpyc4j.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Forking mode, connect-to-first-reply when a child is ready: rpyc4j's {@code ForkingServer} (a warm spare JVM
 * takes the connection) against Python rpyc 5.3's {@code ForkingServer} (forks on accept), one connection at a
 * time with a pause before each, from a Python 5.3 client and from the rpyc4j Java client. The pause gives the
 * server time to have a spare again, which is what the spare is for; back-to-back connections, which outrun the
 * spares, are in the connection-setup table.
 */
final class ForkingFirstReply {
    private ForkingFirstReply() {
    }

    static Map<String, Object> run(Extras x) throws Exception {
        int n = x.smoke ? 2 : 12;
        double gapSeconds = 1.5;
        List<List<String>> rows = new ArrayList<>();
        ConnectionSetup.Series[][] results = new ConnectionSetup.Series[2][2];   // [rpyc4j, Python][Python client, Java client]
        try (Child servers = x.javaChild("mode-servers", "--serve-modes", x.smoke ? "120" : "300");
                Child pyForking = x.python("py53-forking-server", "serve-mode", "forking")) {
            Integer ours = Extras.ports(servers).get("FORKING");
            if (ours == null) {
                return Extras.table("forking-first-reply", "Forking mode: connect-to-first-reply with a ready child",
                        List.of("Not measured: the forking mode needs 64-bit Linux."), List.of("server"), List.of());
            }
            int[] ports = {ours, Extras.port(pyForking)};
            String[] names = {"rpyc4j forking", "Python rpyc 5.3.0 forking"};
            for (int s = 0; s < 2; s++) {
                String[] r;
                try (Child client = x.python("py53-connect-paced", "connect-paced", Integer.toString(ports[s]),
                        Integer.toString(n), Double.toString(gapSeconds))) {
                    r = Extras.result(client, Duration.ofSeconds(120));
                }
                results[s][0] = ConnectionSetup.series(r);
                // one untimed connection first, as the Python client makes: the client's own first-time costs
                results[s][1] = ConnectionSetup.javaSeries(ConnectionSetup.rpycConnection(ports[s], s == 1), 1,
                        Double.POSITIVE_INFINITY, n, Double.POSITIVE_INFINITY, gapSeconds);
                BenchMain.log("forking first reply %-26s Python client %s µs, Java client %s µs", names[s],
                        results[s][0].firstReplyCell(), results[s][1].firstReplyCell());
                rows.add(List.of(names[s], results[s][0].firstReplyCell(), results[s][1].firstReplyCell()));
            }
        }
        String[] clients = {"Python 5.3 client", "Java client"};
        List<String> status = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            x.target("forking-first-reply-" + c, "forking mode (" + clients[c] + "): connect-to-first-reply with a"
                    + " ready child within 2× Python's ForkingServer",
                    Extras.f("%,.0f µs vs %,.0f µs", results[0][c].firstReplyMicros(), results[1][c].firstReplyMicros()),
                    results[0][c].firstReplyMicros() / results[1][c].firstReplyMicros(), true, 2.0);
            status.add(clients[c] + ": " + x.lastStatus());
        }
        return Extras.table("forking-first-reply", "Forking mode: connect-to-first-reply with a ready child", List.of(
                Extras.f("Each series: %d connections, one at a time, each after a %.1f s pause (and one untimed"
                        + " connection first, for the client's own first-time costs): `connect`, one `root.noop()`"
                        + " call, timed to its answer, then `close`. The pause lets rpyc4j's `ForkingServer` have a"
                        + " warm spare JVM accepting again (a spare starts in about 0.7 s here, 50 ms after the"
                        + " previous one took its connection); Python's `ForkingServer` forks on each accept. The"
                        + " Python client is rpyc 5.3.0, timed with `time.perf_counter`; the Java client is the"
                        + " harness JVM (`Rpyc.connect` + `root().callMethod(\"noop\")`, 5.x dialect to Python)."
                        + " rpyc4j: default `ServerOptions` (one spare), in the serving-mode JVM of the"
                        + " connection-setup table. All on 127.0.0.1.", n, gapSeconds),
                "Cells: median (fastest–slowest) µs from starting the connect to the answer of the first call.",
                "Target (connect-to-first-reply within 2× Python's ForkingServer): " + String.join("; ", status)
                        + ". Connections that come faster than spares start wait for one: see the forking rows"
                        + " of the connection-setup table."),
                List.of("server", "Py 5.3 client first reply µs", "Java client first reply µs"), rows);
    }
}
