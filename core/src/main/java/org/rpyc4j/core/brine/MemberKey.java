package org.rpyc4j.core.brine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.Nullable;
import org.rpyc4j.api.value.Complex;
import org.rpyc4j.api.value.FrozenSet;
import org.rpyc4j.api.value.PyConstant;
import org.rpyc4j.api.value.Slice;
import org.rpyc4j.api.value.Tuple;

/**
 * A brine value as a member of a set: equal exactly when the values are equal in Python ({@code 1 == 1.0 ==
 * True}, {@code -0.0 == 0}, {@code NaN} equal to nothing), with a hash keyed by a secret drawn once per
 * process.
 *
 * <p>Java's own {@code hashCode}s of tuples and numbers are fixed functions a peer can invert: a frame of
 * members chosen to share one {@code List.hashCode} would make a {@code HashSet} compare every member with
 * every other. The keyed hash (SipHash-1-3 over the value's structure) cannot be steered without the secret,
 * which never leaves the process, so a set of n peer-chosen members costs O(n) expected time whatever they are.
 *
 * @param value what equality compares: numbers normalised as Python compares them, tuples as lists of member
 *              keys, frozensets as sets of member keys
 * @param hash the keyed hash of the value
 */
record MemberKey(Object value, long hash) {
    private static final long K0;
    private static final long K1;

    static {
        SecureRandom random = new SecureRandom();
        K0 = random.nextLong();
        K1 = random.nextLong();
    }

    // type tags, so that values of different kinds with the same words hash apart
    private static final long NONE = 1, INT = 2, BIG = 3, FLOAT = 4, COMPLEX = 5, STR = 6, BYTES = 7, TUPLE = 8,
            SET = 9, SLICE = 10, CONSTANT = 11, UNIQUE = 12;

    /** The member key of a brine value. */
    static MemberKey of(@Nullable Object v) {
        return switch (v) {
            case null -> new MemberKey(PyConstant.class, new Hasher(NONE).finish());   // any unique stand-in
            case Boolean b -> ofLong(b ? 1L : 0L);   // True == 1
            case Long l -> ofLong(l);
            case BigInteger big -> ofBig(big);
            case Double d -> ofDouble(d);
            case Complex c -> c.imag() == 0 ? ofDouble(c.real())
                    : Double.isNaN(c.real()) || Double.isNaN(c.imag()) ? unique()
                    : ofComplex(c.real() + 0.0, c.imag() + 0.0);   // + 0.0 turns -0.0 into 0.0
            case String s -> {
                Hasher h = new Hasher(STR).add(s.length());
                for (int i = 0; i < s.length(); i += 4) {
                    long word = 0;
                    for (int j = i; j < Math.min(i + 4, s.length()); j++) {
                        word = word << 16 | s.charAt(j);
                    }
                    h.add(word);
                }
                yield new MemberKey(s, h.finish());
            }
            case byte[] bytes -> ofBytes(ByteBuffer.wrap(bytes));
            case Tuple t -> {
                List<MemberKey> items = new ArrayList<>(t.size());
                Hasher h = new Hasher(TUPLE).add(t.size());
                for (Object item : t.items()) {
                    MemberKey k = of(item);
                    items.add(k);
                    h.add(k.hash);
                }
                yield new MemberKey(items, h.finish());
            }
            case FrozenSet f -> {
                Set<MemberKey> members = new HashSet<>();
                long sum = 0;   // order-free: equal sets arrive in any order
                for (Object m : f.members()) {
                    MemberKey k = of(m);
                    if (members.add(k)) {
                        sum += k.hash;
                    }
                }
                yield new MemberKey(members, new Hasher(SET).add(members.size()).add(sum).finish());
            }
            case Slice s -> {
                MemberKey start = of(s.start()), stop = of(s.stop()), step = of(s.step());
                yield new MemberKey(List.of(start, stop, step),
                        new Hasher(SLICE).add(start.hash).add(stop.hash).add(step.hash).finish());
            }
            case PyConstant c -> new MemberKey(c, new Hasher(CONSTANT).add(c.ordinal()).finish());
            default -> throw new IllegalArgumentException("not a brine value: " + v.getClass().getName());
        };
    }

    private static MemberKey ofLong(long l) {
        return new MemberKey(l, new Hasher(INT).add(l).finish());
    }

    private static MemberKey ofBig(BigInteger big) {
        if (big.bitLength() < 64) {
            return ofLong(big.longValue());   // equal to the Long of the same value
        }
        return ofBytes(BIG, big, ByteBuffer.wrap(big.toByteArray()));
    }

    private static MemberKey ofBytes(ByteBuffer bytes) {
        return ofBytes(BYTES, bytes, bytes);
    }

    private static MemberKey ofBytes(long tag, Object value, ByteBuffer bytes) {
        Hasher h = new Hasher(tag).add(bytes.remaining());
        for (int i = 0; i < bytes.remaining(); i += 8) {
            long word = 0;
            for (int j = i; j < Math.min(i + 8, bytes.remaining()); j++) {
                word = word << 8 | (bytes.get(j) & 0xff);
            }
            h.add(word);
        }
        return new MemberKey(value, h.finish());
    }

    private static MemberKey ofDouble(double d) {
        if (Double.isNaN(d)) {
            return unique();   // each NaN Python loads is a distinct object, unequal to everything
        }
        if (Double.isInfinite(d) || d != Math.rint(d)) {
            return new MemberKey(d, new Hasher(FLOAT).add(Double.doubleToLongBits(d)).finish());
        }
        if (Math.abs(d) < 0x1p63) {
            return ofLong((long) d);   // 1.0 == 1, and -0.0 == 0
        }
        return ofBig(new BigDecimal(d).toBigInteger());
    }

    private static MemberKey ofComplex(double re, double im) {
        return new MemberKey(new Complex(re, im), new Hasher(COMPLEX)
                .add(Double.doubleToLongBits(re)).add(Double.doubleToLongBits(im)).finish());
    }

    private static MemberKey unique() {
        Object self = new Object();
        return new MemberKey(self, new Hasher(UNIQUE).add(System.identityHashCode(self)).finish());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MemberKey k && k.hash == hash && k.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(hash);
    }

    /** SipHash-1-3 over 64-bit words: one compression round a word, three to finish. */
    private static final class Hasher {
        private long v0 = K0 ^ 0x736f6d6570736575L;
        private long v1 = K1 ^ 0x646f72616e646f6dL;
        private long v2 = K0 ^ 0x6c7967656e657261L;
        private long v3 = K1 ^ 0x7465646279746573L;
        private int words;

        Hasher(long tag) {
            add(tag);
        }

        Hasher add(long m) {
            v3 ^= m;
            round();
            v0 ^= m;
            words++;
            return this;
        }

        long finish() {
            add((long) words << 56);   // the length, so that no sequence is a prefix of another's encoding
            v2 ^= 0xff;
            round();
            round();
            round();
            return v0 ^ v1 ^ v2 ^ v3;
        }

        private void round() {
            v0 += v1;
            v1 = Long.rotateLeft(v1, 13);
            v1 ^= v0;
            v0 = Long.rotateLeft(v0, 32);
            v2 += v3;
            v3 = Long.rotateLeft(v3, 16);
            v3 ^= v2;
            v0 += v3;
            v3 = Long.rotateLeft(v3, 21);
            v3 ^= v0;
            v2 += v1;
            v1 = Long.rotateLeft(v1, 17);
            v1 ^= v2;
            v2 = Long.rotateLeft(v2, 32);
        }
    }
}
