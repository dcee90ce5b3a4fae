package org.rpyc4j.core.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rpyc4j.api.error.ProtocolException;
import org.rpyc4j.core.testing.Hex;
import org.rpyc4j.core.testing.TrickleInputStream;

/** Frame reading on hostile, odd and fragmented input. */
class FrameReaderTest {
    private static final int MIB = 1 << 20;

    private static FrameReader reader(byte[] stream, int maxFrame, int maxInflated) {
        return new FrameReader(new ByteArrayInputStream(stream), maxFrame, maxInflated);
    }

    private static FrameReader reader(String hex) {
        return reader(Hex.decode(hex), MIB, MIB);
    }

    /** A frame with any flag, body and trailing byte. */
    private static byte[] frame(int flag, byte[] body, int trailer) {
        byte[] f = new byte[5 + body.length + 1];
        f[0] = (byte) (body.length >>> 24);
        f[1] = (byte) (body.length >>> 16);
        f[2] = (byte) (body.length >>> 8);
        f[3] = (byte) body.length;
        f[4] = (byte) flag;
        System.arraycopy(body, 0, f, 5, body.length);
        f[f.length - 1] = (byte) trailer;
        return f;
    }

    private static byte[] zlib(byte[] data, int level) {
        Deflater d = new Deflater(level);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        while (!d.finished()) {
            out.write(chunk, 0, d.deflate(chunk));
        }
        d.end();
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void cleanEofBeforeAFrameIsNull() throws IOException {
        FrameReader r = reader("");
        assertNull(r.readPayload());
        assertNull(r.readPayload());
        FrameReader one = reader("000000080012515011531151020a");
        assertEquals("1251501153115102", Hex.encode(one.readPayload()));
        assertNull(one.readPayload());
    }

    @Test
    void frameOverTheLimitIsRefusedBeforeReadingTheBody() {
        // only the header exists: reading (or allocating) the body would block or fail differently
        FrameReader r = reader(Hex.decode("0010000000"), 1000, 1000);
        ProtocolException e = assertThrows(ProtocolException.class, r::readPayload);
        assertEquals("frame of 1048576 bytes exceeds the limit of 1000", e.getMessage());
        FrameReader max = reader(Hex.decode("ffffffff00"), Integer.MAX_VALUE, 1000);
        assertThrows(ProtocolException.class, max::readPayload);
    }

    @Test
    void frameAtTheLimitIsAccepted() throws IOException {
        byte[] body = new byte[1000];
        body[999] = 7;
        assertArrayEquals(body, reader(frame(0, body, 0x0a), 1000, 1000).readPayload());
    }

    @Test
    void httpOnTheRpycPortIsNamed() {
        FrameReader r = reader("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 16 * MIB, MIB);
        ProtocolException e = assertThrows(ProtocolException.class, r::readPayload);
        assertTrue(e.getMessage().startsWith("frame of 1195725856 bytes exceeds the limit of 16777216"),
                e.getMessage());
        assertTrue(e.getMessage().contains("an HTTP request"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"00", "000000", "00000008", "0000000800", "000000080012", "00000008001251501153115102"})
    void truncatedFramesAreProtocolErrors(String hex) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> reader(hex).readPayload());
        assertTrue(e.getMessage().startsWith("truncated frame"), e.getMessage());
    }

    @Test
    void truncatedLargeBodyIsAProtocolError() {
        byte[] f = frame(0, new byte[3 * MIB], 0x0a);
        byte[] cut = Arrays.copyOf(f, 2 * MIB);
        assertThrows(ProtocolException.class, () -> reader(cut, 4 * MIB, MIB).readPayload());
        byte[] noTrailer = Arrays.copyOf(f, f.length - 1);
        assertThrows(ProtocolException.class, () -> reader(noTrailer, 4 * MIB, MIB).readPayload());
    }

    @Test
    void zlibBombStopsAtTheInflatedLimit() {
        // 10 MB of zeros deflate to ~10 KB; inflating it all would need 10 MB, the limit is 1 MB
        byte[] bomb = zlib(new byte[10_000_000], 9);
        assertTrue(bomb.length < 20_000);
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> reader(frame(1, bomb, 0x0a), MIB, MIB).readPayload());
        assertEquals("compressed frame inflates to more than the limit of 1048576 bytes", e.getMessage());
    }

    @Test
    void inflatedSizeExactlyAtTheLimitIsAccepted() throws IOException {
        byte[] payload = new byte[MIB];
        new Random(1).nextBytes(payload);
        byte[] f = frame(1, zlib(payload, 1), 0x0a);
        assertArrayEquals(payload, reader(f, 2 * MIB, MIB).readPayload());
        assertThrows(ProtocolException.class, () -> reader(f, 2 * MIB, MIB - 1).readPayload());
    }

    @Test
    void invalidZlibIsAProtocolError() {
        byte[] garbage = frame(1, "hello world".getBytes(StandardCharsets.US_ASCII), 0x0a);
        ProtocolException e = assertThrows(ProtocolException.class, () -> reader(garbage, MIB, MIB).readPayload());
        assertTrue(e.getMessage().startsWith("invalid zlib data"), e.getMessage());
        byte[] z = zlib(new byte[5000], 1);
        byte[] cut = frame(1, Arrays.copyOf(z, z.length - 6), 0x0a);
        e = assertThrows(ProtocolException.class, () -> reader(cut, MIB, MIB).readPayload());
        assertTrue(e.getMessage().startsWith("invalid zlib data"), e.getMessage());
        // raw deflate (no zlib header) is not what RPyC sends
        Deflater raw = new Deflater(1, true);
        raw.setInput(new byte[100]);
        raw.finish();
        byte[] out = new byte[200];
        byte[] rawBody = Arrays.copyOf(out, raw.deflate(out));
        raw.end();
        assertThrows(ProtocolException.class, () -> reader(frame(1, rawBody, 0x0a), MIB, MIB).readPayload());
    }

