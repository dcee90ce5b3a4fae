package org.rpyc4j.core.brine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rpyc4j.core.testing.BrineValues.assertDeepEquals;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rpyc4j.api.error.ProtocolException;
import org.rpyc4j.api.value.FrozenSet;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.core.testing.Hex;

/** The decoder beyond the vectors: hostile input, Python's int() leniency, frozenset collapsing. */
class BrineReaderTest {

    private static Object load(String hex) {
        return Brine.load(Hex.decode(hex));
    }

    private static String latin1(String text) {
        return Hex.encode(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** Int text forms Python's int(bytes) accepts, and the value it gives. */
    static Stream<Arguments> intTexts() {
        return Stream.of(
                Arguments.of("7", "7"), Arguments.of("+15", "15"), Arguments.of("-0", "0"), Arguments.of("007", "7"),
                Arguments.of("0_0", "0"), Arguments.of("1_000", "1000"), Arguments.of(" 7 ", "7"),
                Arguments.of("\t\n\u000b\f\r-3 ", "-3"),
                Arguments.of("922337203685477580_7", "9223372036854775807"),
                Arguments.of("-9223372036854775808", "-9223372036854775808"),
                Arguments.of("9223372036854775808", "9223372036854775808"),
                Arguments.of("-000000000000000000000000000042", "-42"),
                Arguments.of("1_2345678901_2345678901_234567890", "123456789012345678901234567890"));
    }

    @ParameterizedTest(name = "int text [{0}] = {1}")
    @MethodSource("intTexts")
    void intTextAsPythonReadsIt(String text, String expected) {
        Object value = load("16" + String.format("%02x", text.length()) + latin1(text));
        BigInteger big = new BigInteger(expected);
        Object canonical = big.bitLength() < 64 ? (Object) big.longValue() : big;
        assertDeepEquals(canonical, value);
    }

    @ParameterizedTest(name = "int text [{0}] is rejected")
    @ValueSource(strings = {"", " ", "-", "+-1", "+ 7", "1__0", "_1", "1_", "-_1", "0x10", "1e3", "1.0", "7\u0000",
            "\u001c7", "\u00a07", "\u00d9\u00a1"})
    void intTextPythonRefuses(String text) {
        String hex = "16" + String.format("%02x", text.length()) + latin1(text);
        assertThrows(BrineException.class, () -> load(hex));
    }

    @Test
    void intTextLongerThanTheLimitIsRefusedWithoutParsing() {
        byte[] data = new byte[5 + BrineReader.MAX_INT_TEXT + 1];
        data[0] = 0x17;
        data[3] = (byte) ((BrineReader.MAX_INT_TEXT + 1) >> 8);
        data[4] = (byte) (BrineReader.MAX_INT_TEXT + 1);
        Arrays.fill(data, 5, data.length, (byte) '9');
        assertThrows(BrineException.class, () -> Brine.load(data));
        byte[] ok = Arrays.copyOf(data, data.length - 1);
        ok[4]--;
        assertEquals(BrineReader.MAX_INT_TEXT, ((BigInteger) Brine.load(ok)).toString().length());
    }

    @Test
    void intsAreCanonicalLongsWhenTheyFit() {
        assertInstanceOf(Long.class, load("170000000135"));
        assertInstanceOf(Long.class, load("1614" + latin1("-9223372036854775808")));
        assertInstanceOf(BigInteger.class, load("1614" + latin1("-9223372036854775809")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "0fffffffff", // bytes of 4 GiB in 5 bytes
            "0f7fffffff00", "15ffffffff", "15ffffffff50505050", "17ffffffff31", "080fffffffff", "0e05616263",
            "1403", "18000000", "1b00", "0d616263", "14", "0f0000", "16", "17000001"})
    void declaredLengthsBeyondTheEndFailFast(String hex) {
        // each of these would need gigabytes if allocated from the declared length
        ProtocolException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(BrineException.class, () -> load(hex)));
        assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("offset"), e.getMessage());
    }

    @Test
    void nestingBombIsRefusedWithoutStackOverflow() {
        byte[] bomb = new byte[100_001];
        Arrays.fill(bomb, (byte) 0x10);
        bomb[bomb.length - 1] = 0x50;
        BrineException e = assertThrows(BrineException.class, () -> Brine.load(bomb));
        assertTrue(e.getMessage().contains("nested"), e.getMessage());
        // slices and frozensets count as levels too
        byte[] mixed = new byte[2 * 2000 + 1]; // 1a 10 (frozenset of a 1-tuple) 2000 times, then None
        for (int i = 0; i < 2000; i++) {
            mixed[2 * i] = 0x1a;
            mixed[2 * i + 1] = 0x10;
        }
        assertThrows(BrineException.class, () -> Brine.load(mixed));
    }

    @Test
    void maxDepthItselfDecodes() {
        byte[] data = new byte[BrineWriter.MAX_DEPTH + 1];
        Arrays.fill(data, (byte) 0x10);
        data[data.length - 1] = 0x50;
        Object v = Brine.load(data);
        for (int i = 0; i < BrineWriter.MAX_DEPTH; i++) {
            v = ((Tuple) v).get(0);
        }
        assertEquals(0L, v);
        byte[] deeper = new byte[BrineWriter.MAX_DEPTH + 2];
        Arrays.fill(deeper, (byte) 0x10);
        deeper[deeper.length - 1] = 0x50;
        assertThrows(BrineException.class, () -> Brine.load(deeper));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "07", "09", "1c", "1d", "1e", "1f", "f0", "ff", "0851", "0812", "1951", "1a51",
            "1a0a61",
            "19115151", "080bc328", "080ced a080", "080df4908080", "080bc0af", "08"})
    void rejects(String hex) {
        assertThrows(BrineException.class, () -> load(hex.replace(" ", "")));
    }

