package org.rpyc4j.server.support;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import javax.annotation.Nullable;
import org.slf4j.Logger;

/**
 * The start/serve/close life cycle of a server that serves in one loop: socket servers
 * ({@link AbstractServer}) and registry servers compose it. {@link #serve()} runs the loop in the calling
 * thread, {@link #start()} in a new platform thread and returns once the loop has begun; either may be called
 * once. {@link #close()} may be called any number of times from any thread, also from the loop's own; the first
 * call shuts the server down, and every call returns once the loop has ended (or, with a close wait, that long
 * at most). When the loop ends by itself, the server closes too.
 */
public final class ServingLifecycle {
    /** What the server does at each step of its life cycle. */
    public interface Steps {
        /** First thing on the serving thread, also when a close came first (to log that the server started). */
        default void started() {
        }

        /**
         * Prepares serving, on the serving thread before the loop, never once a close has begun; a
         * RuntimeException makes {@link #start()} or {@link #serve()} throw it, and the server closes.
         */
        default void prepare() {
        }

        /** Serves until {@link #shutDown()} makes it return (or it fails for good). */
        void loop();

        /**
         * On the serving thread once the loop has returned (or failed, or was never entered); the server counts
         * as closed by then, and {@link #shutDown()} follows when no close had begun.
         */
        default void afterLoop() {
        }

        /** Makes the loop return and releases what the server holds; called once, by the first {@link #close()}. */
        void shutDown();
    }

    private final String name;
    private final Steps steps;
    private final @Nullable Duration closeWait;
    private final Logger log;
    private final AtomicBoolean serving = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch loopEnded = new CountDownLatch(1);
    private final CountDownLatch closeStarted = new CountDownLatch(1);
    /** Orders prepare before shutDown: a close racing with the start never leaves what prepare made behind. */
    private final ReentrantLock lock = new ReentrantLock();
    private volatile @Nullable Thread loopThread;
    private volatile boolean ownLoopThread;   // started by start(), so close() may join it

    /**
     * @param name the server's name, for its loop thread and messages
     * @param closeWait how long {@link #close()} waits for the loop to end, logging a warning after that;
     *     {@code null}: as long as it takes
     * @param log where that warning goes
     */
    public ServingLifecycle(String name, Steps steps, @Nullable Duration closeWait, Logger log) {
        this.name = name;
        this.steps = steps;
        this.closeWait = closeWait;
        this.log = log;
    }

    /**
     * Runs the loop in a new platform thread named {@code threadName}; returns once {@link Steps#prepare()} is
     * through.
     *
     * @throws IllegalStateException when already serving or closed
     * @throws RuntimeException what {@link Steps#prepare()} threw; the server is closed then
     */
    public void start(String threadName) {
        claim();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        ownLoopThread = true;
        Thread loop = Thread.ofPlatform().name(threadName).unstarted(() -> run(ready));
        loopThread = loop;
        loop.start();
        try {
            ready.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting " + name, e);
        } catch (ExecutionException e) {
            close();
            joinQuietly(loop);   // the loop closes the server itself as it ends: gone when start() throws
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * Runs the loop in the calling thread until the server closes.
     *
     * @throws IllegalStateException when already serving or closed
     */
    public void serve() {
        claim();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        run(ready);
        if (ready.isCompletedExceptionally()) {
            throw ready.exceptionNow() instanceof RuntimeException r ? r : new IllegalStateException(ready.exceptionNow());
        }
    }

    private void claim() {
        if (closed.get()) {
            throw new IllegalStateException(name + " is closed");
        }
        if (!serving.compareAndSet(false, true)) {
            throw new IllegalStateException(name + " is already serving");
        }
    }

    private void run(CompletableFuture<Void> ready) {
        loopThread = Thread.currentThread();
        try {
            steps.started();
            lock.lock();
            try {
                if (closed.get()) {
                    ready.complete(null);
                    return;
                }
                steps.prepare();
            } catch (RuntimeException e) {
                ready.completeExceptionally(e);
                return;
            } finally {
                lock.unlock();
            }
            ready.complete(null);
            steps.loop();
        } finally {
            try {
                // the loop's end closes the server: already closing, or shut down now, from here
                boolean first = markClosed();
                steps.afterLoop();
                if (first) {
                    steps.shutDown();
                }
            } finally {
                loopEnded.countDown();   // after the close: a close() waiting for the loop finds it all done
            }
        }
    }

    private boolean markClosed() {
        lock.lock();
        try {
            boolean first = closed.compareAndSet(false, true);
            if (first) {
                closeStarted.countDown();
            }
            return first;
        } finally {
            lock.unlock();
        }
    }

    /** Shuts the server down (the first call) and returns once the loop has ended. */
    public void close() {
        if (markClosed()) {
            try {
                steps.shutDown();
            } finally {
                awaitLoopEnd();
            }
        } else {
            // closing already, maybe on the loop's own thread: return once that close is through
            awaitLoopEnd();
        }
    }

    /** Waits until a close has begun; for a loop that has nothing to do but wait for it. */
    public void awaitCloseStarted() throws InterruptedException {
        closeStarted.await();
    }

    /** The server's name, as given. */
    public String name() {
        return name;
    }

    /** Whether {@link #close()} was called or the loop has ended. */
    public boolean isClosed() {
        return closed.get();
    }

    /** Whether {@link #start()} or {@link #serve()} was called. */
    public boolean isServing() {
        return serving.get();
    }

    /** Whether the calling thread is the one running the loop. */
    public boolean onLoopThread() {
        return Thread.currentThread() == loopThread;
    }

    private void awaitLoopEnd() {
        Thread loop = loopThread;
        if (loop == null || loop == Thread.currentThread()) {
            return;   // never served, or closing from the loop itself
        }
        try {
            if (closeWait == null) {
                loopEnded.await();
            } else if (!loopEnded.await(closeWait.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("the serving loop did not end within {} s", closeWait.toSeconds());
                return;
            }
            if (ownLoopThread) {
                loop.join();   // the background loop's thread is ours: gone when close() returns
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
