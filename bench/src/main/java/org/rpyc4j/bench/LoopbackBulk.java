package org.rpyc4j.bench;

import java.util.List;
import java.util.Map;
import org.rpyc4j.api.Dialect;

/**
 * The bulk-throughput floor: how fast raw TCP carries bytes over loopback, Java to Java, blocking sockets,
 * TCP_NODELAY; the payload group ({@link Payloads}) compares its transfers with it.
 */
final class LoopbackBulk {
    static final int TRANSFER = 16 << 20;

    private LoopbackBulk() {
    }

    static Map<String, Object> run(Extras x) throws Exception {
        int rounds = x.smoke ? 3 : 7;
        int perRound = x.smoke ? 1 : 4;
        Measurement m = new Measurement("raw-bulk", "Raw loopback bulk transfer (floor)",
                "Java, platform thread, blocking socket, TCP_NODELAY, 1 MiB writes",
                "Java sink, platform thread per connection, 256 KiB reads", "16 MiB one way, 1-byte answer")
                .bytesPerCall(TRANSFER);
        Rounds.run(x, List.of(new Rounds.Series(m, "java", x.payloadServers("rpyc4j").get("RAW"), Dialect.V6, "raw",
                false, perRound, perRound)), rounds);
        x.bulkFloor = m;
        BenchMain.log("raw loopback bulk: %s MB/s", Extras.spread(m.megabytesPerSecond(), "%,.0f"));
        return Extras.table("raw-bulk", "Raw loopback bulk throughput (floor)", List.of(
                Extras.f("The floor of the payload figures: the harness JVM sends 16 MiB transfers (an 8-byte length,"
                        + " then the bytes in 1 MiB `write`s) over one loopback TCP connection to a sink in the"
                        + " payload server JVM (`--serve-payload`), which reads them with a 256 KiB buffer and"
                        + " answers each with one byte; blocking sockets, TCP_NODELAY, a platform thread at each end."
                        + " %d rounds of %d transfers after %d warm-up transfers; MB/s = 10^6 bytes per second, one"
                        + " way.", rounds, perRound, perRound)),
                List.of("benchmark", "client", "server", "per call", "MB/s median (min–max)", "transfers/s median",
                        "rounds"),
                List.of(List.of(m.label, m.client, m.server, m.perCall, Extras.spread(m.megabytesPerSecond(), "%,.0f"),
                        Extras.f("%,.1f", m.medianCallsPerSecond()), Integer.toString(rounds))),
                List.of(m));
    }
}
