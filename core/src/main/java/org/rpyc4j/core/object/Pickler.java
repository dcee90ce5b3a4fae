package org.rpyc4j.core.object;

import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;
import org.rpyc4j.api.value.FrozenSet;
import org.rpyc4j.api.value.Tuple;

/**
 * Java values as a Python pickle, for rpyc's PICKLE request ({@code rpyc.classic.obtain(proxy)},
 * {@code pickle.dumps(proxy)}): the one way a stock Python client copies a whole remote collection in a single
 * round trip. Only plain data is written, never a reference to a class or function, so loading it runs no code:
 * {@code None}, {@code bool}, {@code int}, {@code float}, {@code str} (also {@code char} and any
 * {@code CharSequence}), {@code bytes} ({@code byte[]}), {@code tuple} ({@link Tuple}), {@code list} (a Java
 * {@code List}, array or other {@code Collection}), {@code set} ({@code Set}), {@code frozenset}
 * ({@link FrozenSet}) and {@code dict} ({@code Map}), nested to any depth up to {@link #MAX_DEPTH}. Anything else
 * (or a structure that contains itself) cannot be pickled: TypeError or ValueError, as Python says for an object
 * it cannot pickle.
 *
 * <p>Pickle protocol 4 opcodes (Python 3.4+), whatever protocol the peer asked for: the loader reads the
 * protocol from the data.
 */
final class Pickler {
    static final int MAX_DEPTH = 256;

    private static final int PROTO = 0x80;
    private static final int STOP = '.';
    private static final int NONE = 'N';
    private static final int NEWTRUE = 0x88;
    private static final int NEWFALSE = 0x89;
    private static final int BININT = 'J';
    private static final int BININT1 = 'K';
    private static final int BININT2 = 'M';
    private static final int LONG1 = 0x8a;
    private static final int LONG4 = 0x8b;
    private static final int BINFLOAT = 'G';
    private static final int SHORT_BINUNICODE = 0x8c;
    private static final int BINUNICODE = 'X';
    private static final int SHORT_BINBYTES = 'C';
    private static final int BINBYTES = 'B';
    private static final int EMPTY_TUPLE = ')';
    private static final int MARK = '(';
    private static final int TUPLE = 't';
    private static final int EMPTY_LIST = ']';
    private static final int APPENDS = 'e';
    private static final int EMPTY_DICT = '}';
    private static final int SETITEMS = 'u';
    private static final int EMPTY_SET = 0x8f;
    private static final int ADDITEMS = 0x90;
    private static final int FROZENSET = 0x91;
    /** Items per APPENDS/SETITEMS/ADDITEMS batch, as Python's pickler does. */
    private static final int BATCH = 1000;

    private final Buffer out = new Buffer();
    private final Map<Object, Boolean> inProgress = new IdentityHashMap<>();

    private Pickler() {
    }

    /** The pickle of {@code value}. */
    static byte[] dumps(@Nullable Object value) {
        Pickler p = new Pickler();
        p.out.write(PROTO);
        p.out.write(4);
        p.write(value, 0);
        p.out.write(STOP);
        return p.out.toByteArray();
    }

    /** An unsynchronized growable byte buffer (a pickle of 10,000 items is some 50,000 single-byte writes). */
    private static final class Buffer {
        private byte[] bytes = new byte[256];
        private int size;

