package org.rpyc4j.core.brine;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.annotation.Nullable;
import org.rpyc4j.api.value.Complex;
import org.rpyc4j.api.value.FrozenSet;
import org.rpyc4j.api.value.PyConstant;
import org.rpyc4j.api.value.Slice;
import org.rpyc4j.api.value.Tuple;

/**
 * A growable byte buffer with a canonical brine encoder: {@link #writeValue} produces exactly the bytes
 * Python's {@code brine.dump} produces for the same value.
 *
 * <p>Dumpable values: {@code null}, {@link Boolean}, {@link Long}, {@link Integer}, {@link Short},
 * {@link Byte}, {@link BigInteger} (all as Python int), {@link Double} and {@link Float} (float),
 * {@code byte[]} (bytes), {@link String} and {@link Character} (str), {@link Complex}, {@link PyConstant},
 * and {@link Tuple}, {@link FrozenSet}, {@link Slice} whose members are dumpable, nested at most
 * {@value #MAX_DEPTH} containers deep. Anything else is refused with a {@link BrineException}.
 *
 * <p>The raw methods ({@link #writeByte}, {@link #writeInt}, {@link #reserve}, {@link #setInt}) let a caller
 * put a frame header in front of the brine in the same buffer. Not thread-safe.
 *
 * <p>Splicing ({@link #spliceLargeBytes()}): a writer that goes straight to a stream may reference large
 * {@code byte[]} values instead of copying them into its buffer, so that megabytes are not copied (and the
 * buffer not grown) just to be written out. {@link #writeTo} then writes the buffer and the referenced arrays in
 * order; {@link #array()} holds only the buffer's part.
 */
public final class BrineWriter {
    /** The deepest nesting of tuples, frozensets and slices that is encoded or decoded. */
    public static final int MAX_DEPTH = 1000;

    static final int TAG_NONE = 0x00;
    static final int TAG_EMPTY_BYTES = 0x01;
    static final int TAG_EMPTY_TUPLE = 0x02;
    static final int TAG_TRUE = 0x03;
    static final int TAG_FALSE = 0x04;
    static final int TAG_NOT_IMPLEMENTED = 0x05;
    static final int TAG_ELLIPSIS = 0x06;
    static final int TAG_STR = 0x08;
    static final int TAG_BYTES1 = 0x0a;
    static final int TAG_BYTES2 = 0x0b;
    static final int TAG_BYTES3 = 0x0c;
    static final int TAG_BYTES4 = 0x0d;
    static final int TAG_BYTES_L1 = 0x0e;
    static final int TAG_BYTES_L4 = 0x0f;
    static final int TAG_TUPLE1 = 0x10;
    static final int TAG_TUPLE2 = 0x11;
    static final int TAG_TUPLE3 = 0x12;
    static final int TAG_TUPLE4 = 0x13;
    static final int TAG_TUPLE_L1 = 0x14;
    static final int TAG_TUPLE_L4 = 0x15;
    static final int TAG_INT_L1 = 0x16;
    static final int TAG_INT_L4 = 0x17;
    static final int TAG_FLOAT = 0x18;
    static final int TAG_SLICE = 0x19;
    static final int TAG_FROZENSET = 0x1a;
    static final int TAG_COMPLEX = 0x1b;
    static final int IMMEDIATE_MIN = -48;
    static final int IMMEDIATE_MAX = 159;
    /** Immediate int {@code v} is the single byte {@code v + IMMEDIATE_BIAS}. */
    static final int IMMEDIATE_BIAS = 0x50;

    static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    /** The smallest bytes value a splicing writer references instead of copying. */
    public static final int SPLICE_MIN = 256 * 1024;
    /** The largest brine a writer holds, as a Java array can (spliced values included). */
    private static final long MAX_SIZE = Integer.MAX_VALUE - 8;

    private byte[] buf;
    private int size;
    private boolean splicing;
    /** Referenced bytes values in order, each inserted at buffer position {@code at}; null while none. */
    private @Nullable ArrayList<Splice> splices;
    private long splicedBytes;

