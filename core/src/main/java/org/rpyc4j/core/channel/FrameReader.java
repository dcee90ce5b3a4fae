package org.rpyc4j.core.channel;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.annotation.Nullable;
import org.rpyc4j.core.brine.BrineReader;
import org.rpyc4j.core.brine.BrineWriter;
import org.rpyc4j.api.error.ProtocolException;

/**
 * Reads RPyC frames from a byte stream: {@code u32 length, u8 flag, body[length], 1 trailing byte}.
 *
 * <p>Accepts what Python accepts: frames split or coalesced arbitrarily, any non-zero flag meaning "zlib
 * compressed" (any level), any value of the trailing byte (Python drops it unread). Frames whose body or
 * payload is empty are skipped, as Python ignores them. Unlike Python it enforces limits: the declared
 * body length ({@code maxFrameSize}) and the inflated size ({@code maxInflatedSize}); memory is never
 * committed beyond those.
 *
 * <p>Reads through an internal 64 KiB buffer, so a burst of small frames costs one {@code read} call. The
 * reader owns the stream position: do not read {@code in} elsewhere. Not thread-safe.
 */
public final class FrameReader {
    static final int HEADER_SIZE = 5;
    /**
     * The read buffer: every connection holds one while it waits, so it is small (an idle connection should
     * cost little); RPyC messages are mostly far smaller, and a body that does not fit is read straight into
     * its own array.
     */
    private static final int BUFFER_SIZE = 8 * 1024;
    /** The largest array the VM reliably allocates. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    /**
     * Bodies up to this size are allocated from the declared length; larger ones grow as bytes arrive, so
     * that a header alone cannot make us commit {@code maxFrameSize} bytes.
     */
    private static final int EAGER_BODY_LIMIT = 1 << 20;
    /**
     * How much a large body's array grows when full: at most this many times the bytes that have arrived are
     * committed, and a 16 MiB body is copied twice on the way (1, 4, 16 MiB), not four times.
     */
    private static final int GROWTH = 4;
    /** Body bytes looked at for a large bytes value's length (see {@link #spliceLargeBytes()}). */
    private static final int SPLIT_PREFIX = 64;
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final InputStream in;
    private final int maxFrameSize;
    private final int maxInflatedSize;
    private final byte[] buf = new byte[BUFFER_SIZE];
    private int pos;
    private int lim;
    private boolean firstFrame = true;
    /** The body length of the frame being read, or -1 between frames. */
    private int bodyLength = -1;
    private int flag;
    /** A body too large for {@link #buf}, as far as it has arrived. */
    private @Nullable byte[] largeBody;
    private int largeFilled;
    /** Whether large bytes values are read into arrays of their own (see {@link #spliceLargeBytes()}). */
    private boolean splicing;
    /** A body being read with one large bytes value apart; null when not. */
    private @Nullable SplitBody split;
    /** Whether the frame being read has been looked at for a large bytes value. */
    private boolean splitDecided;
    private @Nullable Splice lastSplice;

    /**
     * A large bytes value that {@link #readPayload()} took out of the payload it returned.
     *
     * @param at the index in the payload at which the value's content would start (right after its length)
     * @param value the content
     */
    public record Splice(int at, byte[] value) {
    }

    /**
     * @param in the stream to read frames from
     * @param maxFrameSize the largest body length accepted, in bytes as on the wire
     * @param maxInflatedSize the largest payload a compressed body may inflate to
     */
    public FrameReader(InputStream in, int maxFrameSize, int maxInflatedSize) {
        if (maxFrameSize < 1 || maxInflatedSize < 1) {
            throw new IllegalArgumentException("limits must be positive: " + maxFrameSize + ", " + maxInflatedSize);
        }
        this.in = in;
        this.maxFrameSize = Math.min(maxFrameSize, MAX_ARRAY);
        this.maxInflatedSize = Math.min(maxInflatedSize, MAX_ARRAY);
    }

    /**
     * Reads the next frame and returns its payload (inflated when the flag byte is non-zero).
     *
     * @return the payload, never empty; {@code null} if the stream ends cleanly before a frame starts
     * @throws ProtocolException if the frame exceeds a limit, the stream ends inside a frame, or a compressed
     *     body is not a valid zlib stream
     * @throws IOException if reading fails
     */
    public @Nullable byte[] readPayload() throws IOException {
        lastSplice = null;
        while (true) {
            if (bodyLength < 0) {
                if (!fill(HEADER_SIZE)) {
                    if (lim == pos) {
                        return null;
                    }
                    throw new ProtocolException("truncated frame: the stream ended after " + (lim - pos)
                            + " bytes of a 5-byte frame header");
                }
                long length = Integer.toUnsignedLong((int) INT_BE.get(buf, pos));
                if (length > maxFrameSize) {
                    throw tooLarge(length);
                }
                flag = buf[pos + 4];
                pos += HEADER_SIZE;
                firstFrame = false;
                bodyLength = (int) length;
            }
            byte[] body = readBody(bodyLength);
            int length = bodyLength;
            bodyLength = -1; // the frame is complete: the next call starts a new one
            if (length == 0) {
                continue; // Python ignores empty frames, whatever the flag
            }
            byte[] payload = flag == 0 ? body : inflate(body);
            if (payload.length > 0) {
                return payload;
            }
        }
    }

