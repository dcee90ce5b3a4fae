package org.rpyc4j.bench;

import java.util.function.IntConsumer;
import org.rpyc4j.api.Exposed;

/**
 * The service of the payload and callback benchmarks ({@link PayloadServers}); {@code extra_bench.py}'s
 * {@code PayloadService} is its Python twin.
 */
public final class PayloadService {
    /** A service with nothing to set up. */
    public PayloadService() {
    }

    /** Returns what it was given: a payload travels to the server and back, by value both ways. */
    @Exposed
    public Object echo(Object value) {
        return value;
    }

    /** Calls the caller's {@code f(i)} for i from 0 to n - 1: n callbacks into the client within one call. */
    @Exposed
    public void each(int n, IntConsumer f) {
        for (int i = 0; i < n; i++) {
            f.accept(i);
        }
    }
}
