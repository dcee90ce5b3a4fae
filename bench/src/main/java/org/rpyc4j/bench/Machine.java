package org.rpyc4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the benchmarks ran on. */
final class Machine {
    private Machine() {
    }

    static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nproc", Runtime.getRuntime().availableProcessors());
        m.put("cpu", procField("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch")));
        m.put("memory", procField("/proc/meminfo", "MemTotal")
                .map(Machine::gib).orElse("?"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        m.put("jvmFlags", jvmFlags().isEmpty() ? "(defaults)" : String.join(" ", jvmFlags()));
        return m;
    }

    /**
     * The project's git commit and whether the measured code (api, core) has uncommitted changes, e.g.
     * {@code "d744bbc"} or {@code "d744bbc + uncommitted changes in api/core (3 files)"}; "?" without git.
     */
    static String codeVersion(Path root) {
        try {
            String head = run(root, "git", "rev-parse", "--short", "HEAD").strip();
            long dirty = run(root, "git", "status", "--porcelain", "--", "api", "core").lines()
                    .filter(l -> !l.isBlank()).count();
            return dirty == 0 ? head : head + " + uncommitted changes in api/core (" + dirty + " files)";
        } catch (IOException | RuntimeException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    /** The 1, 5 and 15 minute load averages, e.g. {@code "0.12 0.30 0.25"}, or "?" off Linux. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /**
     * The fraction of the machine's CPU time that was idle during the next {@code sample} (from /proc/stat), or
     * -1 off Linux. Tells whether other work was running when the benchmarks started.
     */
    static double idleFraction(java.time.Duration sample) throws InterruptedException {
        long[] before = cpuTimes();
        Thread.sleep(sample);
        long[] after = cpuTimes();
        if (before == null || after == null) {
            return -1;
        }
        long total = after[0] - before[0];
        return total <= 0 ? -1 : (double) (after[1] - before[1]) / total;
    }

    /** {total, idle + iowait} jiffies of all CPUs, or null. */
    @javax.annotation.Nullable
    private static long[] cpuTimes() {
        try {
            String line = Files.readAllLines(Path.of("/proc/stat")).getFirst();
            String[] f = line.strip().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {   // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** This JVM's -X and -XX options, which the server JVM gets too. */
    static List<String> jvmFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-X"))
                .toList();
    }

    private static java.util.Optional<String> procField(String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equals(key)) {
                    return java.util.Optional.of(line.substring(colon + 1).strip());
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return java.util.Optional.empty();
    }

    private static String gib(String memTotal) {
        String[] parts = memTotal.split("\\s+");
        try {
            double kib = Double.parseDouble(parts[0]);
            return String.format(Locale.ROOT, "%.1f GiB", kib / (1024 * 1024));
        } catch (NumberFormatException e) {
            return memTotal;
        }
    }
}
