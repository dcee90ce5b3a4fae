package org.rpyc4j.core.protocol;

import java.util.concurrent.atomic.AtomicBoolean;
import javax.annotation.Nullable;
import org.rpyc4j.api.error.ConnectionClosedException;

/**
 * Whether a connection has closed, and why. Shared by the parts of one connection (reader role, write path)
 * so that each can refuse work after the close without asking the connection. Closes once.
 */
final class CloseState {
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile @Nullable String reason;

    boolean isClosed() {
        return closed.get();
    }

    /** Why the connection closed; {@code null} while it is open. */
    @Nullable
    String reason() {
        return reason;
    }

    /** Marks the connection closed for {@code why}; {@code false} if it already was (the first reason stays). */
    boolean close(String why) {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        reason = why;
        return true;
    }

    /** The error for work that finds the connection closed, {@code prefix} saying what was tried. */
    ConnectionClosedException error(String prefix) {
        return new ConnectionClosedException(prefix + ": " + reason);
    }
}