    @Test
    void strAcceptsEveryBytesForm() {
        assertEquals("hi", load("08" + "0e02" + "6869"));
        assertEquals("hi", load("08" + "0f00000002" + "6869"));
        assertEquals("", load("08" + "0e00"));
        assertEquals("日本", load("08" + "0e06" + "e697a5e69cac"));
    }

    @Test
    void frozensetDuplicatesCollapseWithPythonEquality() {
        // 1, True, 1.0, 1+0j are all equal in Python; b'a' and 'a' are not; -0.0 == 0
        FrozenSet f = (FrozenSet) load("1a1406" + "51" + "03" + "183ff0000000000000" + "0a61" + "080a61"
                + "1b3ff00000000000000000000000000000");
        assertDeepEquals(FrozenSet.of(1L, Hex.decode("61"), "a"), f);
        FrozenSet zeros = (FrozenSet) load("1a13" + "04" + "188000000000000000" + "50" + "0a61");
        assertDeepEquals(FrozenSet.of(false, Hex.decode("61")), zeros);
        // equal tuples collapse; NaNs never do (each is a distinct object in Python)
        FrozenSet tuples = (FrozenSet) load("1a13" + "115152" + "1103184000000000000000" + "187ff8000000000000"
                + "187ff8000000000000");
        assertEquals(3, tuples.members().size());
        assertDeepEquals(Tuple.of(1L, 2L), tuples.members().get(0));
        // order otherwise kept as on the wire
        assertDeepEquals(FrozenSet.of(3L, 1L, 2L), load("1a12535152"));
    }

    @Test
    void readerWalksSeveralValuesAndReportsPosition() {
        byte[] data = Hex.decode("ff5100080a61ff");
        BrineReader r = new BrineReader(data, 1, 5);
        assertEquals(1, r.position());
        assertEquals(1L, r.readValue());
        assertNull(r.readValue());
        assertFalse(r.atEnd());
        assertEquals("a", r.readValue());
        assertEquals(6, r.position());
        assertTrue(r.atEnd());
        assertThrows(BrineException.class, r::readValue);
        assertThrows(IndexOutOfBoundsException.class, () -> new BrineReader(data, 5, 3));
    }

    @Test
    void loadRejectsTrailingBytes() {
        BrineException e = assertThrows(BrineException.class, () -> load("515151"));
        assertTrue(e.getMessage().contains("2 trailing bytes"), e.getMessage());
    }

    @Test
    void decodedBytesAreCopies() {
        byte[] data = Hex.decode("0b6869");
        byte[] b = (byte[]) Brine.load(data);
        data[1] = 0;
        assertEquals("6869", Hex.encode(b));
    }
}