        void write(int b) {
            if (size == bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[size++] = (byte) b;
        }

        void writeBytes(byte[] b) {
            if (size + b.length > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + b.length));
            }
            System.arraycopy(b, 0, bytes, size, b.length);
            size += b.length;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(bytes, size);
        }
    }

    private void write(@Nullable Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw PyException.valueError("cannot pickle: nested deeper than " + MAX_DEPTH + " levels");
        }
        switch (value) {
            case null -> out.write(NONE);
            case Boolean b -> out.write(b ? NEWTRUE : NEWFALSE);
            case Long l when l == l.intValue() -> writeSmallInt(l.intValue());
            case Long l -> writeInt(BigInteger.valueOf(l));
            case Integer i -> writeSmallInt(i);
            case Short s -> writeSmallInt(s);
            case Byte b -> writeSmallInt(b);
            case BigInteger big -> writeInt(big);
            case Double d -> writeFloat(d);
            case Float f -> writeFloat(f);
            case String s -> writeString(s);
            case Character c -> writeString(String.valueOf(c));
            case CharSequence cs -> writeString(cs.toString());
            case byte[] bytes -> writeBytes(bytes);
            case Tuple t -> writeTuple(t.items(), depth);
            case FrozenSet f -> {
                out.write(MARK);
                for (Object m : f.members()) {
                    write(m, depth + 1);
                }
                out.write(FROZENSET);
            }
            default -> writeContainer(value, depth);
        }
    }

    private void writeContainer(Object value, int depth) {
        if (inProgress.put(value, Boolean.TRUE) != null) {
            throw PyException.valueError("cannot pickle a " + ObjectModel.pythonTypeName(value) + " that contains itself");
        }
        try {
            switch (value) {
                case Map<?, ?> map -> {
                    out.write(EMPTY_DICT);
                    writeBatches(map.entrySet().iterator(), SETITEMS, depth, (e, d) -> {
                        Map.Entry<?, ?> entry = (Map.Entry<?, ?>) e;
                        write(entry.getKey(), d);
                        write(entry.getValue(), d);
                    });
                }
                case Set<?> set -> {
                    out.write(EMPTY_SET);
                    writeBatches(set.iterator(), ADDITEMS, depth, this::write);
                }
                case Collection<?> c -> {
                    out.write(EMPTY_LIST);
                    writeBatches(c.iterator(), APPENDS, depth, this::write);
                }
                default -> {
                    if (!value.getClass().isArray()) {
                        throw PyException.typeError("cannot pickle '" + ObjectModel.pythonTypeName(value) + "' object");
                    }
                    out.write(EMPTY_LIST);
                    int n = Array.getLength(value);
                    Iterator<Object> items = new Iterator<>() {
                        int i;

                        @Override
                        public boolean hasNext() {
                            return i < n;
                        }

                        @Override
                        public Object next() {
                            return Array.get(value, i++);
                        }
                    };
                    writeBatches(items, APPENDS, depth, this::write);
                }
            }
        } finally {
            inProgress.remove(value);
        }
    }

    private interface ItemWriter {
        void write(@Nullable Object item, int depth);
    }

    private void writeBatches(Iterator<?> items, int opcode, int depth, ItemWriter writer) {
        while (items.hasNext()) {
            out.write(MARK);
            for (int n = 0; n < BATCH && items.hasNext(); n++) {
                writer.write(items.next(), depth + 1);
            }
            out.write(opcode);
        }
    }

    private void writeTuple(List<Object> items, int depth) {
        if (items.isEmpty()) {
            out.write(EMPTY_TUPLE);
            return;
        }
        out.write(MARK);
        for (Object item : items) {
            write(item, depth + 1);
        }
        out.write(TUPLE);
    }

    private void writeInt(BigInteger value) {
        if (value.bitLength() < 32) {
            writeSmallInt(value.intValue());
            return;
        }
        byte[] be = value.toByteArray(); // two's complement, big-endian, minimal
        int n = be.length;
        if (n < 256) {
            out.write(LONG1);
            out.write(n);
        } else {
            out.write(LONG4);
            writeLe(n, 4);
        }
        for (int i = n - 1; i >= 0; i--) {
            out.write(be[i]);
        }
    }

    private void writeSmallInt(int value) {
        if (value >= 0 && value < 256) {
            out.write(BININT1);
            out.write(value);
        } else if (value >= 0 && value < 65536) {
            out.write(BININT2);
            writeLe(value, 2);
        } else {
            out.write(BININT);
            writeLe(value, 4);
        }
    }

    private void writeFloat(double d) {
        out.write(BINFLOAT);
        long bits = Double.doubleToRawLongBits(d);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (bits >>> shift) & 0xff);
        }
    }

    private void writeString(String s) {
        if (!BrineSafe.encodable(s)) {
            throw PyException.valueError("cannot pickle a str with unpaired surrogates");
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (utf8.length < 256) {
            out.write(SHORT_BINUNICODE);
            out.write(utf8.length);
        } else {
            out.write(BINUNICODE);
            writeLe(utf8.length, 4);
        }
        out.writeBytes(utf8);
    }

    private void writeBytes(byte[] bytes) {
        if (bytes.length < 256) {
            out.write(SHORT_BINBYTES);
            out.write(bytes.length);
        } else {
            out.write(BINBYTES);
            writeLe(bytes.length, 4);
        }
        out.writeBytes(bytes);
    }

    private void writeLe(int value, int n) {
        for (int i = 0; i < n; i++) {
            out.write((value >>> (8 * i)) & 0xff);
        }
    }

    /** Whether a Java string is valid Unicode (Python's UTF-8 codec refuses lone surrogates). */
    private static final class BrineSafe {
        static boolean encodable(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                        return false;
                    }
                    i++;
                } else if (Character.isLowSurrogate(c)) {
                    return false;
                }
            }
            return true;
        }
    }
}
