package org.rpyc4j.core.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rpyc4j.core.testing.BrineValues.assertDeepEquals;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.api.error.ProtocolException;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.core.brine.BrineException;
import org.rpyc4j.core.brine.BrineWriter;
import org.rpyc4j.core.testing.Hex;

/** The two message envelopes: shapes, errors, dialect detection. */
class EnvelopeTest {

    private static String encode(Dialect d, int type, Object seq, Object args) {
        BrineWriter w = new BrineWriter();
        Envelope.encode(d, type, seq, args, w);
        return Hex.encode(w.toByteArray());
    }

    @Test
    void getRootInBothDialects() {
        Tuple args = Tuple.of(3L, Tuple.of(1L, Tuple.EMPTY));
        assertEquals("1251501153115102", encode(Dialect.V5, Message.REQUEST, 0L, args));
        assertEquals("0111501153115102", encode(Dialect.V6, Message.REQUEST, 0L, args));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void roundTripsAnySeq(Dialect d) {
        // Python echoes whatever seq it got: the value must come back unchanged
        for (Object seq : List.of(0L, 159L, 160L, "abc", BigInteger.TWO.pow(70), Tuple.of(1L))) {
            for (int type = 1; type <= 3; type++) {
                Object args = Tuple.of("x", 1.5, null);
                Message m = Envelope.decode(d, Hex.decode(encode(d, type, seq, args)));
                assertEquals(type, m.type());
                assertDeepEquals(seq, m.seq());
                assertDeepEquals(args, m.args());
            }
        }
    }

    @Test
    void encodeRefusesUnknownTypesAndUndumpableArgs() {
        BrineWriter w = new BrineWriter();
        assertThrows(IllegalArgumentException.class, () -> Envelope.encode(Dialect.V5, 0, 0L, null, w));
        assertThrows(IllegalArgumentException.class, () -> Envelope.encode(Dialect.V6, 4, 0L, null, w));
        assertThrows(BrineException.class, () -> Envelope.encode(Dialect.V6, 2, 0L, List.of(), w));
    }

    @Test
    void lenientTupleFormsDecode() {
        // a 3-tuple written with the count tag, as Python's loader would accept
        Message m = Envelope.decode(Dialect.V5, Hex.decode("1403525700"));
        assertEquals(new Message(Message.REPLY, 7L, null), m);
        Message m6 = Envelope.decode(Dialect.V6, Hex.decode("03140257" + "51"));
        assertEquals(new Message(Message.EXCEPTION, 7L, 1L), m6);
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
            "V5, '', empty",
            "V5, 51, expected (type, seq, args)",
            "V5, 115150, expected (type, seq, args)",
            "V5, 1351505050, expected (type, seq, args)",
            "V5, 12545000, invalid message type 4",
            "V5, 12505000, invalid message type 0",
            "V5, 12035000, invalid message type",
            "V5, 12080a3150 00, invalid message type",
            "V5, 1251500051, 1 trailing bytes",
            "V5, 125150, truncated",
            "V6, 00115000, invalid message type 0x00",
            "V6, 12515000, invalid message type 0x12",
            "V6, 01, empty brine",
            "V6, 0112515000, expected (seq, args)",
            "V6, 0151, expected (seq, args)",
            "V6, 0211500051, 1 trailing bytes",
            "V6, 021150, truncated"})
    void malformedMessagesAreProtocolErrors(Dialect d, String hex, String expected) {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> Envelope.decode(d, Hex.decode(hex.replace(" ", ""))));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void detect() {
        assertEquals(Dialect.V5, Envelope.detect(Hex.decode("1251501153115102")));
        for (String first : List.of("01", "02", "03")) {
            assertEquals(Dialect.V6, Envelope.detect(Hex.decode(first + "11505000")));
        }
        ProtocolException bound = assertThrows(ProtocolException.class,
                () -> Envelope.detect(Hex.decode("00007f247d3820400000000000000000011150")));
        assertEquals("thread-binding frames (RPYC_BIND_THREADS) are not supported", bound.getMessage());
        ProtocolException unknown = assertThrows(ProtocolException.class, () -> Envelope.detect(Hex.decode("47")));
        assertTrue(unknown.getMessage().startsWith("unknown message envelope starting with 0x47"),
                unknown.getMessage());
        assertThrows(ProtocolException.class, () -> Envelope.detect(new byte[0]));
        assertThrows(ProtocolException.class, () -> Envelope.detect(Hex.decode("14")));
    }
}
