package org.rpyc4j.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.rpyc4j.api.RegistryClient;
import org.rpyc4j.api.RegistryClientOptions;
import org.rpyc4j.api.RegistryServer;
import org.rpyc4j.api.RegistryServerOptions;
import org.rpyc4j.spi.registry.Registries;

/**
 * Measures registry QUERY round trips per second, for the benchmark harness: {@link #measure} against any
 * registry client, or {@link #loopback} for a whole run against a fresh registry of one transport on
 * 127.0.0.1 holding many registrations.
 */
public final class QueryBenchmark {
    private QueryBenchmark() {
    }

    /**
     * What one measurement saw.
     *
     * @param transport the transport's name, or "" when measuring a given client
     * @param threads the callers querying at once
     * @param queries the queries answered with servers
     * @param unanswered the queries answered with nothing (a UDP timeout, a lost datagram, an unknown name)
     * @param elapsed the measured time
     */
    public record Result(String transport, int threads, long queries, long unanswered, Duration elapsed) {
        /** Answered queries per second, all callers together. */
        public double queriesPerSecond() {
            return queries / (elapsed.toNanos() / 1e9);
        }

        /** The mean time of one query as a caller sees it, in microseconds. */
        public double microsPerQuery() {
            return queries == 0 ? Double.NaN : elapsed.toNanos() / 1e3 * threads / queries;
        }

        @Override
        public String toString() {
            return String.format("%s QUERY: %,.0f queries/s, %.1f µs/query (%d thread%s, %,d answered, %,d unanswered, %d ms)",
                    transport.isEmpty() ? "registry" : transport, queriesPerSecond(), microsPerQuery(), threads,
                    threads == 1 ? "" : "s", queries, unanswered, elapsed.toMillis());
        }
    }

    /**
     * Runs {@code client.discover(name)} in a loop on {@code threads} platform threads: {@code warmup} first
     * (not counted), then {@code duration}; counts the answered queries.
     */
    public static Result measure(RegistryClient client, String name, int threads, Duration warmup, Duration duration) {
        return measure("", client, name, threads, warmup, duration);
    }

    private static Result measure(String transport, RegistryClient client, String name, int threads, Duration warmup,
            Duration duration) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        LongAdder answered = new LongAdder();
        LongAdder empty = new LongAdder();
        AtomicBoolean counting = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            callers.add(Thread.ofPlatform().daemon().name("registry-query-" + i).start(() -> {
                try {
                    while (!stop.get()) {
                        boolean found = !client.discover(name).isEmpty();
                        if (counting.get()) {
                            (found ? answered : empty).increment();
                        }
                    }
                } finally {
                    done.countDown();
                }
            }));
        }
        try {
            Thread.sleep(warmup);
            counting.set(true);
            long start = System.nanoTime();
            Thread.sleep(duration);
            counting.set(false);
            long elapsed = System.nanoTime() - start;
            stop.set(true);
            done.await();
            return new Result(transport, threads, answered.sum(), empty.sum(), Duration.ofNanos(elapsed));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring", e);
        } finally {
            stop.set(true);
            callers.forEach(Thread::interrupt);
        }
    }

    /**
     * Starts a registry of {@code transport} on 127.0.0.1 (ephemeral port), registers {@code registrations}
     * service names (100 aliases per REGISTER, ports 1..), then measures QUERY of one of them with
     * {@link #measure}; closes the registry afterwards.
     */
    public static Result loopback(String transport, int threads, int registrations, Duration warmup, Duration duration) {
        RegistryServerOptions serverOptions = RegistryServerOptions.builder().host("127.0.0.1").port(0)
                .maxEntriesPerHost(Math.max(registrations, 1)).maxEntries(Math.max(registrations, 1)).build();
        try (RegistryServer server = Registries.server(transport, serverOptions).start();
             RegistryClient client = Registries.client(transport, RegistryClientOptions.of("127.0.0.1", server.port()))) {
            List<String> batch = new ArrayList<>();
            int port = 1;
            for (int i = 0; i < registrations; i++) {
                batch.add("BENCH" + i);
                if (batch.size() == 100 || i == registrations - 1) {
                    if (!client.register(batch, port++, "127.0.0.1")) {
                        throw new IllegalStateException("the " + transport + " registry did not acknowledge a REGISTER");
                    }
                    batch.clear();
                }
            }
            String name = registrations > 0 ? "bench" + (registrations / 2) : "bench";
            return measure(server.transport(), client, name, threads, warmup, duration);
        }
    }
}
