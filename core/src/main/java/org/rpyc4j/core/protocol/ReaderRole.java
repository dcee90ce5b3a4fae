package org.rpyc4j.core.protocol;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.rpyc4j.api.error.RequestTimeoutException;
import org.rpyc4j.api.error.RpycException;

/**
 * Decides which thread reads a connection's stream. At most one thread at a time holds the role: a thread
 * waiting for its reply, a serving loop, or a short-lived virtual standby reader that this class starts when
 * nobody else reads but someone needs the stream read. A thread that reads a request gives the role up
 * ({@link #beginRequest()}) before running it and counts it until {@link #endRequest()}; at most
 * {@code maxConcurrentRequests} run at once, and past that reading pauses until one ends. While requests run
 * and nobody reads, the {@link VacancyWatchdog} starts a reader after a short patience.
 *
 * <p>Thread-safe; all state is guarded by one lock, taken once per role change.
 */
final class ReaderRole {
    /** The stream whose reading this role schedules. */
    interface Stream {
        /** Reads one frame and dispatches it; called holding the role, and always gives it up. */
        void readOne(long deadline);

        /** Whether any request of this side still waits for its reply. */
        boolean awaitsReplies();

        /** Whether a reply is owed to an asynchronous caller, which does not read for itself. */
        boolean owesAsyncReplies();
    }

    private final Stream stream;
    private final CloseState state;
    private final int maxConcurrentRequests;
    private final String standbyName;

    /** Guards the role and the counters below; {@link #roleFreed} wakes waiters. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition roleFreed = lock.newCondition();
    private boolean reading;
    private int executing;
    private int serving;
    /** Threads waiting for the role that will read themselves once they have it. */
    private int wanting;
    /** When the role last fell vacant while requests ran, and whether the watchdog looks at this role. */
    private long vacantSince;
    private boolean watched;

    /**
     * @param stream what is read
     * @param state the connection's closed state: nothing is read once it is closed
     * @param maxConcurrentRequests the most requests that execute at once
     * @param standbyName the name of standby reader threads
     */
    ReaderRole(Stream stream, CloseState state, int maxConcurrentRequests, String standbyName) {
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException("maxConcurrentRequests must be positive: " + maxConcurrentRequests);
        }
        this.stream = stream;
        this.state = state;
        this.maxConcurrentRequests = maxConcurrentRequests;
        this.standbyName = standbyName;
    }

    /**
     * Takes the role, waiting while another thread holds it (or, if this thread may not read, while a standby
     * reads). Returns {@code true} holding the role, {@code false} once {@code done} holds.
     *
     * @param deadline a {@link System#nanoTime()} deadline, 0 for none
     * @param mayRead whether this thread may read itself (it can bound the read by the deadline)
     * @throws RequestTimeoutException when {@code deadline} passes first
     * @throws org.rpyc4j.api.error.ConnectionClosedException when the connection is closed first
     */
    boolean acquire(BooleanSupplier done, long deadline, boolean mayRead) {
        if (done.getAsBoolean()) {
            return false;
        }
        boolean counted = false;
        lock.lock();
        try {
            while (!done.getAsBoolean() && !state.isClosed() && (reading || !mayRead)) {
                if (!mayRead && !reading) {
                    startStandby();
                }
                if (mayRead && !counted) {
                    counted = true;
                    wanting++;
                }
                if (deadline == 0) {
                    roleFreed.await();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new RequestTimeoutException("timed out");
                    }
                    roleFreed.awaitNanos(left);
                }
            }
            if (done.getAsBoolean()) {
                if (!reading) {
                    vacated(); // leaving: whoever else needs the stream must get it
                }
                return false;
            }
            if (state.isClosed()) {
                throw state.error("connection closed");
            }
            reading = true;
            return true;
        } catch (RequestTimeoutException e) {
            if (!reading) {
                vacated();
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpycException("interrupted while waiting for the peer", e);
        } finally {
            if (counted) {
                wanting--;
            }
            lock.unlock();
        }
    }

    /** Gives up the role after reading a reply or failing. */
    void release() {
        lock.lock();
        try {
            reading = false;
            vacated();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Gives up the role before executing a request. Usually the request is over in microseconds and this
     * thread reads on afterwards, so no other thread is involved; threads waiting for a reply are woken at
     * once, and if the request runs long (it may wait for the peer's next request), the watchdog starts a
     * reader.
     */
    void beginRequest() {
        lock.lock();
        try {
            executing++;
            reading = false;
            if (executing < maxConcurrentRequests) {
                vacated();
            }
            // at the limit nobody is woken: the next request to finish resumes reading
        } finally {
            lock.unlock();
        }
    }

    /** A request begun with {@link #beginRequest()} has finished. */
    void endRequest() {
        lock.lock();
        try {
            executing--;
            if (!reading && executing == maxConcurrentRequests - 1) {
                startStandby();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Counts a serving loop in or out ({@code +1}, {@code -1}): while one runs, the stream is always needed. */
    void addServing(int delta) {
        lock.lock();
        try {
            serving += delta;
        } finally {
            lock.unlock();
        }
    }

    /** Makes sure someone reads when nobody does (after an async send, or a transport that cannot time out). */
    void ensureReader() {
        lock.lock();
        try {
            if (!reading && !state.isClosed()) {
                startStandby();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every thread waiting for the role: something it waits for may have happened. */
    void wakeWaiters() {
        lock.lock();
        try {
            roleFreed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many requests are executing now. */
    int executingRequests() {
        lock.lock();
        try {
            return executing;
        } finally {
            lock.unlock();
        }
    }

    /**
     * For the {@link VacancyWatchdog}: starts a reader if the role has been vacant for {@code patience} while
     * requests run. Returns whether this role still needs watching.
     */
    boolean checkVacancy(long now, long patience) {
        lock.lock();
        try {
            if (state.isClosed() || reading || executing == 0) {
                watched = false;
                return false;
            }
            if (now - vacantSince >= patience && executing < maxConcurrentRequests) {
                vacantSince = now;
                startStandby();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The role is free: hand it on to whoever needs it. Threads waiting for it are woken (one that leaves with
     * its reply calls this again); with nobody waiting, replies still owed to async callers get a standby
     * reader at once, and running requests get the watchdog's attention. Called holding the lock.
     */
    private void vacated() {
        if (state.isClosed()) {
            return;
        }
        if (lock.hasWaiters(roleFreed)) {
            roleFreed.signalAll(); // not signal(): the one woken might be giving up on a timeout
        } else if (stream.owesAsyncReplies()) {
            // a synchronous caller needs no standby: it waits for the role (woken above), or it is running a
            // request inline and reads on afterwards (the watchdog covers a long one)
            startStandby();
        } else if (executing > 0) {
            vacantSince = System.nanoTime();
            if (!watched) {
                watched = true;
                VacancyWatchdog.watch(this);
            }
        }
    }

    /** Starts a virtual thread that reads while there is anything to read for. Called holding the lock. */
    private void startStandby() {
        Thread.ofVirtual().name(standbyName).start(this::standby);
    }

    private void standby() {
        while (true) {
            lock.lock();
            try {
                if (reading || state.isClosed() || !hasDemand()) {
                    return;
                }
                if (wanting > 0) {
                    // a thread that reads for itself (a serving loop, a waiter) takes over: standbys fill gaps
                    roleFreed.signalAll();
                    return;
                }
                reading = true;
            } finally {
                lock.unlock();
            }
            stream.readOne(0);
        }
    }

    /** Whether anyone needs the stream read. Called holding the lock. */
    private boolean hasDemand() {
        return serving > 0 || executing > 0 || stream.awaitsReplies();
    }
}
