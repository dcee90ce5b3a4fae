package org.rpyc4j.core.brine;

import static org.rpyc4j.core.brine.BrineWriter.*;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.annotation.Nullable;
import org.rpyc4j.api.value.Complex;
import org.rpyc4j.api.value.FrozenSet;
import org.rpyc4j.api.value.PyConstant;
import org.rpyc4j.api.value.Slice;
import org.rpyc4j.api.value.Tuple;

/**
 * Decodes brine values from a byte range, one {@link #readValue()} at a time.
 *
 * <p>Accepts what Python's loader accepts except where that would be unsafe: non-minimal size classes,
 * int text as Python's {@code int()} reads it ({@code +}, {@code _} between digits, surrounding ASCII
 * whitespace, leading zeros), frozensets with duplicate members (collapsed with Python's equality, first
 * occurrence kept, otherwise wire order; in expected time linear in the members, whatever their Java hash
 * codes: {@code MemberKey}). Ints are {@link Long} when they fit, else {@link BigInteger}.
 *
 * <p>Rejects with {@link BrineException}: unknown tags ({@code 07}, {@code 09}, {@code 1c}-{@code 1f},
 * {@code f0}-{@code ff}), reading at the end, truncation (Python silently returns short reads; we do not),
 * {@code 08} not followed by a bytes value or by invalid UTF-8, {@code 19}/{@code 1a} not followed by a
 * tuple (and a slice tuple that is not a 3-tuple), nesting deeper than {@value BrineWriter#MAX_DEPTH}
 * containers, int text longer than {@value #MAX_INT_TEXT} characters. Declared lengths are checked against
 * the bytes left before anything is allocated. Not thread-safe.
 */
public final class BrineReader {
    /** Longest int text accepted; Python itself refuses ints of more than 4300 digits. */
    public static final int MAX_INT_TEXT = 5000;

    private static final Long[] IMMEDIATES = new Long[IMMEDIATE_MAX - IMMEDIATE_MIN + 1];
    private static final byte[] EMPTY_BYTES = {};
    /** Above this, accumulating one more digit could overflow a long. */
    private static final long LONG_ACC_LIMIT = (Long.MAX_VALUE - 9) / 10;

    static {
        for (int i = 0; i < IMMEDIATES.length; i++) {
            IMMEDIATES[i] = (long) (i + IMMEDIATE_MIN);
        }
    }

    private final byte[] data;
    private final int start;
    private final int end;
    private int pos;
    private @Nullable CharsetDecoder utf8;
    /** A bytes value whose content was taken out of {@link #data}: it stands where the content would start. */
    private @Nullable byte[] spliced;
    private int splicedAt = -1;

    /** A reader of {@code data[offset, offset + length)}. */
    public BrineReader(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        this.data = data;
        this.start = offset;
        this.end = offset + length;
        this.pos = offset;
    }

    /**
     * A reader of {@code data[offset, offset + length)} from which the content of one large bytes value (a 4-byte
     * length) has been taken out, as {@link #findLargeBytes} found it: {@code value} is that bytes value, and its
     * content would start at {@code data[at]}, right after its length.
     */
    public BrineReader(byte[] data, int offset, int length, int at, byte[] value) {
        this(data, offset, length);
        Objects.checkIndex(at - offset, length + 1);
        this.spliced = value;
        this.splicedAt = at;
    }

