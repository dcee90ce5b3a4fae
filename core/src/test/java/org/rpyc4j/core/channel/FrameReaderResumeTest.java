package org.rpyc4j.core.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A socket read that times out mid-frame must leave the reader able to resume the same frame: the engine
 * bounds a waiting thread's reads in time and hands the stream on to another reader afterwards.
 */
class FrameReaderResumeTest {

    /** Delivers {@code chunk} bytes per read and times out before every second read. */
    private static final class StutteringStream extends InputStream {
        private final ByteArrayInputStream data;
        private final int chunk;
        private boolean timeOutNext = true;

        StutteringStream(byte[] bytes, int chunk) {
            this.data = new ByteArrayInputStream(bytes);
            this.chunk = chunk;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            timeOutNext = !timeOutNext;
            if (!timeOutNext) {
                throw new SocketTimeoutException("Read timed out");
            }
            return data.read(b, off, Math.min(len, chunk));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 7, 4096})
    void resumesFramesAfterTimeouts(int chunk) throws IOException {
        Random random = new Random(chunk);
        List<byte[]> payloads = new ArrayList<>();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int size : new int[] {1, 5, 2999, 3001, 70_000, 2_000_000}) {
            if (size > 100_000 && chunk < 100) {
                continue; // byte-by-byte through 2 MB proves nothing more and takes long
            }
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            payloads.add(payload);
            FrameWriter.writeFrame(wire, payload, 0, size, size > 100_000 ? -1 : 3000);
        }
        FrameReader reader = new FrameReader(new StutteringStream(wire.toByteArray(), chunk), 8 << 20, 8 << 20);
        for (byte[] expected : payloads) {
            byte[] got = null;
            while (got == null) {
                try {
                    got = reader.readPayload();
                } catch (SocketTimeoutException e) {
                    // the engine gives up its turn here and another reader continues
                }
            }
            assertArrayEquals(expected, got);
        }
        byte[] end = null;
        boolean eof = false;
        while (!eof) {
            try {
                end = reader.readPayload();
                eof = true;
            } catch (SocketTimeoutException e) {
                // keep reading
            }
        }
        assertNull(end);
    }
}
