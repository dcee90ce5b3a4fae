package org.rpyc4j.bench;

import java.lang.management.ManagementFactory;

/**
 * This JVM's resource use so far: process CPU time (all threads, user + system) and bytes allocated on the heap by
 * all threads (virtual threads' allocations count for their carriers).
 *
 * @param cpuNanos process CPU time
 * @param allocatedBytes heap bytes allocated
 */
record Usage(long cpuNanos, long allocatedBytes) {
    static Usage now() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return new Usage(os.getProcessCpuTime(), threads.getTotalThreadAllocatedBytes());
    }

    /** Parses {@link #toString()}. */
    static Usage parse(String text) {
        String[] f = text.strip().split(" ");
        return new Usage(Long.parseLong(f[0]), Long.parseLong(f[1]));
    }

    Usage minus(Usage earlier) {
        return new Usage(cpuNanos - earlier.cpuNanos, allocatedBytes - earlier.allocatedBytes);
    }

    @Override
    public String toString() {
        return cpuNanos + " " + allocatedBytes;
    }
}
