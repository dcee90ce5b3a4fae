package org.rpyc4j.server.testkit;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a server may leave behind, counted: live platform threads (by name) and child processes of this JVM.
 * Virtual threads are not listed by the JVM; servers account for them with their connection counts.
 */
public record ServerResources(Set<String> platformThreads, Set<Long> childProcesses) {
    /** The platform threads and child processes now. */
    public static ServerResources now() {
        Set<String> threads = Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(t -> t.getName() + "#" + t.threadId())
                .collect(Collectors.toSet());
        Set<Long> children = ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid).collect(Collectors.toSet());
        return new ServerResources(threads, children);
    }

    /** Threads and processes now that were not there in {@code before} and whose thread names contain {@code marker}. */
    public static List<String> leftSince(ServerResources before, String marker) {
        ServerResources after = now();
        List<String> threads = after.platformThreads.stream()
                .filter(t -> !before.platformThreads.contains(t) && t.contains(marker))
                .map(t -> "thread " + t)
                .toList();
        List<String> processes = after.childProcesses.stream()
                .filter(p -> !before.childProcesses.contains(p))
                .map(p -> "process " + p + " " + ProcessHandle.of(p).flatMap(h -> h.info().commandLine()).orElse(""))
                .toList();
        return java.util.stream.Stream.concat(threads.stream(), processes.stream()).toList();
    }
}
