package org.rpyc4j.server.threaded;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.error.ConnectionClosedException;

/**
 * Serves a connection on its virtual thread while it is quiet and on a platform thread of its own while it is
 * busy.
 *
 * <p>Why: a virtual thread's blocking socket read goes through the JDK's poller and a hand-off to a carrier
 * thread, which per request costs the server about twice the CPU of a platform thread's read (the cost-per-call
 * table in BENCHMARKS.md). Idle connections are what virtual threads are for, so every connection starts on one.
 * After {@value #BURST} frames in a row, each read within {@link #BURST_GAP_NANOS} of the previous one, a
 * platform thread takes over reading and hands back after {@link #IDLE} without a frame. At most
 * {@code maxBusy} connections are on platform threads at once; beyond that, busy connections stay on their
 * virtual threads. Which thread reads changes only between frames, so requests and replies are unaffected.
 */
final class BusyConnectionThreads {
    /** Frames in quick succession that make a connection busy. */
    static final int BURST = 16;
    /** The longest wait for the next frame (including running the last request) that keeps a burst going. */
    static final long BURST_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** How long a busy connection may stay silent before it goes back to its virtual thread. */
    static final Duration IDLE = Duration.ofSeconds(2);
    /** A quiet connection's wait per frame; only bounds how long one serve call lasts. */
    private static final Duration QUIET_WAIT = Duration.ofMinutes(10);

    private final int maxBusy;
    private final Semaphore busySlots;
    private final Thread.Builder platformThreads;

    /**
     * @param maxBusy how many connections may be served by platform threads at once (0: none)
     * @param platformThreads makes the platform threads
     */
    BusyConnectionThreads(int maxBusy, Thread.Builder platformThreads) {
        this.maxBusy = maxBusy;
        this.busySlots = new Semaphore(maxBusy);
        this.platformThreads = platformThreads;
    }

    /** Serves {@code connection} until it closes; called on the connection's virtual thread. */
    void serve(Connection connection) {
        int burst = 0;
        try {
            while (true) {
                long start = System.nanoTime();
                if (!connection.serve(QUIET_WAIT)) {
                    burst = 0;
                    continue;
                }
                burst = System.nanoTime() - start <= BURST_GAP_NANOS ? burst + 1 : 0;
                if (burst >= BURST && busySlots.tryAcquire()) {
                    burst = 0;
                    serveOnPlatformThread(connection);
                }
            }
        } catch (ConnectionClosedException e) {
            // the normal end of serving
        }
    }

    /** Serves on a platform thread until the connection idles or closes; this (virtual) thread waits meanwhile. */
    private void serveOnPlatformThread(Connection connection) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread busy = platformThreads.start(() -> {
            try {
                while (connection.serve(IDLE)) {
                    // busy: keep reading on this thread
                }
            } catch (ConnectionClosedException e) {
                // the virtual thread sees the connection closed and ends too
            } catch (RuntimeException e) {
                failure.set(e);
            } finally {
                busySlots.release();
            }
        });
        try {
            busy.join();
        } catch (InterruptedException e) {
            // the server is being torn down: the platform thread ends when the connection is closed
            busy.interrupt();
            Thread.currentThread().interrupt();
            throw new ConnectionClosedException("interrupted while a platform thread served the connection");
        }
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    /** How many connections platform threads are serving now. */
    int busyConnections() {
        return maxBusy - busySlots.availablePermits();
    }
}
