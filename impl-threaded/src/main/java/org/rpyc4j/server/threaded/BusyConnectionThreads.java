package org.rpyc4j.server.threaded;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.error.ConnectionClosedException;
import org.rpyc4j.spi.support.AcceptedSocket;
import org.rpyc4j.spi.support.ClientHandler;

/**
 * Serves a connection on a platform thread while it is new or busy, and on its virtual thread while it is quiet.
 *
 * <p>Why: a virtual thread's blocking socket read goes through the JDK's poller and a hand-off to a carrier
 * thread, which per request costs the server about twice the CPU of a platform thread's read (the cost-per-call
 * table in BENCHMARKS.md), and a short connection (connect, a call or two, close) pays it on every frame. Idle
 * connections are what virtual threads are for. So a new connection is opened (authenticated, welcomed) and
 * served by a platform thread from a cached pool when one of the {@code maxBusy} slots is free, and moves to a
 * virtual thread of its own after {@link #IDLE} without a frame; a quiet connection that becomes busy again
 * ({@value #BURST} frames in a row, each read within {@link #BURST_GAP_NANOS} of the previous one) takes a slot
 * again. Beyond {@code maxBusy} connections stay on their virtual threads. Which thread reads changes only
 * between frames, so requests and replies are unaffected.
 */
final class BusyConnectionThreads implements AutoCloseable {
    /** Frames in quick succession that make a quiet connection busy. */
    static final int BURST = 16;
    /** The longest wait for the next frame (including running the last request) that keeps a burst going. */
    static final long BURST_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** How long a connection on a platform thread may stay silent before it goes back to its virtual thread. */
    static final Duration IDLE = Duration.ofSeconds(2);
    /** A quiet connection's wait per frame; only bounds how long one serve call lasts. */
    private static final Duration QUIET_WAIT = Duration.ofMinutes(10);

    private final int maxBusy;
    private final Semaphore busySlots;
    /** Platform threads, created as needed and kept a minute when idle; the slots bound how many work at once. */
    private final ExecutorService platformThreads;
    /** The pool's threads alive when the last was made (see {@link #threads()}). */
    private final Set<Thread> madeThreads = ConcurrentHashMap.newKeySet();

    /**
     * @param maxBusy how many connections may be served by platform threads at once (0: none)
     * @param platformThreads makes the platform threads
     */
    BusyConnectionThreads(int maxBusy, Thread.Builder platformThreads) {
        this.maxBusy = maxBusy;
        this.busySlots = new Semaphore(maxBusy);
        ThreadFactory factory = platformThreads.factory();
        this.platformThreads = Executors.newCachedThreadPool(task -> {
            madeThreads.removeIf(t -> !t.isAlive());
            Thread thread = factory.newThread(task);
            madeThreads.add(thread);
            return thread;
        });
    }

    /**
     * Opens and serves a new connection on a platform thread, if a slot is free: authentication, welcome and
     * its first, busy stretch run there without a virtual thread in between; once it has been quiet for
     * {@link #IDLE}, {@code startQuiet} starts a (virtual) thread that serves the rest of it. Returns whether it
     * took the connection; if not, the caller serves it.
     */
    boolean serveNew(AcceptedSocket accepted, ClientHandler clients, Consumer<Runnable> startQuiet) {
        if (!busySlots.tryAcquire()) {
            return false;
        }
        try {
            platformThreads.execute(() -> serveNewOnThisThread(accepted, clients, startQuiet));
            return true;
        } catch (RejectedExecutionException e) {
            busySlots.release();   // the server is closing
            return false;
        }
    }

    /** Called holding a slot, which it gives back before the quiet rest goes elsewhere. */
    private void serveNewOnThisThread(AcceptedSocket accepted, ClientHandler clients, Consumer<Runnable> startQuiet) {
        ClientHandler.Served served = null;
        boolean quiet = false;
        try {
            served = clients.open(accepted);
            if (served != null) {
                try {
                    quiet = serveWhileBusy(served.connection());
                } catch (RuntimeException e) {
                    served.failed(e);
                }
            }
        } finally {
            busySlots.release();
        }
        if (served == null) {
            return;
        }
        if (!quiet) {
            served.end();
            return;
        }
        ClientHandler.Served open = served;
        startQuiet.accept(() -> {
            try {
                serveQuietly(open.connection());
            } catch (RuntimeException e) {
                open.failed(e);
            } finally {
                open.end();
            }
        });
    }

    /** Serves until the connection has been silent for {@link #IDLE} (true) or has closed (false). */
    private static boolean serveWhileBusy(Connection connection) {
        try {
            while (connection.serve(IDLE)) {
                // busy: keep reading on this thread
            }
            return true;
        } catch (ConnectionClosedException e) {
            return false;
        }
    }

    /**
     * Serves {@code connection} until it closes, on the calling (virtual) thread while it is quiet, moving it to
     * a platform thread when it becomes busy and a slot is free.
     */
    void serveQuietly(Connection connection) {
        try {
            int burst = 0;
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

    /**
     * Serves on a platform thread until the connection idles or closes; this (virtual) thread waits meanwhile.
     * Called holding a slot, which the platform thread gives back.
     */
    private void serveOnPlatformThread(Connection connection) {
        Future<?> busy;
        try {
            busy = platformThreads.submit(() -> {
                try {
                    while (connection.serve(IDLE)) {
                        // busy: keep reading on this thread
                    }
                } finally {
                    busySlots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            busySlots.release();   // the server is closing: stay on the virtual thread, which sees the close
            return;
        }
        try {
            busy.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;   // ConnectionClosedException included: the connection ended there
            }
            throw new IllegalStateException("serving on a platform thread failed", e.getCause());
        } catch (CancellationException e) {
            throw new ConnectionClosedException("serving was cancelled");
        } catch (InterruptedException e) {
            // the server is being torn down: the platform thread ends when the connection is closed
            busy.cancel(true);
            Thread.currentThread().interrupt();
            throw new ConnectionClosedException("interrupted while a platform thread served the connection");
        }
    }

    /**
     * The platform threads that have been started and may not have ended yet: a pool that has terminated may
     * still have threads on their way out, so a closing server joins these.
     */
    List<Thread> threads() {
        return madeThreads.stream().filter(t -> t.getState() != Thread.State.NEW).toList();
    }

    /** How many connections platform threads are serving now. */
    int busyConnections() {
        return maxBusy - busySlots.availablePermits();
    }

    /** Ends the platform threads once their connections are done (the server closes the connections). */
    @Override
    public void close() {
        platformThreads.shutdown();
        try {
            if (!platformThreads.awaitTermination(5, TimeUnit.SECONDS)) {
                platformThreads.shutdownNow();
            }
        } catch (InterruptedException e) {
            platformThreads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
