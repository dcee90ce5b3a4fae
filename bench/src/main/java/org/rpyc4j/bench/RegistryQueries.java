package org.rpyc4j.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rpyc4j.api.RegistryClient;
import org.rpyc4j.api.RegistryClientOptions;
import org.rpyc4j.api.RegistryServer;
import org.rpyc4j.api.RegistryServerOptions;
import org.rpyc4j.registry.QueryBenchmark;
import org.rpyc4j.spi.registry.Registries;

/**
 * Registry QUERY round trips per second: rpyc4j's UDP registry against Python rpyc 5.3's
 * {@code UDPRegistryServer}, each queried by the same Python client ({@code UDPRegistryClient.discover}) and by the
 * rpyc4j Java client ({@link QueryBenchmark}); plus rpyc4j's QUERY time with 10,000 services registered.
 */
final class RegistryQueries {
    private static final String NAME = "BENCHNOOP";

    private RegistryQueries() {
    }

    /** Datagram round trips/s, each from a fresh socket (as a registry client's QUERY) to an echo server. */
    private static double rawQueries(int port, Duration warmup, Duration duration) throws IOException {
        byte[] request = new byte[32];
        byte[] buffer = new byte[2048];
        InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        long warmupEnd = System.nanoTime() + warmup.toNanos();
        long start = 0;
        long end = Long.MAX_VALUE;
        long count = 0;
        for (boolean warming = true; ; ) {
            long now = System.nanoTime();
            if (warming && now >= warmupEnd) {
                warming = false;
                start = now;
                end = now + duration.toNanos();
            } else if (!warming && now >= end) {
                return count / ((now - start) / 1e9);
            }
            try (DatagramSocket socket = new DatagramSocket()) {
                socket.send(new DatagramPacket(request, request.length, target));
                socket.setSoTimeout(2000);
                socket.receive(new DatagramPacket(buffer, buffer.length));
            }
            if (!warming) {
                count++;
            }
        }
    }