    /**
     * From now on, an uncompressed frame larger than 1 MiB whose brine holds a bytes value of at least
     * {@value BrineWriter#SPLICE_MIN} bytes near its start (the usual shape of a call or reply carrying one)
     * has that value's content read straight into an array of its own: {@link #readPayload()} returns the rest
     * and {@link #takeSplice()} the value, for {@link Envelope#decode(org.rpyc4j.api.Dialect, byte[], Splice)}.
     * Saves copying megabytes from the body into the decoded value.
     */
    public FrameReader spliceLargeBytes() {
        splicing = true;
        return this;
    }

    /** The bytes value taken out of the payload {@link #readPayload()} last returned, or null; once only. */
    public @Nullable Splice takeSplice() {
        Splice s = lastSplice;
        lastSplice = null;
        return s;
    }

    /**
     * Looks at the first 5 bytes of the stream without consuming them and says what foreign protocol they
     * belong to, if any (see {@link StreamSniffer#describeForeign}). Blocks until 5 bytes or EOF arrive.
     *
     * @return the description, or {@code null} if the stream looks like RPyC or ended first
     */
    public @Nullable String sniffFirstFrame() throws IOException {
        if (!fill(HEADER_SIZE)) {
            return null;
        }
        return StreamSniffer.describeForeign(Arrays.copyOfRange(buf, pos, pos + HEADER_SIZE));
    }

    private ProtocolException tooLarge(long length) {
        String message = "frame of " + length + " bytes exceeds the limit of " + maxFrameSize;
        if (firstFrame) {
            String foreign = StreamSniffer.describeForeign(Arrays.copyOfRange(buf, pos, pos + HEADER_SIZE));
            if (foreign != null) {
                message += "; the peer is not speaking RPyC, this looks like " + foreign;
            }
        }
        return new ProtocolException(message);
    }

    /**
     * The body and the trailing byte, which is consumed and dropped. A read that times out
     * ({@link java.net.SocketTimeoutException}) leaves what has arrived in {@link #buf} or {@link #largeBody},
     * so the next call resumes the same frame.
     */
    private byte[] readBody(int length) throws IOException {
        if (length < buf.length) {
            // common case: body and trailing byte fit the buffer, often already there
            if (!fill(length + 1)) {
                throw truncated(length, Math.min(lim - pos, length));
            }
            byte[] body = Arrays.copyOfRange(buf, pos, pos + length);
            pos += length + 1;
            return body;
        }
        if (splicing && !splitDecided && largeBody == null && flag == 0 && length > EAGER_BODY_LIMIT) {
            // the value's length comes within the first few dozen bytes of a call or reply
            if (!fill(SPLIT_PREFIX)) {
                throw truncated(length, lim - pos);
            }
            split = SplitBody.find(buf, pos, Math.min(lim - pos, length), length);
            splitDecided = true;
        }
        if (split != null) {
            return readSplit(split, length);
        }
        if (largeBody == null) {
            largeBody = new byte[Math.min(length, EAGER_BODY_LIMIT)];
            largeFilled = Math.min(lim - pos, length);
            System.arraycopy(buf, pos, largeBody, 0, largeFilled);
            pos += largeFilled;
        }
        // the rest goes straight from the stream into the body, bypassing the buffer
        while (largeFilled < length) {
            if (largeFilled == largeBody.length) {
                largeBody = Arrays.copyOf(largeBody, (int) Math.min(length, (long) GROWTH * largeBody.length));
            }
            int r = in.read(largeBody, largeFilled, largeBody.length - largeFilled);
            if (r < 0) {
                throw truncated(length, largeFilled);
            }
            largeFilled += r;
        }
        if (!fill(1)) {
            throw truncated(length, length);
        }
        pos++;
        byte[] body = largeBody;
        largeBody = null;
        splitDecided = false;
        return body;
    }

    /** {@link #readBody} for a body with one large bytes value apart: returns the rest, keeps the value. */
    private byte[] readSplit(SplitBody b, int length) throws IOException {
        int buffered = Math.min(lim - pos, length - b.filled);
        if (buffered > 0) {
            b.put(buf, pos, buffered);
            pos += buffered;
        }
        while (b.filled < length) {
            if (b.readFrom(in) < 0) {
                throw truncated(length, b.filled);
            }
        }
        if (!fill(1)) {
            throw truncated(length, length);
        }
        pos++;
        split = null;
        splitDecided = false;
        lastSplice = new Splice(b.at, b.value);
        return b.rest;
    }

