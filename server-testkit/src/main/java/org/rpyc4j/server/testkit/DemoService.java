package org.rpyc4j.server.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Exposed;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.Service;

/**
 * The service the serving-mode tests serve (name {@code DEMO}): arithmetic, the serving process and thread,
 * rendezvous between requests (proving they run at once), callbacks into the client, and ways to end the
 * serving process. A public class with a public no-argument constructor, so a forked child can make it.
 */
public class DemoService implements Service {
    /** Instances connected now, in this process. */
    private static final AtomicInteger CONNECTED = new AtomicInteger();
    private static final Map<String, CyclicBarrier> BARRIERS = new ConcurrentHashMap<>();

    private final List<Long> recorded = new ArrayList<>();   // guarded by itself
    private volatile Connection connection;

    /** Made per connection, here or in a forked child. */
    public DemoService() {
    }

    @Override
    public void onConnect(Connection connection) {
        this.connection = connection;
        CONNECTED.incrementAndGet();
    }

    @Override
    public void onDisconnect(Connection connection) {
        CONNECTED.decrementAndGet();
    }

    /** How many {@code DemoService}s of this process are connected now. */
    public static int connectedCount() {
        return CONNECTED.get();
    }

    @Exposed
    public long add(long a, long b) {
        return a + b;
    }

    @Exposed
    public String echo(String text) {
        return text;
    }

    /** The id of the process serving this connection. */
    @Exposed
    public long pid() {
        return ProcessHandle.current().pid();
    }

    @Exposed
    public String threadName() {
        return Thread.currentThread().toString();
    }

    @Exposed
    public Object credentials() {
        Object credentials = connection.credentials();
        return credentials == null ? null : credentials.toString();
    }

    /** Sleeps {@code millis}, then returns it. */
    @Exposed
    public long sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return millis;
    }

    /**
     * Waits until {@code parties} requests (of any connections of this process) have called it with the same
     * {@code name}; returns the arrival index. Fails after 30 s, so requests served one after the other fail.
     */
    @Exposed
    public long rendezvous(String name, long parties) throws InterruptedException, BrokenBarrierException,
            TimeoutException {
        CyclicBarrier barrier = BARRIERS.computeIfAbsent(name, n -> new CyclicBarrier((int) parties));
        return barrier.await(30, TimeUnit.SECONDS);
    }

    /** Calls the client's {@code callback(depth)}; a client callback calling nest again nests deeper. */
    @Exposed
    public Object nest(NetRef callback, long depth) {
        return callback.call(depth);
    }

    /** Records {@code value} in this connection's list. */
    @Exposed
    public long record(long value) {
        synchronized (recorded) {
            recorded.add(value);
        }
        return value;
    }

    /** What {@link #record} recorded, in order. */
    @Exposed
    public List<Long> recorded() {
        synchronized (recorded) {
            return new ArrayList<>(recorded);
        }
    }

    /** Ends the serving process at once: only for modes serving in a process of their own. */
    @Exposed
    public void exit(long status) {
        System.exit((int) status);
    }

    /** Ends the serving process without shutdown hooks, as a crash would. */
    @Exposed
    public void crash() {
        Runtime.getRuntime().halt(134);
    }

    /** Allocates until the heap runs out: only for modes serving in a process of their own. */
    @Exposed
    public long exhaustMemory() {
        List<long[]> hog = new ArrayList<>();
        while (true) {
            hog.add(new long[1 << 20]);
        }
    }
}