    @Test
    void anyNonZeroFlagMeansCompressedAndAnyLevelIsAccepted() throws IOException {
        byte[] payload = Hex.decode("1251501153115102");
        assertArrayEquals(payload, reader(frame(2, zlib(payload, 9), 0x0a), MIB, MIB).readPayload());
        assertArrayEquals(payload, reader(frame(0xff, zlib(payload, 0), 0x0a), MIB, MIB).readPayload());
        // bytes after the end of the zlib stream are ignored, as Python's zlib.decompress ignores them
        byte[] trailing = concat(zlib(payload, 6), Hex.decode("deadbeef"));
        assertArrayEquals(payload, reader(frame(1, trailing, 0x0a), MIB, MIB).readPayload());
    }

    @Test
    void trailingByteIsIgnoredWhateverItsValue() throws IOException {
        byte[] payload = Hex.decode("1251501153115102");
        byte[] stream = concat(frame(0, payload, 0x00), frame(0, payload, 0xff), frame(0, payload, 'x'));
        FrameReader r = reader(stream, MIB, MIB);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(payload, r.readPayload());
        }
        assertNull(r.readPayload());
    }

    @Test
    void emptyFramesAreSkipped() throws IOException {
        byte[] payload = Hex.decode("0111501153115102");
        byte[] stream = concat(frame(0, new byte[0], 0x0a), frame(1, new byte[0], 0x0a),
                frame(1, zlib(new byte[0], 1), 0x0a), frame(0, payload, 0x0a), frame(0, new byte[0], 0x0a));
        FrameReader r = reader(stream, MIB, MIB);
        assertArrayEquals(payload, r.readPayload());
        assertNull(r.readPayload());
    }

    @ParameterizedTest(name = "chunks of {0} bytes")
    @ValueSource(ints = {1, 2, 5, 6, 7, 4096, 65536, 100_000})
    void framesSplitAndCoalescedAnyhow(int chunk) throws IOException {
        Random random = new Random(chunk);
        byte[][] payloads = new byte[20][];
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < payloads.length; i++) {
            // sizes around the buffer size and the eager-allocation limit, plus tiny ones
            int size = switch (i % 5) {
                case 0 -> 1 + random.nextInt(20);
                case 1 -> 65_530 + random.nextInt(12);
                case 2 -> 3000 + random.nextInt(3);
                case 3 -> MIB + random.nextInt(MIB);
                default -> random.nextInt(200_000);
            };
            payloads[i] = new byte[size];
            random.nextBytes(payloads[i]);
            FrameWriter.writeFrame(stream, payloads[i], 0, size, i % 2 == 0 ? 3000 : -1);
        }
        FrameReader r = new FrameReader(new TrickleInputStream(stream.toByteArray(), chunk), 8 * MIB, 8 * MIB);
        for (byte[] payload : payloads) {
            assertArrayEquals(payload, r.readPayload());
        }
        assertNull(r.readPayload());
    }

    @Test
    void sniffingDoesNotConsume() throws IOException {
        FrameReader rpyc = reader("000000080012515011531151020a");
        assertNull(rpyc.sniffFirstFrame());
        assertEquals("1251501153115102", Hex.encode(rpyc.readPayload()));

        FrameReader http = reader("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII), MIB, MIB);
        assertEquals("an HTTP request", http.sniffFirstFrame());
        assertEquals("an HTTP request", http.sniffFirstFrame());

        FrameReader tls = reader("160301020001000200");
        assertEquals("a TLS handshake (is the client using SSL?)", tls.sniffFirstFrame());

        assertNull(reader("").sniffFirstFrame());
        FrameReader shortStream = reader("0000");
        assertNull(shortStream.sniffFirstFrame());
        assertThrows(ProtocolException.class, shortStream::readPayload);
    }

    @Test
    void readsTheHeaderWithoutOneCallPerByte() throws IOException {
        byte[] stream = concat(
                frame(0, new byte[10], 0x0a), frame(0, new byte[20], 0x0a), frame(0, new byte[30], 0x0a));
        int[] calls = {0};
        InputStream counting = new ByteArrayInputStream(stream) {
            @Override
            public synchronized int read() {
                throw new AssertionError("single-byte read");
            }

            @Override
            public synchronized int read(byte[] b, int off, int len) {
                calls[0]++;
                return super.read(b, off, len);
            }
        };
        FrameReader r = new FrameReader(counting, MIB, MIB);
        assertEquals(10, r.readPayload().length);
        assertEquals(20, r.readPayload().length);
        assertEquals(30, r.readPayload().length);
        assertEquals(1, calls[0], "three small frames arriving together cost one read");
    }

    @Test
    void limitsMustBePositive() {
        InputStream in = InputStream.nullInputStream();
        assertThrows(IllegalArgumentException.class, () -> new FrameReader(in, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new FrameReader(in, 1, -1));
    }
}