    /** {@code len} bytes of {@code data} from {@code off}, standing between buffer bytes {@code at - 1} and {@code at}. */
    private record Splice(int at, byte[] data, int off, int len) {
    }

    /** A writer with a small initial buffer. */
    public BrineWriter() {
        this(256);
    }

    /** A writer whose buffer starts with room for {@code initialCapacity} bytes. */
    public BrineWriter(int initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("negative capacity " + initialCapacity);
        }
        buf = new byte[Math.max(initialCapacity, 16)];
    }

    /**
     * Appends the canonical brine encoding of {@code value}.
     *
     * @throws BrineException if the value is not dumpable (or nested deeper than {@value #MAX_DEPTH});
     *     the writer is then left as it was before the call
     */
    public BrineWriter writeValue(@Nullable Object value) {
        int start = size;
        int splicesBefore = splices == null ? 0 : splices.size();
        try {
            write(value, 0);
        } catch (BrineException e) {
            size = start;
            while (splices != null && splices.size() > splicesBefore) {
                splicedBytes -= splices.removeLast().len();
            }
            throw e;
        }
        return this;
    }

    /**
     * From now on, bytes values of at least {@value #SPLICE_MIN} bytes are referenced, not copied: they must not
     * change until the writer has been written out ({@link #writeTo}) or reset.
     */
    public BrineWriter spliceLargeBytes() {
        splicing = true;
        return this;
    }

    /** Whether bytes values are referenced rather than held in {@link #array()}. */
    public boolean hasSplices() {
        return splices != null && !splices.isEmpty();
    }

    /** Writes the brine written so far, referenced bytes values included, to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        int pos = 0;
        if (splices != null) {
            for (Splice s : splices) {
                out.write(buf, pos, s.at() - pos);
                out.write(s.data(), s.off(), s.len());
                pos = s.at();
            }
        }
        out.write(buf, pos, size - pos);
    }

    /** The largest referenced bytes value (a read-only view, e.g. to sample it), or null if none. */
    public @Nullable ByteBuffer largestSplice() {
        Splice largest = null;
        if (splices != null) {
            for (Splice s : splices) {
                if (largest == null || s.len() > largest.len()) {
                    largest = s;
                }
            }
        }
        return largest == null ? null : ByteBuffer.wrap(largest.data(), largest.off(), largest.len()).asReadOnlyBuffer();
    }

    /** Appends one raw byte (the low 8 bits of {@code b}). */
    public void writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
    }

    /** Appends {@code len} raw bytes of {@code b} starting at {@code off}. */
    public void writeBytes(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    /** Appends {@code v} as a big-endian u32 (or s32: the same four bytes). */
    public void writeInt(int v) {
        ensure(4);
        INT_BE.set(buf, size, v);
        size += 4;
    }

    /** Overwrites the four bytes at {@code position} (at most {@link #size()} - 4) with {@code v}, big-endian. */
    public void setInt(int position, int v) {
        if (position < 0 || position > size - 4) {
            throw new IndexOutOfBoundsException("position " + position + " of " + size);
        }
        INT_BE.set(buf, position, v);
    }

    /** Skips {@code n} bytes, set to zero, to be filled in later with {@link #setInt} or through {@link #array()}. */
    public void reserve(int n) {
        ensure(n);
        Arrays.fill(buf, size, size + n, (byte) 0);
        size += n;
    }

    /** The number of bytes written (referenced bytes values included). */
    public int size() {
        return (int) (size + splicedBytes);
    }

    /**
     * The backing array, valid up to {@link #size()} when nothing is referenced ({@link #hasSplices()}); it is
     * replaced when the buffer grows.
     */
    public byte[] array() {
        return buf;
    }

    /** A copy of the bytes written (referenced bytes values included). */
    public byte[] toByteArray() {
        if (!hasSplices()) {
            return Arrays.copyOf(buf, size);
        }
        byte[] all = new byte[size()];
        int pos = 0;
        int to = 0;
        for (Splice s : splices) {
            System.arraycopy(buf, pos, all, to, s.at() - pos);
            to += s.at() - pos;
            System.arraycopy(s.data(), s.off(), all, to, s.len());
            to += s.len();
            pos = s.at();
        }
        System.arraycopy(buf, pos, all, to, size - pos);
        return all;
    }

    /** Forgets the bytes written (and the references), keeping the buffer. */
    public void reset() {
        size = 0;
        splices = null;
        splicedBytes = 0;
    }

    private void ensure(int n) {
        if (n > buf.length - size) {
            grow(n);
        }
    }

    private void grow(int n) {
        long needed = (long) size + n;
        checkTotal(n);
        int capacity = (int) Math.min(Math.max(needed, (long) buf.length * 2), MAX_SIZE);
        buf = Arrays.copyOf(buf, capacity);
    }

    /** Refuses to hold more brine than a Java array can, referenced values included. */
    private void checkTotal(int more) {
        long total = (long) size + splicedBytes + more;
        if (total > MAX_SIZE) {
            throw new BrineException("brine value too large: " + total + " bytes");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // encoding

    private void write(@Nullable Object value, int depth) {
        switch (value) {
            case null -> writeByte(TAG_NONE);
            case Long l -> writeLong(l);
            case String s -> writeStr(s);
            case Tuple t -> writeTuple(t.items(), depth + 1);
            case Boolean b -> writeByte(b ? TAG_TRUE : TAG_FALSE);
            case byte[] b -> writeBytesValue(b, 0, b.length);
            case Integer i -> writeLong(i);
            case Double d -> writeDouble(d);
            case BigInteger big -> writeBigInteger(big);
            case FrozenSet f -> {
                checkDepth(depth + 1);
                writeByte(TAG_FROZENSET);
                writeTuple(f.members(), depth + 1);
            }
            case Slice s -> {
                checkDepth(depth + 1);
                ensure(2);
                buf[size++] = TAG_SLICE;
                buf[size++] = TAG_TUPLE3;
                write(s.start(), depth + 1);
                write(s.stop(), depth + 1);
                write(s.step(), depth + 1);
            }
            case Complex c -> {
                ensure(17);
                buf[size] = TAG_COMPLEX;
                LONG_BE.set(buf, size + 1, Double.doubleToRawLongBits(c.real()));
                LONG_BE.set(buf, size + 9, Double.doubleToRawLongBits(c.imag()));
                size += 17;
            }
            case PyConstant k -> writeByte(k == PyConstant.ELLIPSIS ? TAG_ELLIPSIS : TAG_NOT_IMPLEMENTED);
            case Short sh -> writeLong(sh);
            case Byte by -> writeLong(by);
            case Float f -> writeDouble(f);
            case Character c -> writeStr(String.valueOf(c.charValue()));
            default -> throw new BrineException("cannot dump " + describe(value));
        }
    }

    private static void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new BrineException("cannot dump a value nested more than " + MAX_DEPTH + " levels deep");
        }
    }

    private void writeTuple(List<Object> items, int depth) {
        checkDepth(depth);
        int n = items.size();
        if (n == 0) {
            writeByte(TAG_EMPTY_TUPLE);
            return;
        }
        if (n <= 4) {
            writeByte(TAG_TUPLE1 + n - 1);
        } else if (n < 256) {
            ensure(2);
            buf[size++] = TAG_TUPLE_L1;
            buf[size++] = (byte) n;
        } else {
            writeByte(TAG_TUPLE_L4);
            writeInt(n);
        }
        for (int i = 0; i < n; i++) {
            write(items.get(i), depth);
        }
    }

    private void writeLong(long v) {
        if (v >= IMMEDIATE_MIN && v <= IMMEDIATE_MAX) {
            writeByte((int) v + IMMEDIATE_BIAS);
            return;
        }
        // decimal text written in place, right to left, without a String; work on the negative
        // magnitude so that Long.MIN_VALUE needs no special case
        int len = decimalLength(v);
        ensure(2 + len);
        buf[size] = TAG_INT_L1;
        buf[size + 1] = (byte) len;
        int p = size + 2 + len;
        long q = v < 0 ? v : -v;
        while (q != 0) {
            long next = q / 10;
            buf[--p] = (byte) ('0' + (int) (next * 10 - q));
            q = next;
        }
        if (v < 0) {
            buf[--p] = '-';
        }
        size += 2 + len;
    }

    /** Characters of {@code Long.toString(v)}, sign included. */
    private static int decimalLength(long v) {
        int len = v < 0 ? 2 : 1;
        long q = v < 0 ? v : -v;
        while (q <= -10) {
            q /= 10;
            len++;
        }
        return len;
    }

    private void writeBigInteger(BigInteger big) {
        if (big.bitLength() < 64) {
            writeLong(big.longValue());
            return;
        }
        String text = big.toString();
        int len = text.length();
        if (len < 256) {
            ensure(2 + len);
            buf[size++] = TAG_INT_L1;
            buf[size++] = (byte) len;
        } else {
            writeByte(TAG_INT_L4);
            writeInt(len);
        }
        ensure(len);
        for (int i = 0; i < len; i++) {
            buf[size + i] = (byte) text.charAt(i);
        }
        size += len;
    }

    private void writeDouble(double d) {
        ensure(9);
        buf[size] = TAG_FLOAT;
        LONG_BE.set(buf, size + 1, Double.doubleToRawLongBits(d));
        size += 9;
    }

    /** A bytes value: the length class by byte count, then the bytes. */
    private void writeBytesValue(byte[] b, int off, int len) {
        writeBytesHeader(len);
        if (splicing && len >= SPLICE_MIN) {
            checkTotal(len);
            if (splices == null) {
                splices = new ArrayList<>();
            }
            splices.add(new Splice(size, b, off, len));
            splicedBytes += len;
        } else {
            writeBytes(b, off, len);
        }
    }

    private void writeBytesHeader(int len) {
        if (len == 0) {
            writeByte(TAG_EMPTY_BYTES);
        } else if (len <= 4) {
            writeByte(TAG_BYTES1 + len - 1);
        } else if (len < 256) {
            ensure(2);
            buf[size++] = TAG_BYTES_L1;
            buf[size++] = (byte) len;
        } else {
            writeByte(TAG_BYTES_L4);
            writeInt(len);
        }
    }

    /** A str: tag 08 then its UTF-8 bytes as a bytes value, encoded straight into the buffer. */
    private void writeStr(String s) {
        int n = s.length();
        long utf8Length = utf8Length(s);
        if (utf8Length < 0) {
            throw new BrineException("cannot dump a str with an unpaired surrogate at index " + ~utf8Length);
        }
        if (utf8Length > Integer.MAX_VALUE - 16) {
            throw new BrineException("cannot dump a str of " + utf8Length + " UTF-8 bytes");
        }
        int len = (int) utf8Length;
        writeByte(TAG_STR);
        writeBytesHeader(len);
        ensure(len);
        byte[] b = buf;
        int p = size;
        if (len == n) {
            // all ASCII: one byte per char
            for (int i = 0; i < n; i++) {
                b[p + i] = (byte) s.charAt(i);
            }
            size += n;
            return;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xc0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xf0 | cp >> 18);
                b[p++] = (byte) (0x80 | cp >> 12 & 0x3f);
                b[p++] = (byte) (0x80 | cp >> 6 & 0x3f);
                b[p++] = (byte) (0x80 | cp & 0x3f);
            } else {
                b[p++] = (byte) (0xe0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3f);
                b[p++] = (byte) (0x80 | c & 0x3f);
            }
        }
        size = p;
    }

    /**
     * The UTF-8 length of {@code s}, or {@code ~index} of the first unpaired surrogate: Python cannot encode
     * those either, and Java's encoder would silently replace them with '?'.
     */
    static long utf8Length(String s) {
        int n = s.length();
        long len = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                len += 1;
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    len += 2; // 2 chars, 4 bytes
                    i++;
                } else {
                    return ~(long) i;
                }
            } else {
                len += 2;
            }
        }
        return len;
    }

    static String describe(Object value) {
        return value.getClass().getTypeName();
    }
}
