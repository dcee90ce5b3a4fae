package org.rpyc4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Rpyc;

/**
 * Many idle connections to rpyc4j's {@code ThreadedServer} (a virtual thread per connection): the server's heap
 * (after a full GC) and resident set size before and after, per connection, and a brand-new client's connect and
 * first call while they are held.
 */
final class IdleConnections {
    private IdleConnections() {
    }

    static Map<String, Object> run(Extras x) throws Exception {
        int n = x.smoke ? 1_000 : 10_000;
        List<List<String>> rows = new ArrayList<>();
        try (Child server = x.javaChild("idle-server", "--serve-modes", x.smoke ? "120" : "600")) {
            int port = Extras.ports(server).get("THREADED");
            List<Connection> held = new ArrayList<>(n);
            try (Connection probe = Rpyc.connect("127.0.0.1", port)) {
                probe.root().callMethod("noop");
                long heapBefore = ((Number) probe.root().callMethod("usedHeap")).longValue();
                long rssBefore = Extras.rssKiB(server.pid());
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    Connection c = Rpyc.connect("127.0.0.1", port);
                    c.root().callMethod("noop");
                    held.add(c);
                }
                double openSeconds = (System.nanoTime() - t0) / 1e9;
                long heapAfter = ((Number) probe.root().callMethod("usedHeap")).longValue();
                long rssAfter = Extras.rssKiB(server.pid());
                double[] fresh = new double[20];
                for (int i = 0; i < fresh.length; i++) {
                    long s = System.nanoTime();
                    try (Connection c = Rpyc.connect("127.0.0.1", port)) {
                        c.root().callMethod("noop");
                        fresh[i] = (System.nanoTime() - s) / 1e3;
                    }
                }
                Arrays.sort(fresh);
                double heapPer = (heapAfter - heapBefore) / 1024.0 / n;
                double rssPer = (double) (rssAfter - rssBefore) / n;
                BenchMain.log("idle connections: %,d opened in %.1f s; server heap %+.1f KiB/conn, RSS %+.1f KiB/conn;"
                        + " new connect+call %.0f µs median", n, openSeconds, heapPer, rssPer, fresh[fresh.length / 2]);
                rows.add(List.of("server heap used (after `System.gc()`)", Extras.f("%,.1f MiB", heapBefore / 1048576.0),
                        Extras.f("%,.1f MiB", heapAfter / 1048576.0), Extras.f("%.1f", heapPer)));
                rows.add(List.of("server RSS (`/proc/PID/status` VmRSS)", Extras.f("%,.1f MiB", rssBefore / 1024.0),
                        Extras.f("%,.1f MiB", rssAfter / 1024.0), Extras.f("%.1f", rssPer)));
                x.target("idle-heap", Extras.f("%,d idle connections (threaded mode): server heap per connection under"
                        + " 64 KiB", n), Extras.f("%.1f KiB vs 64 KiB", heapPer), heapPer / 64, true, 1.0);
                String heapStatus = x.lastStatus();
                x.target("idle-rss", Extras.f("%,d idle connections (threaded mode): server RSS per connection under"
                        + " 64 KiB", n), Extras.f("%.1f KiB vs 64 KiB", rssPer), rssPer / 64, true, 1.0);
                String rssStatus = x.lastStatus();
                return Extras.table("idle-connections", Extras.f("%,d idle connections (threaded mode)", n), List.of(
                        Extras.f("The harness JVM opens %,d connections to rpyc4j's `ThreadedServer` (virtual thread per"
                                + " connection, default `ServerOptions`, its own child JVM with `ulimit -n 20000`), one"
                                + " after the other, each with `Rpyc.connect` and one `root().callMethod(\"noop\")`"
                                + " so it is fully set up, and keeps them open (took %.1f s). Server heap: a service"
                                + " method returns `totalMemory - freeMemory` after `System.gc()`, called on a probe"
                                + " connection opened before; RSS from `/proc`. Per connection: (after − before) / %,d.",
                                n, openSeconds, n),
                        Extras.f("While the %,d are held, a brand-new client's connect + first call took %.0f µs"
                                + " (median of %d; min %.0f, max %.0f).", n, fresh[fresh.length / 2], fresh.length,
                                fresh[0], fresh[fresh.length - 1]),
                        "Target (under 64 KiB per idle connection): heap " + heapStatus + ", RSS " + rssStatus + "."),
                        List.of("", "before", Extras.f("with %,d idle connections", n), "KiB per connection"), rows);
            } finally {
                held.forEach(Connection::close);
            }
        }
    }
}
