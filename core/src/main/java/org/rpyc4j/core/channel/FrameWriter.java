package org.rpyc4j.core.channel;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.zip.Deflater;
import org.rpyc4j.core.brine.BrineWriter;

/**
 * Writes RPyC frames: {@code u32 length, u8 flag, body, 0x0a}. Each frame goes out as one array in one
 * {@code write} call followed by {@code flush}, so frames from different threads never interleave as long
 * as callers serialise calls on the same stream.
 *
 * <p>Compression: when {@code compressionThreshold >= 0} and the payload is strictly longer than it (Python:
 * 3000), the body is the payload compressed in zlib format (RFC 1950) at level 1 and the flag is 1, as Python
 * sends it; but only where that pays. Python compresses even when the result is larger; any RPyC reader
 * takes a plain frame of any size, so a payload that does not shrink goes out plain, and a large one is
 * first tried on a sample so that incompressible megabytes cost no deflating. A negative threshold turns
 * compression off.
 */
public final class FrameWriter {
    /** Python's threshold: 3000-byte payloads go plain, 3001-byte ones compressed. */
    public static final int DEFAULT_COMPRESSION_THRESHOLD = 3000;
    /** The trailing byte of every frame, so that line-buffered pipes pass the frame on. */
    static final byte FLUSHER = 0x0a;
    private static final byte[] FLUSHER_ONLY = {FLUSHER};
    private static final int HEADER_SIZE = FrameReader.HEADER_SIZE;
    private static final int COMPRESSION_LEVEL = 1;
    /** A full frame buffer at least this large gets its trailing byte in a write of its own, not by growing. */
    private static final int SEPARATE_FLUSHER = 64 * 1024;
    /** Payloads larger than this are first tried on a sample of this size. */
    private static final int SAMPLE = 16 * 1024;
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private FrameWriter() {
    }

    /** Writes {@code payload[off, off + len)} as one frame. */
    public static void writeFrame(OutputStream out, byte[] payload, int off, int len, int compressionThreshold)
            throws IOException {
        Objects.checkFromIndexSize(off, len, payload.length);
        if (!compresses(len, compressionThreshold) || !writeCompressed(out, payload, off, len)) {
            byte[] frame = new byte[HEADER_SIZE + len + 1];
            INT_BE.set(frame, 0, len);
            System.arraycopy(payload, off, frame, HEADER_SIZE, len);
            frame[frame.length - 1] = FLUSHER;
            out.write(frame);
        }
        out.flush();
    }

    /**
     * Writes a frame whose payload was encoded straight after a reserved header, without copying it.
     *
     * <p>Contract: {@code frame} holds {@code [5 reserved bytes][payload]} (e.g. from
     * {@code frame.reserve(5)} then the encoder), so the payload is {@code frame.array()[5, frame.size())}.
     * When the frame goes out uncompressed this method fills in the header, appends the trailing byte to
     * {@code frame} (its size grows by one; a large buffer without room for it is not grown: the byte is
     * written after it instead) and writes
     * {@code frame.array()} directly; when it is compressed
     * a new array is built and {@code frame} is left unchanged. Either way the caller should
     * {@link BrineWriter#reset() reset} {@code frame} before reusing it.
     */
    public static void writeFrame(OutputStream out, BrineWriter frame, int compressionThreshold) throws IOException {
        int len = frame.size() - HEADER_SIZE;
        if (len < 0) {
            throw new IllegalArgumentException("the writer holds " + frame.size()
                    + " bytes, fewer than the 5 reserved for the header");
        }
        if (frame.hasSplices()) {
            writeSpliced(out, frame, len, compressionThreshold);
            return;
        }
        if (!compresses(len, compressionThreshold) || !writeCompressed(out, frame.array(), HEADER_SIZE, len)) {
            frame.setInt(0, len);
            frame.array()[4] = 0;
            if (frame.size() < frame.array().length || frame.size() < SEPARATE_FLUSHER) {
                frame.writeByte(FLUSHER);   // the frame goes out in one write (a small buffer may grow for it)
                out.write(frame.array(), 0, frame.size());
            } else {
                // a large full buffer (a large payload sized it exactly) is not copied for one byte
                out.write(frame.array(), 0, frame.size());
                out.write(FLUSHER_ONLY, 0, 1);
            }
        }
        out.flush();
    }

    /**
     * A frame whose large bytes values the writer references (see {@link BrineWriter#spliceLargeBytes()}): goes
     * out plain, piece by piece, unless a sample of its largest value compresses; then it is flattened and
     * compressed like any payload.
     */
    private static void writeSpliced(OutputStream out, BrineWriter frame, int len, int compressionThreshold)
            throws IOException {
        ByteBuffer largest = frame.largestSplice();
        if (compresses(len, compressionThreshold) && largest != null && shrinks(middle(largest))) {
            byte[] flat = frame.toByteArray();
            writeFrame(out, flat, HEADER_SIZE, len, compressionThreshold);
            return;
        }
        frame.setInt(0, len);
        frame.array()[4] = 0;
        frame.writeTo(out);
        out.write(FLUSHER_ONLY, 0, 1);
        out.flush();
    }

    private static boolean compresses(int len, int compressionThreshold) {
        return compressionThreshold >= 0 && len > compressionThreshold;
    }

    /**
     * Compresses the payload into a new frame array and writes it with one call, if the body comes out
     * smaller than the payload; otherwise writes nothing and returns false.
     */
    private static boolean writeCompressed(OutputStream out, byte[] payload, int off, int len) throws IOException {
        if (len > 4 * SAMPLE && !shrinks(middle(ByteBuffer.wrap(payload, off, len)))) {
            return false;
        }
        Deflater deflater = new Deflater(COMPRESSION_LEVEL, false);
        try {
            deflater.setInput(payload, off, len);
            deflater.finish();
            // room for a body one byte shorter than the payload: filling it means compression does not pay
            byte[] frame = new byte[HEADER_SIZE + len];
            int n = HEADER_SIZE;
            while (!deflater.finished()) {
                if (n == frame.length - 1) {
                    return false;
                }
                n += deflater.deflate(frame, n, frame.length - 1 - n);
            }
            INT_BE.set(frame, 0, n - HEADER_SIZE);
            frame[4] = 1;
            frame[n] = FLUSHER;
            out.write(frame, 0, n + 1);
            return true;
        } finally {
            deflater.end();
        }
    }

    /** The middle {@link #SAMPLE} bytes (or fewer) of {@code data}'s remaining bytes. */
    private static ByteBuffer middle(ByteBuffer data) {
        int n = Math.min(SAMPLE, data.remaining());
        return data.slice(data.position() + (data.remaining() - n) / 2, n);
    }

    /** Whether a sample of the payload (its remaining bytes) shrinks by at least a tenth. */
    private static boolean shrinks(ByteBuffer sample) {
        int len = sample.remaining();
        Deflater deflater = new Deflater(COMPRESSION_LEVEL, false);
        try {
            deflater.setInput(sample);
            deflater.finish();
            byte[] sink = new byte[len];
            int n = 0;
            while (!deflater.finished() && n < sink.length) {
                n += deflater.deflate(sink, n, sink.length - n);
            }
            return deflater.finished() && n < len - len / 10;
        } finally {
            deflater.end();
        }
    }
}