    /**
     * A body read in three parts: bytes before a large bytes value's content and after it (together, {@link #rest},
     * allocated at once, at most 1 MiB), and the content ({@link #value}, growing as it arrives, like a large body).
     */
    private static final class SplitBody {
        final int at;
        final int valueLength;
        final int length;
        final byte[] rest;
        byte[] value;
        /** Body bytes received so far. */
        int filled;

        private SplitBody(int at, int valueLength, int length) {
            this.at = at;
            this.valueLength = valueLength;
            this.length = length;
            this.rest = new byte[length - valueLength];
            this.value = new byte[Math.min(valueLength, EAGER_BODY_LIMIT)];
        }

        /**
         * The split of a body of {@code length} bytes whose first {@code available} bytes are in
         * {@code buf[pos...]}; null if those bytes hold no large bytes value's length or the rest would be large.
         */
        static @Nullable SplitBody find(byte[] buf, int pos, int available, int length) {
            int content = BrineReader.findLargeBytes(buf, pos, pos + available, BrineWriter.SPLICE_MIN);
            if (content < 0) {
                return null;
            }
            long valueLength = Integer.toUnsignedLong((int) INT_BE.get(buf, content - 4));
            int at = content - pos;
            if (at + valueLength > length || length - valueLength > EAGER_BODY_LIMIT) {
                return null;   // not this frame's value, or a large rest: read the body whole
            }
            return new SplitBody(at, (int) valueLength, length);
        }

        /** Takes {@code n} body bytes from {@code src}. */
        void put(byte[] src, int off, int n) {
            while (n > 0) {
                byte[] t = target();
                int k = Math.min(n, room());
                System.arraycopy(src, off, t, targetOffset(), k);
                filled += k;
                off += k;
                n -= k;
            }
        }

        /** Reads body bytes from {@code in} straight into their place; returns what read returned. */
        int readFrom(InputStream in) throws IOException {
            int r = in.read(target(), targetOffset(), room());
            if (r > 0) {
                filled += r;
            }
            return r;
        }

        private boolean inValue() {
            return filled >= at && filled < at + valueLength;
        }

        private byte[] target() {
            if (inValue() && filled - at == value.length) {
                value = Arrays.copyOf(value, (int) Math.min(valueLength, (long) GROWTH * value.length));
            }
            return inValue() ? value : rest;
        }

        private int targetOffset() {
            return filled < at ? filled : inValue() ? filled - at : filled - valueLength;
        }

        /** Bytes that fit the current part from {@link #filled} on (call after {@link #target()}). */
        private int room() {
            return filled < at ? at - filled : inValue() ? value.length - (filled - at) : length - filled;
        }
    }

    private static ProtocolException truncated(int length, int got) {
        return new ProtocolException("truncated frame: the stream ended after " + got + " of " + length
                + " body bytes (plus the trailing byte)");
    }

    /** Makes at least {@code n} (at most the buffer size) bytes available; false on EOF before that. */
    private boolean fill(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (buf.length - pos < n) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        while (lim - pos < n) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                return false;
            }
            lim += r;
        }
        return true;
    }

    /** Inflates a zlib stream (RFC 1950) incrementally, refusing to produce more than the limit. */
    private byte[] inflate(byte[] body) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(body);
            byte[] out = new byte[(int) Math.min(maxInflatedSize, Math.max(1024L, 4L * body.length))];
            int n = 0;
            while (true) {
                int produced;
                if (n < out.length) {
                    produced = inflater.inflate(out, n, out.length - n);
                    n += produced;
                } else if (n < maxInflatedSize) {
                    out = Arrays.copyOf(out, (int) Math.min(maxInflatedSize, 2L * out.length));
                    continue;
                } else {
                    // full at the limit: one more byte of output means the payload is too large
                    produced = inflater.inflate(new byte[1]);
                    if (produced > 0) {
                        throw new ProtocolException("compressed frame inflates to more than the limit of "
                                + maxInflatedSize + " bytes");
                    }
                }
                if (inflater.finished()) {
                    // bytes after the end of the zlib stream are ignored, as Python's zlib.decompress does
                    return n == out.length ? out : Arrays.copyOf(out, n);
                }
                // all input is given at once, so no output despite room for it means the stream is cut
                // short (needsInput() alone is not enough: zlib may still hold output it had no room for)
                if (produced == 0) {
                    if (inflater.needsDictionary()) {
                        throw new ProtocolException(
                                "invalid zlib data in a compressed frame: needs a preset dictionary");
                    }
                    if (inflater.needsInput()) {
                        throw new ProtocolException("invalid zlib data in a compressed frame: the stream is truncated");
                    }
                }
            }
        } catch (DataFormatException e) {
            throw new ProtocolException("invalid zlib data in a compressed frame: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }
}
