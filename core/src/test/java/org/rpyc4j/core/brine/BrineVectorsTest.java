package org.rpyc4j.core.brine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.rpyc4j.core.testing.BrineValues.assertDeepEquals;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.core.testing.Hex;
import org.rpyc4j.core.testing.TypedJson;
import org.rpyc4j.core.testing.Vectors;

/** brine against the Python-generated vectors: brine.jsonl, brine_decode_only.jsonl, brine_not_dumpable.jsonl. */
class BrineVectorsTest {

    @TestFactory
    Stream<DynamicTest> encodesLikePython() {
        return Vectors.read("brine.jsonl").stream().map(r -> dynamicTest(
                "encode #" + r.get("i") + " " + r.get("note"),
                () -> assertEquals(r.get("hex"), Hex.encode(Brine.dump(TypedJson.toValue(r.get("value")))),
                        "python repr: " + r.get("python_repr"))));
    }

    @TestFactory
    Stream<DynamicTest> decodesLikePython() {
        return Vectors.read("brine.jsonl").stream().map(r -> dynamicTest(
                "decode #" + r.get("i") + " " + r.get("note"),
                () -> assertDeepEquals(TypedJson.toValue(r.get("value")),
                        Brine.load(Hex.decode((String) r.get("hex"))))));
    }

    @TestFactory
    Stream<DynamicTest> vectorValuesAreDumpable() {
        return Vectors.read("brine.jsonl").stream().map(r -> dynamicTest(
                "dumpable #" + r.get("i"), () -> assertTrue(Brine.isDumpable(TypedJson.toValue(r.get("value"))))));
    }

    /** Inputs where we deliberately differ from Python's loader, which is too lenient for a network peer. */
    private static final Set<String> STRICTER_THAN_PYTHON = Set.of(
            "5151", // Python ignores the second value; a whole buffer must be one value
            "0d61"); // Python returns the short read b'a'; we reject truncation

    @TestFactory
    Stream<DynamicTest> decodeOnlyInputs() {
        return Vectors.read("brine_decode_only.jsonl").stream().map(r -> {
            String hex = (String) r.get("hex");
            byte[] data = Hex.decode(hex);
            String name = "decode-only '" + hex + "': " + r.get("note");
            if (STRICTER_THAN_PYTHON.contains(hex)) {
                return dynamicTest(name + " (rejected: stricter than Python)", () -> {
                    assertThrows(BrineException.class, () -> Brine.load(data));
                    // the first value itself still decodes when it is complete
                    if (hex.equals("5151")) {
                        BrineReader reader = new BrineReader(data, 0, data.length);
                        assertEquals(Hex.encode(Brine.dump(reader.readValue())), r.get("canonical_hex"));
                        assertFalse(reader.atEnd());
                    }
                });
            }
            if (r.containsKey("load_error")) {
                return dynamicTest(name + " (rejected)",
                        () -> assertThrows(BrineException.class, () -> Brine.load(data)));
            }
            return dynamicTest(name + " (accepted)", () -> assertEquals(r.get("canonical_hex"),
                    Hex.encode(Brine.dump(Brine.load(data))), "python: " + r.get("loads_repr")));
        });
    }

    @TestFactory
    Stream<DynamicTest> notDumpable() {
        // the nearest Java analogue of each Python type
        Map<String, Object> analogues = Map.of(
                "list", List.of(1L),
                "dict", Map.of("a", 1L),
                "set", Set.of(1L),
                "bytearray", ByteBuffer.wrap(new byte[] {'x'}),
                "memoryview", ByteBuffer.wrap(new byte[] {'a', 'b'}).asReadOnlyBuffer(),
                "MyInt", new AtomicLong(5), // a Number that is none of the int types brine takes
                "tuple", Tuple.of(1L, List.of(2L)),
                "object", new Object());
        return Vectors.read("brine_not_dumpable.jsonl").stream().map(r -> {
            String type = (String) r.get("type");
            return dynamicTest("not dumpable: " + r.get("python_repr") + " (" + type + ")", () -> {
                Assumptions.assumeTrue(analogues.containsKey(type), "no Java analogue of " + type);
                Object value = analogues.get(type);
                assertFalse(Brine.isDumpable(value));
                BrineWriter writer = new BrineWriter();
                BrineException e = assertThrows(BrineException.class, () -> writer.writeValue(value));
                assertTrue(e.getMessage().startsWith("cannot dump "), e.getMessage());
                assertEquals(0, writer.size(), "a failed writeValue leaves nothing behind");
            });
        });
    }

    @TestFactory
    Stream<DynamicTest> registryDatagrams() {
        return Vectors.streamFiles().stream()
                .filter(f -> f.getFileName().toString().startsWith("e_registry_"))
                .flatMap(f -> Vectors.read(f).stream().filter(r -> r.containsKey("data_hex")).map(r -> registry(f, r)));
    }

    private static DynamicTest registry(Path file, Map<String, Object> r) {
        return dynamicTest("registry " + Vectors.name(file, r) + " " + r.get("summary"), () -> {
            String hex = (String) r.get("data_hex");
            Object value = Brine.load(Hex.decode(hex));
            assertDeepEquals(TypedJson.toValue(r.get("value")), value);
            assertEquals(hex, Hex.encode(Brine.dump(value)));
        });
    }
}