    static Map<String, Object> run(Extras x) throws Exception {
        Duration warmup = Duration.ofSeconds(1);
        Duration duration = Duration.ofSeconds(x.smoke ? 1 : 5);
        List<List<String>> rows = new ArrayList<>();
        double[] py = new double[2];   // Python client: {rpyc4j, Python} queries/s
        double[] jv = new double[2];
        RegistryServerOptions options = RegistryServerOptions.builder().host("127.0.0.1").port(0).build();
        try (RegistryServer ours = Registries.server("UDP", options).start();
                Child theirs = x.python("py53-registry", "serve-registry")) {
            int[] ports = {ours.port(), Extras.port(theirs)};
            String[] names = {"rpyc4j UDP registry", "Python rpyc 5.3.0 `UDPRegistryServer`"};
            for (int i = 0; i < 2; i++) {
                try (RegistryClient client = Registries.client("UDP", RegistryClientOptions.of("127.0.0.1",
                        ports[i]))) {
                    if (!client.register(List.of(NAME), 18861, "127.0.0.1")) {
                        throw new IllegalStateException(names[i] + " did not acknowledge REGISTER");
                    }
                    String[] r;
                    try (Child c = x.python("py53-registry-client", "query", Integer.toString(ports[i]), NAME,
                            Double.toString(warmup.toMillis() / 1e3), Double.toString(duration.toMillis() / 1e3))) {
                        r = Extras.result(c, Duration.ofSeconds(120));
                    }
                    py[i] = Long.parseLong(r[1]) / Double.parseDouble(r[3]);
                    rows.add(List.of(names[i], "Python rpyc 5.3.0 `UDPRegistryClient.discover`", Extras.f("%,.0f", py[i]),
                            Extras.f("%.1f", 1e6 / py[i]), r[2]));
                    QueryBenchmark.Result j = QueryBenchmark.measure(client, NAME, 1, warmup, duration);
                    jv[i] = j.queriesPerSecond();
                    rows.add(List.of(names[i], "rpyc4j Java `RegistryClient.discover` (`QueryBenchmark`)",
                            Extras.f("%,.0f", jv[i]), Extras.f("%.1f", j.microsPerQuery()),
                            Long.toString(j.unanswered())));
                    BenchMain.log("registry %s: Python client %,.0f q/s, Java client %s", names[i], py[i], j);
                }
            }
        }
        // the floor: what a QUERY costs on the wire (a fresh socket, one datagram each way) against an echo server
        double[] floor = new double[2];   // {Python client, Java client} datagram round trips/s
        try (UdpEchoServer echo = UdpEchoServer.start()) {
            String[] r;
            try (Child c = x.python("py53-udp-raw-client", "query-raw", Integer.toString(echo.port()),
                    Double.toString(warmup.toMillis() / 1e3), Double.toString(duration.toMillis() / 1e3))) {
                r = Extras.result(c, Duration.ofSeconds(120));
            }
            floor[0] = Long.parseLong(r[1]) / Double.parseDouble(r[3]);
            floor[1] = rawQueries(echo.port(), warmup, duration);
        }
        BenchMain.log("registry floor (UDP echo): Python client %,.0f round trips/s, Java client %,.0f", floor[0],
                floor[1]);
        rows.add(List.of("floor: UDP echo server (Java, one thread)", "Python: fresh socket, `sendto`, `recvfrom`,"
                + " close", Extras.f("%,.0f", floor[0]), Extras.f("%.1f", 1e6 / floor[0]), "0"));
        rows.add(List.of("floor: UDP echo server (Java, one thread)", "Java: fresh `DatagramSocket`, send, receive,"
                + " close", Extras.f("%,.0f", floor[1]), Extras.f("%.1f", 1e6 / floor[1]), "0"));
        QueryBenchmark.Result one = QueryBenchmark.loopback("UDP", 1, 1, warmup, duration);
        QueryBenchmark.Result many = QueryBenchmark.loopback("UDP", 1, 10_000, warmup, duration);
        BenchMain.log("registry loopback: 1 registered %s; 10,000 registered %s", one, many);
        rows.add(List.of("rpyc4j UDP registry, 1 service registered", "rpyc4j Java (`QueryBenchmark.loopback`)",
                Extras.f("%,.0f", one.queriesPerSecond()), Extras.f("%.1f", one.microsPerQuery()),
                Long.toString(one.unanswered())));
        rows.add(List.of("rpyc4j UDP registry, 10,000 services registered", "rpyc4j Java (`QueryBenchmark.loopback`)",
                Extras.f("%,.0f", many.queriesPerSecond()), Extras.f("%.1f", many.microsPerQuery()),
                Long.toString(many.unanswered())));
        x.target("registry-py", "registry QUERY, Python 5.3 client: rpyc4j UDP registry at least 5× Python's",
                Extras.f("%,.0f vs %,.0f queries/s", py[0], py[1]), py[0] / py[1], false, 5.0, floor[0] / py[1],
                "datagram round trips to an echo server");
        String pyStatus = x.lastStatus();
        x.target("registry-java", "registry QUERY, Java client: rpyc4j UDP registry at least 5× Python's",
                Extras.f("%,.0f vs %,.0f queries/s", jv[0], jv[1]), jv[0] / jv[1], false, 5.0, floor[1] / jv[1],
                "datagram round trips to an echo server");
        String jvStatus = x.lastStatus();
        return Extras.table("registry", "Registry QUERY round trips", List.of(
                Extras.f("One caller, one QUERY at a time over UDP on 127.0.0.1, for %d s after %d s of warm-up. The"
                        + " rpyc4j registry (`Registries.server(\"UDP\", ...)`, in the harness JVM) and Python rpyc"
                        + " 5.3.0's `UDPRegistryServer` (its own process, started by the harness) each hold one"
                        + " registered name; the same Python client (`UDPRegistryClient(ip=\"127.0.0.1\","
                        + " port=...).discover(name)` in a loop) and the rpyc4j Java client"
                        + " (`QueryBenchmark.measure`, one thread) query them in turn. The last two rows are"
                        + " `QueryBenchmark.loopback` (a fresh rpyc4j registry with 1 or 10,000 registered names,"
                        + " client in the same JVM). The floor rows do on the wire what a QUERY does (a fresh"
                        + " socket, one datagram of a QUERY's size each way) against a UDP echo server, from the"
                        + " same clients' languages: no registry can answer faster than that.", duration.toSeconds(),
                        warmup.toSeconds()),
                Extras.f("Rpyc4j vs Python: %.2f× (Python client), %.2f× (Java client). Target (≥ 5×): Python client"
                        + " %s, Java client %s. With 10,000 services registered a QUERY takes %.1f µs (%.1f µs with"
                        + " one).", py[0] / py[1], jv[0] / jv[1], pyStatus, jvStatus, many.microsPerQuery(),
                        one.microsPerQuery())),
                List.of("registry", "client", "queries/s", "µs/query", "unanswered"), rows);
    }
}
