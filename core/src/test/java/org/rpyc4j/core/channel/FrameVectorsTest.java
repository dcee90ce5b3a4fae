package org.rpyc4j.core.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.rpyc4j.core.testing.BrineValues.assertDeepEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.core.brine.Brine;
import org.rpyc4j.core.brine.BrineWriter;
import org.rpyc4j.core.testing.Hex;
import org.rpyc4j.core.testing.TrickleInputStream;
import org.rpyc4j.core.testing.TypedJson;
import org.rpyc4j.core.testing.Vectors;

/**
 * Every frame captured between real Python peers (v5/, v6/, cross/): read, decode, re-encode, re-frame. The
 * same checks as shared/protocol/capture/check_vectors.py.
 */
class FrameVectorsTest {
    private static final int LIMIT = 16 << 20;

    @Test
    void allVectorFilesAreThere() {
        List<Path> files = Vectors.streamFiles();
        List<Map<String, Object>> records = files.stream().flatMap(f -> Vectors.read(f).stream()).toList();
        long frames = records.stream().filter(r -> r.containsKey("frame_hex")).count();
        long datagrams = records.stream().filter(r -> r.containsKey("data_hex")).count();
        // guards against the factories below silently finding nothing
        assertEquals(1349, frames);
        assertEquals(138, datagrams);
        assertEquals(98, Vectors.read("brine.jsonl").size());
    }

    @TestFactory
    Stream<DynamicNode> frames() {
        return Vectors.streamFiles().stream().map(file -> dynamicContainer(Vectors.name(file),
                Vectors.read(file).stream().filter(r -> r.containsKey("frame_hex")).map(r -> frame(file, r))));
    }

    private static DynamicNode frame(Path file, Map<String, Object> r) {
        String name = Vectors.name(file, r) + " " + r.get("dir") + " " + r.get("summary");
        byte[] frame = Hex.decode((String) r.get("frame_hex"));
        byte[] payload = Hex.decode((String) r.get("payload_hex"));
        boolean compressed = (Boolean) r.get("compressed");
        Dialect dialect = "5".equals(r.get("dialect")) ? Dialect.V5 : Dialect.V6;
        int msg = ((Long) r.get("msg")).intValue();
        Object seq = r.get("seq");
        Object value = TypedJson.toValue(r.get("value"));
        int brineStart = dialect == Dialect.V5 ? 0 : 1;
        return dynamicContainer(name, Stream.of(
                dynamicTest("frame reads to the payload", () -> {
                    assertEquals(compressed ? 1 : 0, frame[4]);
                    FrameReader reader = new FrameReader(new ByteArrayInputStream(frame), LIMIT, LIMIT);
                    assertEquals(Hex.encode(payload), Hex.encode(reader.readPayload()));
                    assertNull(reader.readPayload());
                }),
                dynamicTest("envelope and brine decode", () -> {
                    Message m = Envelope.decode(dialect, payload);
                    assertEquals(msg, m.type());
                    assertEquals(seq, m.seq());
                    Object brine = Brine.load(java.util.Arrays.copyOfRange(payload, brineStart, payload.length));
                    assertDeepEquals(value, brine);
                    Tuple t = (Tuple) value;
                    Object args = dialect == Dialect.V5 ? t.get(2) : t.get(1);
                    assertDeepEquals(args, m.args());
                }),
                dynamicTest("canonical encoding of the value is the brine part", () -> assertEquals(
                        Hex.encode(payload, brineStart, payload.length), Hex.encode(Brine.dump(value)))),
                dynamicTest("envelope encodes to the payload", () -> {
                    Tuple t = (Tuple) value;
                    Object args = dialect == Dialect.V5 ? t.get(2) : t.get(1);
                    BrineWriter w = new BrineWriter();
                    Envelope.encode(dialect, msg, seq, args, w);
                    assertEquals(Hex.encode(payload), Hex.encode(w.toByteArray()));
                }),
                dynamicTest("payload frames like Python", () -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    FrameWriter.writeFrame(out, payload, 0, payload.length, FrameWriter.DEFAULT_COMPRESSION_THRESHOLD);
                    checkWritten(out.toByteArray(), frame, payload, compressed);
                    // the zero-copy variant: payload encoded after a reserved header
                    BrineWriter w = new BrineWriter();
                    w.reserve(5);
                    w.writeBytes(payload, 0, payload.length);
                    ByteArrayOutputStream out2 = new ByteArrayOutputStream();
                    FrameWriter.writeFrame(out2, w, FrameWriter.DEFAULT_COMPRESSION_THRESHOLD);
                    checkWritten(out2.toByteArray(), frame, payload, compressed);
                })));
    }

    private static void checkWritten(byte[] written, byte[] frame, byte[] payload, boolean compressed)
            throws IOException {
        if (!compressed) {
            assertEquals(Hex.encode(frame), Hex.encode(written));
            return;
        }
        // zlib output may differ between zlib versions: compare after reading back; a payload that does not
        // shrink (the capture's random bytes) goes out plain, which every RPyC reader accepts
        assertEquals(0x0a, written[written.length - 1]);
        if (written[4] == 1) {
            assertEquals("7801", Hex.encode(written, 5, 7), "zlib format at level 1");
            assertTrue(written.length < payload.length + 6, "compressed only where it pays");
        } else {
            assertEquals(payload.length + 6, written.length);
        }
        assertArrayEquals(payload, new FrameReader(new ByteArrayInputStream(written), LIMIT, LIMIT).readPayload());
    }

    @TestFactory
    Stream<DynamicTest> dialectIsDetectedFromTheFirstClientPayload() {
        return Stream.of("v5", "v6").flatMap(sub -> Vectors.streamFiles().stream()
                .filter(f -> f.getParent().getFileName().toString().equals(sub))
                .flatMap(f -> Vectors.read(f).stream()
                        .filter(r -> r.containsKey("frame_hex") && "c2s".equals(r.get("dir")))
                        .limit(1)
                        .map(r -> dynamicTest(Vectors.name(f, r), () -> assertEquals(
                                sub.equals("v5") ? Dialect.V5 : Dialect.V6,
                                Envelope.detect(Hex.decode((String) r.get("payload_hex"))))))));
    }

    @Test
    void aWholeCapturedStreamReadsFrameByFrame() throws IOException {
        // all c2s frames of one scenario back to back, as a server would receive them
        for (Path file : Vectors.streamFiles()) {
            List<Map<String, Object>> frames = Vectors.read(file).stream()
                    .filter(r -> r.containsKey("frame_hex") && "c2s".equals(r.get("dir"))).toList();
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            frames.forEach(r -> stream.writeBytes(Hex.decode((String) r.get("frame_hex"))));
            FrameReader reader = new FrameReader(new TrickleInputStream(stream.toByteArray(), 7), LIMIT, LIMIT);
            for (Map<String, Object> r : frames) {
                byte[] payload = reader.readPayload();
                assertEquals(r.get("payload_hex"), Hex.encode(payload), Vectors.name(file, r));
            }
            assertNull(reader.readPayload(), file.toString());
        }
    }
}
