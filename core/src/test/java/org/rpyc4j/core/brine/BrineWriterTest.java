package org.rpyc4j.core.brine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rpyc4j.core.testing.BrineValues.assertDeepEquals;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rpyc4j.api.value.FrozenSet;
import org.rpyc4j.api.value.Slice;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.core.testing.Hex;

/** The encoder beyond the vectors: Java-only input types, limits, and the raw buffer methods. */
class BrineWriterTest {

    static Stream<Arguments> javaTypes() {
        return Stream.of(
                Arguments.of(7, "57"),
                Arguments.of((short) -300, "16042d333030"),
                Arguments.of((byte) -48, "20"),
                Arguments.of(159, "ef"),
                Arguments.of(160L, "1603313630"),
                Arguments.of(-49L, "16032d3439"),
                Arguments.of(Long.MAX_VALUE, "1613" + Hex.encode("9223372036854775807".getBytes())),
                Arguments.of(Long.MIN_VALUE, "1614" + Hex.encode("-9223372036854775808".getBytes())),
                Arguments.of(BigInteger.valueOf(5), "55"),
                Arguments.of(BigInteger.valueOf(-1000), "16052d31303030"),
                Arguments.of(BigInteger.ONE.shiftLeft(64), "1614" + Hex.encode("18446744073709551616".getBytes())),
                Arguments.of(1.5f, "183ff8000000000000"),
                Arguments.of('é', "080bc3a9"),
                Arguments.of("😀", "080df09f9880"),
                Arguments.of(new Slice(null, 3, null), "1912005300"),
                Arguments.of(FrozenSet.of(3L, 1L), "1a115351"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("javaTypes")
    void encodesJavaTypes(Object value, String hex) {
        assertEquals(hex, Hex.encode(Brine.dump(value)));
        assertTrue(Brine.isDumpable(value));
    }

    @Test
    void intTextLengthBoundaryCountsTheSign() {
        BigInteger tenTo254 = BigInteger.TEN.pow(254); // 255 digits
        assertEquals("16ff", Hex.encode(Brine.dump(tenTo254)).substring(0, 4));
        assertEquals("1700000100", Hex.encode(Brine.dump(tenTo254.negate())).substring(0, 10));
    }

    @Test
    void strLengthClassIsByUtf8Bytes() {
        byte[] b = Brine.dump("é".repeat(128));
        assertEquals("080f00000100", Hex.encode(b, 0, 6));
        assertEquals(6 + 256, b.length);
    }

    @Test
    void unpairedSurrogatesAreNotDumpable() {
        for (String s : List.of("a\ud800", "\udc00b", "\ud800\ud800")) {
            assertFalse(Brine.isDumpable(s));
            assertThrows(BrineException.class, () -> Brine.dump(s));
        }
        assertFalse(Brine.isDumpable('\ud800'));
    }

    @Test
    void nonDumpableMemberFailsTheWholeValueAndLeavesTheBufferAsItWas() {
        BrineWriter w = new BrineWriter();
        w.writeValue(1L);
        Tuple bad = Tuple.of(1L, "x", Tuple.of(2L, new StringBuilder("no")));
        BrineException e = assertThrows(BrineException.class, () -> w.writeValue(bad));
        assertEquals("cannot dump java.lang.StringBuilder", e.getMessage());
        assertEquals("51", Hex.encode(w.toByteArray()));
        assertFalse(Brine.isDumpable(bad));
        assertFalse(Brine.isDumpable(new Slice(1L, List.of(), null)));
        assertFalse(Brine.isDumpable(FrozenSet.of(new int[0])));
        assertFalse(Brine.isDumpable(new byte[][] {{1}}));
    }

    @Test
    void depthIsCapped() {
        assertDoesNotThrowAt(BrineWriter.MAX_DEPTH);
        Object tooDeep = nest(BrineWriter.MAX_DEPTH + 1);
        assertFalse(Brine.isDumpable(tooDeep));
        assertThrows(BrineException.class, () -> Brine.dump(tooDeep));
        // deep enough to overflow the stack if recursion were unbounded
        Object bomb = nest(100_000);
        assertThrows(BrineException.class, () -> Brine.dump(bomb));
        assertFalse(Brine.isDumpable(bomb));
    }

    @Test
    void frozensetsAndSlicesCountAsLevels() {
        Object v = 0L;
        for (int i = 0; i < BrineWriter.MAX_DEPTH + 1; i++) {
            v = i % 2 == 0 ? FrozenSet.of(v) : new Slice(v, null, null);
        }
        Object tooDeep = v;
        assertFalse(Brine.isDumpable(tooDeep));
        assertThrows(BrineException.class, () -> Brine.dump(tooDeep));
    }

    private static void assertDoesNotThrowAt(int depth) {
        Object value = nest(depth);
        assertTrue(Brine.isDumpable(value));
        byte[] b = Brine.dump(value);
        assertEquals(depth + 1, b.length); // depth times 10, then 50
        assertDeepEquals(value, Brine.load(b));
    }

    /** {@code depth} nested 1-tuples around the int 0. */
    static Object nest(int depth) {
        Object v = 0L;
        for (int i = 0; i < depth; i++) {
            v = Tuple.of(v);
        }
        return v;
    }

    @Test
    void rawBufferMethods() {
        BrineWriter w = new BrineWriter(0);
        w.reserve(5);
        w.writeValue("hi");
        w.writeInt(0x01020304);
        w.writeBytes(new byte[] {9, 8, 7}, 1, 2);
        w.setInt(0, 0xcafebabe);
        w.writeByte(0x1ff);
        assertEquals("cafebabe00" + "080b6869" + "01020304" + "0807" + "ff", Hex.encode(w.toByteArray()));
        assertEquals(w.size(), w.toByteArray().length);
        assertEquals("cafebabe", Hex.encode(w.array(), 0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> w.setInt(w.size() - 3, 0));
        w.reset();
        assertEquals(0, w.size());
        w.reserve(2);
        assertEquals("0000", Hex.encode(w.toByteArray()), "reserved bytes are zeroed even after reuse");
    }

    @Test
    void growsForLargeValues() {
        byte[] big = new byte[1 << 20];
        big[big.length - 1] = 42;
        BrineWriter w = new BrineWriter(1);
        assertSame(w, w.writeValue(Tuple.of(big, "x".repeat(70_000))));
        byte[] out = w.toByteArray();
        assertEquals(1 + 5 + big.length + 1 + 5 + 70_000, out.length);
        assertArrayEquals(big, (byte[]) ((Tuple) Brine.load(out)).get(0));
    }

    /** A splicing writer references large bytes values; the bytes it produces are exactly the copying writer's. */
    @Test
    void splicedLargeBytesEncodeAsTheCopyingWriterDoes() throws Exception {
        byte[] large = new byte[BrineWriter.SPLICE_MIN];
        byte[] larger = new byte[BrineWriter.SPLICE_MIN * 3 + 1];
        new java.util.Random(3).nextBytes(large);
        new java.util.Random(4).nextBytes(larger);
        Object value = Tuple.of(1L, large, "between", Tuple.of(larger, new byte[BrineWriter.SPLICE_MIN - 1]), "end");
        byte[] copied = new BrineWriter().writeValue(value).toByteArray();

        BrineWriter spliced = new BrineWriter().spliceLargeBytes();
        spliced.writeValue(value);
        assertTrue(spliced.hasSplices());
        assertEquals(copied.length, spliced.size());
        assertTrue(spliced.array().length < copied.length, "the large values were not copied into the buffer");
        assertEquals(larger.length, spliced.largestSplice().remaining());
        assertArrayEquals(copied, spliced.toByteArray());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        spliced.writeTo(out);
        assertArrayEquals(copied, out.toByteArray());
        assertDeepEquals(value, Brine.load(out.toByteArray()));

        spliced.reset();
        assertFalse(spliced.hasSplices());
        assertEquals(0, spliced.size());
    }

    @Test
    void aRefusedValueLeavesASplicingWriterAsItWas() {
        BrineWriter w = new BrineWriter().spliceLargeBytes();
        w.writeValue("kept");
        byte[] before = w.toByteArray();
        assertThrows(BrineException.class, () -> w.writeValue(Tuple.of(new byte[BrineWriter.SPLICE_MIN], new Object())));
        assertFalse(w.hasSplices());
        assertArrayEquals(before, w.toByteArray());
    }
}