    /**
     * Where the content of the first bytes value of at least {@code minLength} bytes starts, scanning the brine
     * in {@code data[offset, end)}, which may be only the beginning of the encoded value; -1 if no such value's
     * length lies in that range, or the bytes before it are not brine. Tuple, slice and frozenset headers are
     * stepped into; the content of a str is not a bytes value.
     */
    public static int findLargeBytes(byte[] data, int offset, int end, int minLength) {
        long p = offset;
        while (p < end) {
            int at = (int) p;
            int tag = data[at] & 0xff;
            if (tag >= 0x20) {
                if (tag > 0xef) {
                    return -1;
                }
                p++;
                continue;
            }
            switch (tag) {
                case TAG_NONE, TAG_EMPTY_BYTES, TAG_EMPTY_TUPLE, TAG_TRUE, TAG_FALSE, TAG_NOT_IMPLEMENTED,
                        TAG_ELLIPSIS, TAG_TUPLE1, TAG_TUPLE2, TAG_TUPLE3, TAG_TUPLE4, TAG_SLICE, TAG_FROZENSET -> p++;
                case TAG_TUPLE_L1 -> p += 2;
                case TAG_TUPLE_L4 -> p += 5;
                case TAG_BYTES1, TAG_BYTES2, TAG_BYTES3, TAG_BYTES4 -> p += 1 + (tag - TAG_BYTES1 + 1);
                case TAG_BYTES_L1, TAG_INT_L1 -> {
                    if (at + 1 >= end) {
                        return -1;
                    }
                    p += 2 + (data[at + 1] & 0xff);
                }
                case TAG_BYTES_L4, TAG_INT_L4 -> {
                    if (at + 5 > end) {
                        return -1;
                    }
                    long n = Integer.toUnsignedLong((int) INT_BE.get(data, at + 1));
                    if (tag == TAG_BYTES_L4 && n >= minLength) {
                        return at + 5;
                    }
                    p += 5 + n;
                }
                case TAG_STR -> {
                    // the bytes value after it is text: step over it whole
                    if (at + 1 >= end) {
                        return -1;
                    }
                    int inner = data[at + 1] & 0xff;
                    if (inner == TAG_BYTES_L4) {
                        if (at + 6 > end) {
                            return -1;
                        }
                        p += 6 + Integer.toUnsignedLong((int) INT_BE.get(data, at + 2));
                    } else {
                        p++;   // a short bytes value follows: the next turn steps over it
                    }
                }
                case TAG_FLOAT -> p += 9;
                case TAG_COMPLEX -> p += 17;
                default -> {
                    return -1;
                }
            }
        }
        return -1;
    }

    /**
     * Decodes the next value.
     *
     * @throws BrineException if the bytes are not one valid brine value (see the class comment)
     */
    public @Nullable Object readValue() {
        if (pos >= end) {
            throw new BrineException(
                    pos == start ? "empty brine input" : "truncated brine: no value left at offset " + pos);
        }
        return read(0);
    }

    /** Whether every byte of the range (and the value taken out of it, if any) has been consumed. */
    public boolean atEnd() {
        return pos >= end && spliced == null;
    }

    /** The index in the {@code data} array of the next byte to decode. */
    public int position() {
        return pos;
    }

    // ---------------------------------------------------------------------------------------------

    /** One value; {@code depth} is the number of containers around it. */
    private @Nullable Object read(int depth) {
        int at = pos;
        int tag = u8();
        if (tag >= 0x20) {
            if (tag <= 0xef) {
                return IMMEDIATES[tag - 0x20];
            }
            throw unknownTag(tag, at);
        }
        return switch (tag) {
            case TAG_NONE -> null;
            case TAG_EMPTY_BYTES -> EMPTY_BYTES;
            case TAG_EMPTY_TUPLE -> Tuple.EMPTY;
            case TAG_TRUE -> Boolean.TRUE;
            case TAG_FALSE -> Boolean.FALSE;
            case TAG_NOT_IMPLEMENTED -> PyConstant.NOT_IMPLEMENTED;
            case TAG_ELLIPSIS -> PyConstant.ELLIPSIS;
            case TAG_STR -> readStr(at);
            case TAG_BYTES1, TAG_BYTES2, TAG_BYTES3, TAG_BYTES4, TAG_BYTES_L1, TAG_BYTES_L4 -> {
                byte[] value = spliced;
                if (value != null && tag == TAG_BYTES_L4 && pos + 4 == splicedAt) {
                    if (u32(at) != value.length) {
                        throw new BrineException("bytes at offset " + at + " does not match the value taken out");
                    }
                    spliced = null;
                    yield value;
                }
                int len = bytesLength(tag, at);
                byte[] b = Arrays.copyOfRange(data, pos, pos + len);
                pos += len;
                yield b;
            }
            case TAG_TUPLE1, TAG_TUPLE2, TAG_TUPLE3, TAG_TUPLE4, TAG_TUPLE_L1, TAG_TUPLE_L4 -> {
                Object[] items = readTupleItems(tag, at, depth + 1);
                yield items.length == 0 ? Tuple.EMPTY : Tuple.of(items);
            }
            case TAG_INT_L1 -> readIntText(need(u8(), at));
            case TAG_INT_L4 -> readIntText(need(u32(at), at));
            case TAG_FLOAT -> {
                need(8, at);
                double d = Double.longBitsToDouble((long) LONG_BE.get(data, pos));
                pos += 8;
                yield d;
            }
            case TAG_COMPLEX -> {
                need(16, at);
                double re = Double.longBitsToDouble((long) LONG_BE.get(data, pos));
                double im = Double.longBitsToDouble((long) LONG_BE.get(data, pos + 8));
                pos += 16;
                yield new Complex(re, im);
            }
            case TAG_SLICE -> {
                Object[] items = readNestedTuple("slice", at, depth + 1);
                if (items.length != 3) {
                    throw new BrineException("slice at offset " + at + " holds a tuple of " + items.length
                            + " items instead of (start, stop, step)");
                }
                yield new Slice(items[0], items[1], items[2]);
            }
            case TAG_FROZENSET -> new FrozenSet(distinct(readNestedTuple("frozenset", at, depth + 1)));
            default -> throw unknownTag(tag, at);
        };
    }

