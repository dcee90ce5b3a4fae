package org.rpyc4j.auth.ssl;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Just enough DER (ASN.1's distinguished encoding) to turn the key formats openssl writes into PKCS#8, the one
 * Java reads: a reader of tag-length-value elements and a writer of the few types a PKCS#8 wrapper needs.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;
    /** Context-specific, constructed, tag 0: {@code [0]} as SEC1 keys carry their curve. */
    static final int CONTEXT_0 = 0xa0;

    private Der() {
    }

    /**
     * One element: its tag, where its value is in {@code data}, and where the whole element (tag and length
     * included) is.
     */
    record Element(byte[] data, int tag, int start, int valueStart, int end) {
        /** The value bytes. */
        byte[] value() {
            return Arrays.copyOfRange(data, valueStart, end);
        }

        /** The whole element, tag and length included. */
        byte[] encoded() {
            return Arrays.copyOfRange(data, start, end);
        }

        /** A reader of the elements inside this (constructed) one. */
        Reader children() {
            return new Reader(data, valueStart, end);
        }

        /** The value of an INTEGER that fits an int. */
        int intValue() throws DerException {
            expect(INTEGER);
            if (end - valueStart > 4 || end == valueStart) {
                throw new DerException("integer too large");
            }
            int v = data[valueStart];   // sign-extended first byte
            for (int i = valueStart + 1; i < end; i++) {
                v = v << 8 | (data[i] & 0xff);
            }
            return v;
        }

        /** The dotted form of an OBJECT IDENTIFIER ({@code 1.2.840.10045.2.1}). */
        String oid() throws DerException {
            expect(OID);
            StringBuilder out = new StringBuilder();
            long value = 0;
            boolean first = true;
            for (int i = valueStart; i < end; i++) {
                if (value > (Long.MAX_VALUE >> 7)) {
                    throw new DerException("object identifier arc too large");
                }
                value = value << 7 | (data[i] & 0x7f);
                if ((data[i] & 0x80) == 0) {
                    if (first) {
                        long top = Math.min(value / 40, 2);
                        out.append(top).append('.').append(value - top * 40);
                        first = false;
                    } else {
                        out.append('.').append(value);
                    }
                    value = 0;
                }
            }
            if (first || (data[end - 1] & 0x80) != 0) {
                throw new DerException("malformed object identifier");
            }
            return out.toString();
        }

        void expect(int expectedTag) throws DerException {
            if (tag != expectedTag) {
                throw new DerException("expected tag 0x" + Integer.toHexString(expectedTag) + ", found 0x"
                        + Integer.toHexString(tag));
            }
        }
    }

    /** Reads the elements of {@code data[from, to)} one after the other. */
    static final class Reader {
        private final byte[] data;
        private final int to;
        private int pos;

        Reader(byte[] data, int from, int to) {
            this.data = data;
            this.pos = from;
            this.to = to;
        }

        /** A reader over all of {@code data}. */
        static Reader of(byte[] data) {
            return new Reader(data, 0, data.length);
        }

        boolean hasNext() {
            return pos < to;
        }

        /** The next element; only single-byte tags and definite lengths, as DER has them. */
        Element next() throws DerException {
            if (pos + 2 > to) {
                throw new DerException("truncated element");
            }
            int start = pos;
            int tag = data[pos++] & 0xff;
            if ((tag & 0x1f) == 0x1f) {
                throw new DerException("multi-byte tags are not used by key formats");
            }
            int first = data[pos++] & 0xff;
            long length;
            if (first < 0x80) {
                length = first;
            } else {
                int count = first & 0x7f;
                if (count == 0 || count > 4) {
                    throw new DerException(count == 0 ? "indefinite length is not DER" : "length too large");
                }
                if (pos + count > to) {
                    throw new DerException("truncated length");
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = length << 8 | (data[pos++] & 0xff);
                }
            }
            if (length > to - pos) {
                throw new DerException("element longer than its container");
            }
            int valueStart = pos;
            pos += (int) length;
            return new Element(data, tag, start, valueStart, pos);
        }

        /** The next element, which must have tag {@code tag}. */
        Element next(int tag) throws DerException {
            Element e = next();
            e.expect(tag);
            return e;
        }
    }

    /** A DER structure that does not parse as expected. */
    static final class DerException extends Exception {
        private static final long serialVersionUID = 1L;

        DerException(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------ writing

    /** An element with tag {@code tag} and value {@code value}. */
    static byte[] element(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
        out.write(tag);
        int n = value.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    /** A SEQUENCE of already encoded elements. */
    static byte[] sequence(byte[]... elements) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] e : elements) {
            body.writeBytes(e);
        }
        return element(SEQUENCE, body.toByteArray());
    }

    /** A small non-negative INTEGER. */
    static byte[] integer(int value) {
        if (value < 0 || value > 127) {
            throw new IllegalArgumentException("only small integers are written: " + value);
        }
        return element(INTEGER, new byte[] {(byte) value});
    }

    static byte[] octetString(byte[] value) {
        return element(OCTET_STRING, value);
    }

    static byte[] nullValue() {
        return new byte[] {NULL, 0};
    }

    /** An OBJECT IDENTIFIER from its dotted form. */
    static byte[] oid(String dotted) {
        String[] parts = dotted.split("\\.");
        long[] arcs = Arrays.stream(parts).mapToLong(Long::parseLong).toArray();
        if (arcs.length < 2) {
            throw new IllegalArgumentException("an object identifier has at least two arcs: " + dotted);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        base128(body, arcs[0] * 40 + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            base128(body, arcs[i]);
        }
        return element(OID, body.toByteArray());
    }

    private static void base128(ByteArrayOutputStream out, long value) {
        int groups = 1;
        for (long v = value >>> 7; v != 0; v >>>= 7) {
            groups++;
        }
        for (int i = groups - 1; i >= 0; i--) {
            int b = (int) (value >>> (7 * i)) & 0x7f;
            out.write(i == 0 ? b : b | 0x80);
        }
    }
}
