package org.rpyc4j.core.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.rpyc4j.core.testing.BrineValues.assertDeepEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.core.brine.Brine;
import org.rpyc4j.core.brine.BrineReader;
import org.rpyc4j.core.brine.BrineWriter;
import org.rpyc4j.api.error.ProtocolException;

/**
 * A reader that splices reads a large bytes value of a frame straight into its own array; the message decoded
 * from the rest and the value is the one decoded from the whole payload.
 */
class FrameReaderSpliceTest {
    private static final Random RANDOM = new Random(11);

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Arguments of a message, each with a large bytes value somewhere (or two, or one only in a str). */
    static Stream<Arguments> messages() {
        byte[] big = random(3 << 20);
        return Stream.of(
                Arguments.of("a call's only argument", Tuple.of(18L, Tuple.of(Tuple.of(1L, 2L, 3L), "echo",
                        Tuple.of(big), Tuple.EMPTY)), true),
                Arguments.of("a reply", big, true),
                Arguments.of("after small values and a str", Tuple.of(1.5, "x".repeat(300), random(5000),
                        Tuple.of(null, true, big, "after"), 99L), true),
                Arguments.of("two large values: the rest is large too", Tuple.of(big, random(2 << 20)), false),
                Arguments.of("large text is not a bytes value", "é".repeat(1 << 20), false),
                Arguments.of("no bytes value", Tuple.of(1L, 2L), false));
    }

    @ParameterizedTest(name = "{0}, {2}")
    @MethodSource("messages")
    void decodesAsTheWholePayload(String what, Object args, boolean splits) throws IOException {
        for (Dialect d : Dialect.values()) {
            byte[] wire = frame(d, args);
            FrameReader reader = new FrameReader(new ByteArrayInputStream(wire), 64 << 20, 64 << 20)
                    .spliceLargeBytes();
            byte[] payload = reader.readPayload();
            FrameReader.Splice splice = reader.takeSplice();
            assertEquals(splits, splice != null, what);
            assertNull(reader.takeSplice(), "once only");
            Message m = Envelope.decode(d, payload, splice);
            assertDeepEquals(args, m.args());
            if (splits) {
                assertSame(splice.value(), find(m.args(), splice.value().length), "the spliced array itself");
            }
        }
    }

    /** A split body resumes after a read that timed out, whatever the part being read. */
    @Test
    void resumesAfterTimeouts() throws IOException {
        Object args = Tuple.of("head", random(2 << 20), "tail".repeat(100));
        byte[] wire = frame(Dialect.V6, args);
        InputStream stuttering = new InputStream() {
            private final ByteArrayInputStream data = new ByteArrayInputStream(wire);
            private int reads;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (++reads % 2 == 0) {
                    throw new SocketTimeoutException("Read timed out");
                }
                return data.read(b, off, Math.min(len, 1 + RANDOM.nextInt(200_000)));
            }
        };
        FrameReader reader = new FrameReader(stuttering, 64 << 20, 64 << 20).spliceLargeBytes();
        byte[] payload = null;
        while (payload == null) {
            try {
                payload = reader.readPayload();
            } catch (SocketTimeoutException e) {
                // resume
            }
        }
        FrameReader.Splice splice = reader.takeSplice();
        assertNotNull(splice);
        assertDeepEquals(args, Envelope.decode(Dialect.V6, payload, splice).args());
    }

    @Test
    void aTruncatedSplitBodyIsRefused() throws IOException {
        byte[] wire = frame(Dialect.V6, Tuple.of(random(2 << 20)));
        FrameReader reader = new FrameReader(new ByteArrayInputStream(Arrays.copyOf(wire, wire.length - 1000)),
                64 << 20, 64 << 20).spliceLargeBytes();
        assertThrows(ProtocolException.class, reader::readPayload);
    }

    /** A bytes length that runs past the frame is not taken out; decoding the whole body then refuses it. */
    @Test
    void aBytesLengthBeyondTheFrameIsNotSplit() throws IOException {
        byte[] wire = frame(Dialect.V6, Tuple.of(random(2 << 20)));
        // the value's 4-byte length sits right before its content: claim 1 MiB more than the frame holds
        int lengthAt = BrineReader.findLargeBytes(wire, 5, wire.length, BrineWriter.SPLICE_MIN) - 4;
        java.nio.ByteBuffer.wrap(wire).putInt(lengthAt, (2 << 20) + (1 << 20));
        FrameReader reader = new FrameReader(new ByteArrayInputStream(wire), 64 << 20, 64 << 20).spliceLargeBytes();
        byte[] payload = reader.readPayload();
        assertNull(reader.takeSplice());
        assertThrows(ProtocolException.class, () -> Envelope.decode(Dialect.V6, payload, null));
    }

    @Test
    void scansBrineForTheFirstLargeBytesValue() {
        byte[] b = Brine.dump(Tuple.of(1L, "s", Tuple.of(new byte[300_000])));
        int at = BrineReader.findLargeBytes(b, 0, 40, BrineWriter.SPLICE_MIN);
        assertEquals(b.length - 300_000, at);
        assertEquals(-1, BrineReader.findLargeBytes(b, 0, 40, 300_001), "none that large");
        assertEquals(-1, BrineReader.findLargeBytes(b, 0, 3, BrineWriter.SPLICE_MIN), "its length is not in range");
        assertEquals(-1, BrineReader.findLargeBytes(new byte[] {(byte) 0xff, 0x0f}, 0, 2, 1), "not brine");
        byte[] text = Brine.dump(Tuple.of("x".repeat(300_000), new byte[300_000]));
        assertEquals(text.length - 300_000, BrineReader.findLargeBytes(text, 0, text.length, BrineWriter.SPLICE_MIN),
                "the str's content is stepped over");
    }

    private static byte[] frame(Dialect d, Object args) throws IOException {
        BrineWriter w = new BrineWriter();
        w.reserve(5);
        Envelope.encode(d, Message.REPLY, 7L, args, w);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter.writeFrame(out, w, -1);
        return out.toByteArray();
    }

    /** The byte[] of {@code length} bytes inside {@code value}, or null. */
    private static byte[] find(Object value, int length) {
        if (value instanceof byte[] b && b.length == length) {
            return b;
        }
        if (value instanceof Tuple t) {
            for (Object item : t.items()) {
                byte[] found = find(item, length);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
