package org.rpyc4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Launcher start-up: from spawning {@code bin/rpyc_classic} / {@code bin/rpyc_registry} of the jlink image, and
 * Python rpyc 5.3's {@code rpyc_classic} / {@code rpyc_registry}, to their "server started" log line; then
 * SIGTERM. Rounds interleaved. Plus the image's size.
 */
final class LauncherStartup {
    /** Python's rpyc_registry has no --host switch: the same entry point, with the UDP server bound to loopback. */
    private static final String PY_REGISTRY = "import sys, rpyc.utils.registry as r\n"
            + "init = r.UDPRegistryServer.__init__\n"
            + "r.UDPRegistryServer.__init__ = lambda self, host=None, *a, **k: init(self, '127.0.0.1', *a, **k)\n"
            + "from rpyc.cli.rpyc_registry import main\n"
            + "sys.argv = ['rpyc_registry', '-p', '0']\n"
            + "main()\n";

    private LauncherStartup() {
    }

    static Map<String, Object> run(Extras x) throws Exception {
        Path image = x.root.resolve("distribution/target/rpyc4j");
        int rounds = x.smoke ? 2 : 10;
        Map<String, List<String>> launchers = new LinkedHashMap<>();
        launchers.put("rpyc4j `bin/rpyc_classic`",
                List.of(image.resolve("bin/rpyc_classic").toString(), "--host", "127.0.0.1", "-p", "0"));
        launchers.put("Python rpyc 5.3.0 `rpyc_classic`",
                List.of(PythonPeer.PYTHON.toString(), "/usr/bin/rpyc_classic", "--host", "127.0.0.1", "-p", "0"));
        launchers.put("rpyc4j `bin/rpyc_registry`",
                List.of(image.resolve("bin/rpyc_registry").toString(), "--host", "127.0.0.1", "-p", "0"));
        launchers.put("Python rpyc 5.3.0 `rpyc_registry`", List.of(PythonPeer.PYTHON.toString(), "-c", PY_REGISTRY));
        Map<String, double[]> ms = new LinkedHashMap<>();
        launchers.keySet().forEach(k -> ms.put(k, new double[rounds]));
        for (int r = 0; r < rounds; r++) {
            for (var e : launchers.entrySet()) {
                ms.get(e.getKey())[r] = startUp(e.getValue());
            }
        }
        List<List<String>> rows = new ArrayList<>();
        ms.forEach((k, v) -> {
            double[] s = v.clone();
            Arrays.sort(s);
            rows.add(List.of(k, Extras.f("%.0f", s[s.length / 2]), Extras.f("%.0f", s[0]),
                    Extras.f("%.0f", s[s.length - 1])));
            BenchMain.log("start-up %-36s median %.0f ms", k, s[s.length / 2]);
        });
        long imageBytes;
        try (Stream<Path> files = Files.walk(image)) {
            imageBytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        String tar = "no .tar.gz found";
        try (Stream<Path> files = Files.list(image.getParent())) {
            for (Path p : files.filter(p -> p.toString().endsWith(".tar.gz")).toList()) {
                tar = Extras.f("`%s`: %.1f MiB", p.getFileName(), Files.size(p) / 1048576.0);
            }
        }
        return Extras.table("launcher-startup", "Launcher start-up", List.of(
                Extras.f("Time from spawning a launcher to its \"server started\" log line (stderr), %d rounds with"
                        + " the launchers interleaved; each then gets SIGTERM. Every launcher binds 127.0.0.1 on an"
                        + " ephemeral port (`-p 0`). Python's `rpyc_registry` has no `--host` switch, so it runs"
                        + " as `python3 -c` calling the same `rpyc.cli.rpyc_registry.main` with `UDPRegistryServer`"
                        + " bound to 127.0.0.1. No target is set for start-up.", rounds),
                Extras.f("Image `distribution/target/rpyc4j`: %.1f MiB on disk (sum of file sizes); %s.",
                        imageBytes / 1048576.0, tar)),
                List.of("launcher", "ms median", "min", "max"), rows);
    }

    /** Milliseconds from spawn to "server started"; the process is then ended. */
    private static double startUp(List<String> command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread.ofVirtual().start(() -> {   // a launcher that never starts is ended, which ends the read below
            try {
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException ignored) {
                p.destroyForcibly();
            }
        });
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            p.getOutputStream().close();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.contains("server started")) {
                    return (System.nanoTime() - t0) / 1e6;
                }
            }
            throw new IOException(command + " ended without \"server started\"");
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
