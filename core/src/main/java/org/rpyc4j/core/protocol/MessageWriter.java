package org.rpyc4j.core.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.core.brine.BrineWriter;
import org.rpyc4j.core.channel.Envelope;
import org.rpyc4j.core.channel.FrameWriter;

/**
 * The write path of one connection: encodes a message in its envelope and writes it as one frame, one
 * message at a time, through a buffer reused for the connection's life. Thread-safe.
 */
final class MessageWriter {
    /** A buffer grown past this is dropped after use: a connection does not keep a large one for its life. */
    private static final int MAX_KEPT_BUFFER = 1 << 20;

    private final OutputStream out;
    private final int compressionThreshold;
    private final CloseState state;
    private final ReentrantLock lock = new ReentrantLock();
    private BrineWriter buffer = newBuffer();   // grows with the largest message sent; guarded by lock

    /**
     * @param out the transport's stream
     * @param compressionThreshold payloads from this size on are compressed (see {@link FrameWriter})
     * @param state the connection's closed state: nothing is written once it is closed
     */
    MessageWriter(OutputStream out, int compressionThreshold, CloseState state) {
        this.out = out;
        this.compressionThreshold = compressionThreshold;
        this.state = state;
    }

    /** Large bytes values are written from the caller's array, not copied into the buffer first. */
    private static BrineWriter newBuffer() {
        return new BrineWriter(1024).spliceLargeBytes();
    }

    /**
     * Writes one message.
     *
     * @throws org.rpyc4j.api.error.ConnectionClosedException if the connection has closed
     * @throws org.rpyc4j.api.error.ProtocolException if {@code args} cannot be encoded (nothing is written)
     * @throws IOException if writing fails (the connection is lost)
     */
    void write(Dialect dialect, int type, Object seq, Object args) throws IOException {
        lock.lock();
        try {
            if (state.isClosed()) {
                throw state.error("connection is closed");
            }
            BrineWriter w = buffer;
            w.reset();
            w.reserve(5);
            Envelope.encode(dialect, type, seq, args, w);
            FrameWriter.writeFrame(out, w, compressionThreshold);
            w.reset();   // let go of the caller's arrays it referenced
            if (w.array().length > MAX_KEPT_BUFFER) {
                buffer = newBuffer();
            }
        } finally {
            lock.unlock();
        }
    }
}
