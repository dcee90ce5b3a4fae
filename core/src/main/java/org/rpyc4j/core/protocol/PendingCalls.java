package org.rpyc4j.core.protocol;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.annotation.Nullable;
import org.rpyc4j.api.error.ConnectionClosedException;

/**
 * This side's requests that await their answer, by sequence number: a request is {@link #open opened} before
 * it is sent and its answer is {@link #take taken} by the reader that reads it. Also hands out the sequence
 * numbers of requests that get no answer (CLOSE). Thread-safe.
 */
final class PendingCalls {
    private final AtomicLong nextSeq = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

    /** Registers a new request and returns it; its {@link Pending#seq} goes on the wire. */
    Pending open(boolean async) {
        long seq = nextSeq.getAndIncrement();
        Pending p = new Pending(seq, async);
        pending.put(seq, p);
        return p;
    }

    /** A sequence number for a request that gets no answer. */
    long unansweredSeq() {
        return nextSeq.getAndIncrement();
    }

    /** Stops waiting for {@code p} (it was answered, timed out, or could not be sent). */
    void forget(Pending p) {
        pending.remove(p.seq);
    }

    /** The request an answer with sequence number {@code seq} belongs to, now no longer pending; or null. */
    @Nullable
    Pending take(@Nullable Object seq) {
        return seq instanceof Long s ? pending.remove(s) : null;
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    int size() {
        return pending.size();
    }

    /** Whether an answer is owed to an asynchronous caller, which does not read for itself. */
    boolean owesAsync() {
        for (Pending p : pending.values()) {
            if (p.async) {
                return true;
            }
        }
        return false;
    }

    /** Fails every pending request with {@code error} (the connection closed). */
    void failAll(RuntimeException error) {
        for (Pending p : pending.values()) {
            p.fail(error);
        }
        pending.clear();
    }

    /**
     * One outstanding request. A synchronous caller polls {@link #done} while it holds or waits for the reader
     * role, then takes {@link #result()}; an asynchronous caller gets {@link #future}, completed on a virtual
     * thread so that the reader never runs the caller's continuation.
     */
    static final class Pending {
        final long seq;
        final boolean async;
        final @Nullable CompletableFuture<Object> future;
        volatile boolean done;
        private @Nullable Object value;
        private @Nullable RuntimeException error;

        Pending(long seq, boolean async) {
            this.seq = seq;
            this.async = async;
            this.future = async ? new CompletableFuture<>() : null;
        }

        void succeed(@Nullable Object v) {
            value = v;
            done = true;
            if (future != null) {
                CompletableFuture<Object> f = future;
                Thread.ofVirtual().start(() -> f.complete(v));
            }
        }

        void fail(RuntimeException e) {
            error = e;
            done = true;
            if (future != null) {
                CompletableFuture<Object> f = future;
                Thread.ofVirtual().start(() -> f.completeExceptionally(e));
            }
        }

        /** The answer, or the error thrown afresh so that the caller's stack shows where the request was made. */
        @Nullable
        Object result() {
            if (error != null) {
                if (error instanceof ConnectionClosedException c) {
                    throw new ConnectionClosedException(c.getMessage(), c);
                }
                throw error;
            }
            return value;
        }
    }
}
