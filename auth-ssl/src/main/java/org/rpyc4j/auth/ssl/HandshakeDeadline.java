package org.rpyc4j.auth.ssl;

import java.io.Closeable;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds a TLS handshake as a whole: each read waits at most the timeout ({@code SO_TIMEOUT}), and when the
 * timeout has passed in total the TCP socket is closed, so a peer that trickles a byte now and then cannot
 * hold the connection's thread either. Closing the socket ends whatever read or write the handshake is in.
 */
final class HandshakeDeadline implements Closeable {
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final Socket socket;
    private final int previousSoTimeout;
    private final ScheduledFuture<?> closer;
    private final AtomicBoolean expired = new AtomicBoolean();

    private HandshakeDeadline(Socket socket, Duration timeout) throws IOException {
        this.socket = socket;
        this.previousSoTimeout = socket.getSoTimeout();
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        this.closer = TIMER.schedule(this::closeSocket, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Starts the clock for a handshake on {@code socket} (the TCP socket, not a TLS socket layered on it). */
    static HandshakeDeadline start(Socket socket, Duration timeout) throws IOException {
        return new HandshakeDeadline(socket, timeout);
    }

    /** Whether the deadline passed and the socket was closed. */
    boolean expired() {
        return expired.get();
    }

    private void closeSocket() {
        expired.set(true);   // before closing: the handshake's thread may see the close at once
        try {
            socket.close();
        } catch (IOException e) {
            // closed either way
        }
    }

    /** Stops the clock and restores the socket's read timeout; the handshake is over. */
    @Override
    public void close() throws IOException {
        closer.cancel(false);
        if (!socket.isClosed()) {
            socket.setSoTimeout(previousSoTimeout);
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("rpyc4j-tls-handshake-deadline").factory());
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
