package org.rpyc4j.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Figures measured by tools of other modules, run from the harness and included as they print them: the TLS
 * benchmark ({@code auth-ssl/run-ssl-bench.sh}) and classic's list-transfer interop test.
 */
final class ToolTables {
    private ToolTables() {
    }

    /** auth-ssl's SslBenchmark via its script; its Markdown table without its own heading. */
    static Map<String, Object> tls(Extras x) {
        List<String> cmd = new ArrayList<>(List.of(x.root.resolve("auth-ssl/run-ssl-bench.sh").toString()));
        if (x.smoke) {
            cmd.add("--smoke");
        }
        StringBuilder body = new StringBuilder();
        try (Child c = Child.start("ssl-bench", cmd, Map.of(), x.logs)) {
            boolean in = false;
            String line;
            while ((line = c.nextLine(Duration.ofMinutes(15))) != null) {
                if (line.startsWith("## TLS")) {
                    in = true;
                } else if (in) {
                    body.append(line).append('\n');
                }
            }
            if (c.waitFor(Duration.ofSeconds(30)) != 0 || !in) {
                throw new IllegalStateException(c + " failed:\n" + c.tail());
            }
        }
        BenchMain.log("TLS: auth-ssl/run-ssl-bench.sh done");
        return Extras.markdown("tls", "TLS (auth-ssl)", List.of(
                "Measured by `auth-ssl/run-ssl-bench.sh" + (x.smoke ? " --smoke" : "") + "` (auth-ssl's"
                        + " `SslBenchmark`), run by the harness in the same run; its output follows as printed. No"
                        + " target is set for TLS."), body.toString().strip());
    }

    /** classic's ListTransferInteropTest (list(java_list) of 10,000 items vs Python's rpyc_classic). */
    static Map<String, Object> listTransfer(Extras x) throws Exception {
        Path out = x.root.resolve("classic/target/list-transfer.md");
        Files.deleteIfExists(out);
        List<String> cmd = List.of("mvn", "-B", "-o", "-q", "-f", x.root.resolve("pom.xml").toString(), "test",
                "-pl", "classic", "-Dtest=ListTransferInteropTest", "-Dsurefire.failIfNoSpecifiedTests=false");
        try (Child c = Child.start("list-transfer", cmd, Map.of(), x.logs)) {
            while (c.nextLine(Duration.ofMinutes(10)) != null) {
                // output goes to the log via the test's report file
            }
            if (c.waitFor(Duration.ofSeconds(30)) != 0 || !Files.isRegularFile(out)) {
                throw new IllegalStateException(c + " failed:\n" + c.tail());
            }
        }
        BenchMain.log("list transfer: classic ListTransferInteropTest done");
        String body = Files.readString(out).strip();
        if (body.startsWith("#")) {
            body = body.substring(body.indexOf('\n') + 1).strip();
        }
        return Extras.markdown("list-transfer", "List transfer (classic)", List.of(
                "Measured by classic's `ListTransferInteropTest` (`mvn -B -o test -pl classic"
                        + " -Dtest=ListTransferInteropTest`, its Python side `classic/list_transfer.py`), run by the"
                        + " harness in the same run; its table (`classic/target/list-transfer.md`) follows as"
                        + " printed."), body);
    }
}