    private int u8() {
        if (pos >= end) {
            throw truncated(pos, 1);
        }
        return data[pos++] & 0xff;
    }

    /** A u32 length, checked against the bytes left only by the caller (see {@link #need}). */
    private long u32(int at) {
        if (end - pos < 4) {
            throw truncated(at, 4);
        }
        long v = Integer.toUnsignedLong((int) INT_BE.get(data, pos));
        pos += 4;
        return v;
    }

    /** Checks that {@code n} more bytes exist before anything is allocated for them; returns {@code n}. */
    private int need(long n, int at) {
        if (n > end - pos) {
            throw truncated(at, n);
        }
        return (int) n;
    }

    private int bytesLength(int tag, int at) {
        return switch (tag) {
            case TAG_EMPTY_BYTES -> 0;
            case TAG_BYTES1, TAG_BYTES2, TAG_BYTES3, TAG_BYTES4 -> need(tag - TAG_BYTES1 + 1, at);
            case TAG_BYTES_L1 -> need(u8(), at);
            case TAG_BYTES_L4 -> need(u32(at), at);
            default -> throw new IllegalStateException("not a bytes tag: " + tag);
        };
    }

    private static boolean isBytesTag(int tag) {
        return tag == TAG_EMPTY_BYTES || tag >= TAG_BYTES1 && tag <= TAG_BYTES_L4;
    }

    /** Tag 08: a bytes value holding UTF-8, decoded in place without copying the bytes first. */
    private String readStr(int at) {
        int tag = u8();
        if (!isBytesTag(tag)) {
            throw new BrineException(String.format(
                    "str (tag 08) at offset %d is followed by tag 0x%02x instead of a bytes value", at, tag));
        }
        int len = bytesLength(tag, at);
        int from = pos;
        pos += len;
        for (int i = from; i < from + len; i++) {
            if (data[i] < 0) {
                return decodeUtf8(from, len, at);
            }
        }
        // pure ASCII: every byte is its own char, and Latin-1 decoding is a plain copy
        return new String(data, from, len, StandardCharsets.ISO_8859_1);
    }

    private String decodeUtf8(int from, int len, int at) {
        CharsetDecoder decoder = utf8;
        if (decoder == null) {
            decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            utf8 = decoder;
        }
        try {
            return decoder.decode(ByteBuffer.wrap(data, from, len)).toString();
        } catch (CharacterCodingException e) {
            throw new BrineException("str at offset " + at + " is not valid UTF-8", e);
        }
    }

