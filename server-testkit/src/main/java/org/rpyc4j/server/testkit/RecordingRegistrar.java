package org.rpyc4j.server.testkit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.rpyc4j.api.Registrar;

/** A registrar recording what servers send it; fails the first {@code failures} registrations. */
public final class RecordingRegistrar implements Registrar {
    /** One call: {@code REGISTER aliases port host} or {@code UNREGISTER port}. */
    public final List<String> calls = new CopyOnWriteArrayList<>();
    private final Duration interval;
    private final AtomicInteger failures;

    public RecordingRegistrar(Duration interval, int failures) {
        this.interval = interval;
        this.failures = new AtomicInteger(failures);
    }

    @Override
    public boolean register(List<String> aliases, int port, String interfaceHost) {
        calls.add("REGISTER " + aliases + " " + port + " " + interfaceHost);
        return failures.getAndDecrement() <= 0;
    }

    @Override
    public void unregister(int port) {
        calls.add("UNREGISTER " + port);
    }

    @Override
    public Duration reregisterInterval() {
        return interval;
    }

    /** How many calls start with {@code prefix}. */
    public long count(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).count();
    }
}
