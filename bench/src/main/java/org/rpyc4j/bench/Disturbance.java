package org.rpyc4j.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How much CPU other work took while a round ran, in CPUs: the CPU time (user + system, plus that of their reaped
 * children) that every process other than this JVM and its descendants (the servers, the Python processes) used
 * meanwhile, from /proc, per second of wall time. Rounds during which others used more than {@link #THRESHOLD}
 * CPUs are re-run (Java) or replaced by spare rounds (Python). Linux only; elsewhere every round counts as
 * undisturbed. Kernel work done for the benchmark's own loopback traffic is not charged to other processes.
 */
final class Disturbance {
    /** Foreign CPU use, in CPUs, above which a round counts as disturbed. */
    static final double THRESHOLD = 0.15;

    private static final double TICKS = clockTicks();

    /** A reading: when, and the CPU ticks of every process that is not ours. */
    record Mark(long nanos, Map<Long, Long> foreignTicks) {
    }

    private Disturbance() {
    }

    static Mark mark() {
        ProcessHandle self = ProcessHandle.current();
        Set<Long> ours = Stream.concat(Stream.of(self), self.descendants()).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
        Map<Long, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                long pid = Long.parseLong(proc.getFileName().toString());
                if (ours.contains(pid)) {
                    continue;
                }
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // utime, stime, cutime, cstime: fields 14 to 17 of proc(5)
                    ticks.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13])
                            + Long.parseLong(f[14]));
                } catch (IOException | RuntimeException e) {
                    // the process just ended
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Mark(System.nanoTime(), Map.of());   // no /proc: nothing known
        }
        return new Mark(System.nanoTime(), ticks);
    }

    /** CPUs used by others since {@code start} (0 when unknown). */
    static double foreignCpus(Mark start) {
        Mark now = mark();
        double seconds = (now.nanos - start.nanos) / 1e9;
        if (seconds <= 0 || start.foreignTicks.isEmpty()) {
            return 0;
        }
        long used = 0;
        for (var e : now.foreignTicks.entrySet()) {
            // a process that started meanwhile counts whole; one that ended is seen in its parent's cutime
            used += Math.max(0, e.getValue() - start.foreignTicks.getOrDefault(e.getKey(), 0L));
        }
        return used / TICKS / seconds;
    }

    /** USER_HZ, from getconf (100 on practically every Linux). */
    static double clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor();
            return Double.parseDouble(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