    private Object[] readTupleItems(int tag, int at, int depth) {
        if (depth > MAX_DEPTH) {
            throw new BrineException("brine nested more than " + MAX_DEPTH + " levels deep at offset " + at);
        }
        long count = switch (tag) {
            case TAG_EMPTY_TUPLE -> 0;
            case TAG_TUPLE_L1 -> u8();
            case TAG_TUPLE_L4 -> u32(at);
            default -> tag - TAG_TUPLE1 + 1;
        };
        // every item takes at least one byte: this bounds the array before it is allocated
        if (count > end - pos) {
            throw new BrineException("truncated brine: tuple at offset " + at + " declares " + count
                    + " items but only " + (end - pos) + " bytes are left");
        }
        Object[] items = new Object[(int) count];
        for (int i = 0; i < items.length; i++) {
            items[i] = read(depth);
        }
        return items;
    }

    /** The tuple that must follow a slice or frozenset tag. */
    private Object[] readNestedTuple(String what, int at, int depth) {
        int tag = u8();
        if (tag != TAG_EMPTY_TUPLE && (tag < TAG_TUPLE1 || tag > TAG_TUPLE_L4)) {
            throw new BrineException(String.format(
                    "%s at offset %d is followed by tag 0x%02x instead of a tuple", what, at, tag));
        }
        return readTupleItems(tag, at, depth);
    }

    // ---------------------------------------------------------------------------------------------
    // ints

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** Python's {@code Py_ISSPACE}, which {@code int(bytes)} uses to strip the text. */
    private static boolean isSpace(byte c) {
        return c == ' ' || c >= '\t' && c <= '\r';
    }

    /** Int text of {@code len} bytes at {@code pos}, read as Python's {@code int(bytes)} does. */
    private Object readIntText(int len) {
        int at = pos;
        if (len > MAX_INT_TEXT) {
            throw new BrineException("int text of " + len + " characters at offset " + at
                    + " exceeds the limit of " + MAX_INT_TEXT);
        }
        pos += len;
        int s = at;
        int e = at + len;
        while (s < e && isSpace(data[s])) {
            s++;
        }
        while (e > s && isSpace(data[e - 1])) {
            e--;
        }
        boolean negative = false;
        if (s < e && (data[s] == '-' || data[s] == '+')) {
            negative = data[s] == '-';
            s++;
        }
        if (s == e) {
            throw badInt(at, len);
        }
        long acc = 0;
        boolean overflow = false;
        for (int i = s; i < e; i++) {
            byte c = data[i];
            if (isDigit(c)) {
                if (acc > LONG_ACC_LIMIT) {
                    overflow = true;
                } else {
                    acc = acc * 10 + (c - '0');
                }
            } else if (c != '_' || i == s || i + 1 == e || !isDigit(data[i - 1]) || !isDigit(data[i + 1])) {
                // '_' only between two digits, as Python allows; anything else is not an int
                throw badInt(at, len);
            }
        }
        if (!overflow) {
            return negative ? -acc : acc;
        }
        StringBuilder digits = new StringBuilder(e - s + 1);
        if (negative) {
            digits.append('-');
        }
        for (int i = s; i < e; i++) {
            if (data[i] != '_') {
                digits.append((char) data[i]);
            }
        }
        BigInteger big = new BigInteger(digits.toString());
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private BrineException badInt(int at, int len) {
        String text = new String(data, at, Math.min(len, 60), StandardCharsets.ISO_8859_1);
        return new BrineException("invalid int text at offset " + at + ": '" + text + (len > 60 ? "...'" : "'"));
    }

    // ---------------------------------------------------------------------------------------------
    // errors

    private static BrineException unknownTag(int tag, int at) {
        return new BrineException(String.format("unknown brine tag 0x%02x at offset %d", tag, at));
    }

    private BrineException truncated(int at, long needed) {
        return new BrineException("truncated brine: the value at offset " + at + " needs " + needed
                + " more bytes, " + (end - pos) + " left");
    }

    // ---------------------------------------------------------------------------------------------
    // frozenset members: Python builds a real set, so equal members collapse

    private static List<Object> distinct(Object[] members) {
        if (members.length < 2) {
            return Arrays.asList(members);
        }
        Set<MemberKey> seen = new HashSet<>(members.length * 2);
        List<Object> kept = new ArrayList<>(members.length);
        for (Object m : members) {
            if (seen.add(MemberKey.of(m))) {
                kept.add(m);
            }
        }
        return kept;
    }
}
