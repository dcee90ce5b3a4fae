package org.rpyc4j.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rpyc4j.testkit.JavaTestServer;
import org.rpyc4j.testkit.PythonProcess;
import org.rpyc4j.testkit.PythonRpyc;

/**
 * The measurement behind BENCHMARKS.md's "pulling a large collection": a stock Python rpyc 5.3.0 classic client
 * pulls a remote list of 10,000 ints, held by the rpyc4j classic service (a {@code java.util.ArrayList}) and by
 * Python's {@code rpyc_classic} (a Python list), four ways: {@code list(x)} (one request per item, the same for
 * both servers), {@code list(rpyc.buffiter(x))} (BUFFITER batches), {@code rpyc.classic.obtain(x)} (one PICKLE;
 * rpyc4j answers with a pickle of plain data) and {@code list(conn.builtins.tuple(x))} (one CALL; the tuple
 * travels by value). Prints the table (and writes {@code target/list-transfer.md}); asserts only the request
 * counts, not timings.
 */
class ListTransferInteropTest {
    @Test
    void pullTenThousandItems() throws Exception {
        PythonRpyc peer = PythonRpyc.v5();
        peer.assumeAvailable();
        List<String> lines = new ArrayList<>();
        try (JavaTestServer java = JavaTestServer.start(ClassicService.factory(), ClassicService.config());
             PythonClassicServer python = PythonClassicServer.start(peer);
             PythonProcess client = PythonProcess.start(peer, Duration.ofSeconds(240),
                     ClassicServiceInteropTest.text("classic/list_transfer.py"),
                     "rpyc4j", String.valueOf(java.port()), "rpyc_classic", String.valueOf(python.port()))) {
            Duration timeout = Duration.ofSeconds(120);
            for (String line = client.readLine(timeout); !"DONE".equals(line); line = client.readLine(timeout)) {
                assertNotNull(line, () -> "the client ended early: " + lines + "\n" + client.stderr());
                lines.add(line);
            }
            assertEquals(0, client.waitFor(timeout), client::stderr);
        }
        List<Map<String, String>> figures = lines.stream().filter(l -> l.startsWith("FIGURE ")).map(l -> {
            Map<String, String> f = new LinkedHashMap<>();
            for (String kv : l.substring("FIGURE ".length()).split(" ")) {
                f.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
            return f;
        }).toList();
        assertEquals(8, figures.size(), lines::toString);
        StringBuilder table = new StringBuilder("""
                | server | way | requests | median ms | min ms |
                | --- | --- | ---: | ---: | ---: |
                """);
        for (Map<String, String> f : figures) {
            table.append("| ").append(f.get("server")).append(" | `").append(f.get("way")).append("` | ")
                    .append(f.get("requests")).append(" | ").append(f.get("median_ms")).append(" | ")
                    .append(f.get("min_ms")).append(" |\n");
            int requests = Integer.parseInt(f.get("requests"));
            if (f.get("way").equals("list")) {
                assertTrue(requests > 10_000, f::toString);           // one per item, on either server
            } else {
                assertTrue(requests <= 20, f::toString);              // a handful, whatever the size
            }
        }
        System.out.println("list(x) of 10,000 ints, Python rpyc 5.3.0 classic client, loopback:\n" + table);
        Files.writeString(Path.of("target", "list-transfer.md"), table);
    }
}
