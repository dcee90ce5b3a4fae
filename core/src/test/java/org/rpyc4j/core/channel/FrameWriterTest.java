package org.rpyc4j.core.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rpyc4j.core.brine.BrineWriter;
import org.rpyc4j.core.testing.Hex;

/** Frame writing: layout, the compression threshold, one write per frame. */
class FrameWriterTest {

    /** Records each write and flush call. */
    private static final class RecordingStream extends ByteArrayOutputStream {
        int writes;
        int flushes;

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            writes++;
            super.write(b, off, len);
        }

        @Override
        public synchronized void write(int b) {
            throw new AssertionError("single-byte write");
        }

        @Override
        public void flush() {
            flushes++;
        }
    }

    private static byte[] payload(int size) {
        byte[] p = new byte[size];
        for (int i = 0; i < size; i++) {
            p[i] = (byte) (i % 7);
        }
        return p;
    }

    private static byte[] readBack(byte[] frame) throws IOException {
        return new FrameReader(new ByteArrayInputStream(frame), 1 << 24, 1 << 24).readPayload();
    }

    @Test
    void layoutOfAPlainFrame() throws IOException {
        RecordingStream out = new RecordingStream();
        byte[] buf = Hex.decode("ff1251501153115102ff");
        FrameWriter.writeFrame(out, buf, 1, 8, 3000);
        assertEquals("000000080012515011531151020a", Hex.encode(out.toByteArray()));
        assertEquals(1, out.writes);
        assertEquals(1, out.flushes);
    }

    @ParameterizedTest(name = "payload of {0} bytes")
    @ValueSource(ints = {0, 1, 2999, 3000, 3001, 3002, 100_000})
    void compressesStrictlyAboveTheThreshold(int size) throws IOException {
        byte[] p = payload(size);
        for (boolean zeroCopy : new boolean[] {false, true}) {
            RecordingStream out = new RecordingStream();
            if (zeroCopy) {
                BrineWriter w = new BrineWriter();
                w.reserve(5);
                w.writeBytes(p, 0, size);
                FrameWriter.writeFrame(out, w, FrameWriter.DEFAULT_COMPRESSION_THRESHOLD);
            } else {
                FrameWriter.writeFrame(out, p, 0, size, FrameWriter.DEFAULT_COMPRESSION_THRESHOLD);
            }
            byte[] frame = out.toByteArray();
            assertEquals(1, out.writes, "one write per frame");
            assertEquals(1, out.flushes);
            assertEquals(0x0a, frame[frame.length - 1]);
            int length = (int) Long.parseLong(Hex.encode(frame, 0, 4), 16);
            assertEquals(frame.length - 6, length);
            if (size > 3000) {
                assertEquals(1, frame[4]);
                assertEquals("7801", Hex.encode(frame, 5, 7), "zlib format, level 1");
                assertTrue(length < size);
            } else {
                assertEquals(0, frame[4]);
                assertEquals(size, length);
            }
            // an empty payload makes an empty frame, which readers skip (as Python does)
            assertArrayEquals(size == 0 ? null : p, readBack(frame));
        }
    }

    @ParameterizedTest(name = "{0} random bytes")
    @ValueSource(ints = {4000, 1 << 20})
    void sendsPlainWhenCompressionDoesNotPay(int size) throws IOException {
        // Python would send these compressed, and larger; any reader takes them plain
        byte[] random = new byte[size];
        new Random(42).nextBytes(random);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter.writeFrame(out, random, 0, random.length, 3000);
        byte[] frame = out.toByteArray();
        assertEquals(0, frame[4]);
        assertEquals(size + 6, frame.length);
        assertArrayEquals(random, readBack(frame));
    }

    /** A large payload fills its buffer exactly; the trailing byte goes out after it instead of doubling it. */
    @Test
    void aFullLargeBufferIsNotGrownForTheTrailingByte() throws IOException {
        byte[] random = new byte[1 << 20];
        new Random(7).nextBytes(random);
        BrineWriter w = new BrineWriter(16);
        w.reserve(5);
        w.writeBytes(random, 0, random.length);
        byte[] before = w.array();
        assertEquals(w.size(), before.length, "the writer grew to the payload's exact size");
        RecordingStream out = new RecordingStream();
        FrameWriter.writeFrame(out, w, -1);
        assertSame(before, w.array(), "not grown");
        assertEquals(2, out.writes);
        assertEquals(1, out.flushes);
        assertArrayEquals(random, readBack(out.toByteArray()));
    }

    @Test
    void negativeThresholdNeverCompresses() throws IOException {
        byte[] p = payload(100_000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrameWriter.writeFrame(out, p, 0, p.length, -1);
        assertEquals(0, out.toByteArray()[4]);
        assertEquals(100_006, out.size());
        assertArrayEquals(p, readBack(out.toByteArray()));
    }

    @Test
    void zeroCopyFrameOverwritesTheReservedHeader() throws IOException {
        BrineWriter w = new BrineWriter();
        w.writeInt(0xdeadbeef); // junk where the header goes
        w.writeByte(0x77);
        w.writeValue("x");
        RecordingStream out = new RecordingStream();
        FrameWriter.writeFrame(out, w, 3000);
        assertEquals("0000000300080a780a", Hex.encode(out.toByteArray()));
        assertThrows(IllegalArgumentException.class, () -> {
            BrineWriter tiny = new BrineWriter();
            tiny.reserve(4);
            FrameWriter.writeFrame(new ByteArrayOutputStream(), tiny, 3000);
        });
    }

    @Test
    void badRangeIsRefused() {
        assertThrows(IndexOutOfBoundsException.class,
                () -> FrameWriter.writeFrame(new ByteArrayOutputStream(), new byte[4], 2, 3, 3000));
    }

    /** A frame with referenced (spliced) bytes values is the same frame as the copying writer's, plain or compressed. */
    @ParameterizedTest(name = "compressible: {0}")
    @ValueSource(booleans = {false, true})
    void splicedFramesMatchCopiedOnes(boolean compressible) throws IOException {
        byte[] data = compressible ? payload(1 << 20) : new byte[1 << 20];
        if (!compressible) {
            new Random(9).nextBytes(data);
        }
        byte[][] frames = new byte[2][];
        for (int i = 0; i < 2; i++) {
            BrineWriter w = new BrineWriter();
            if (i == 1) {
                w.spliceLargeBytes();
            }
            w.reserve(5);
            w.writeValue(org.rpyc4j.api.value.Tuple.of(7L, data, "tail"));
            assertEquals(i == 1, w.hasSplices());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            FrameWriter.writeFrame(out, w, FrameWriter.DEFAULT_COMPRESSION_THRESHOLD);
            frames[i] = out.toByteArray();
        }
        assertArrayEquals(frames[0], frames[1]);
        assertEquals(compressible ? 1 : 0, frames[1][4]);
    }
}
