package org.rpyc4j.core.testing;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.Strictness;
import com.google.gson.ToNumberPolicy;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The golden vectors in {@code shared/protocol/vectors}. The shared directory is the system property
 * {@code rpyc4j.shared} (set by the build), else {@code ../../shared} from the module directory. A record is a
 * JSON object read strictly: objects become maps (key order kept), arrays lists, integers {@link Long}, other
 * numbers {@link Double}.
 */
public final class Vectors {
    private static final Gson GSON = new GsonBuilder().setStrictness(Strictness.STRICT)
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE).create();
    private static final TypeToken<Map<String, Object>> RECORD = new TypeToken<>() {
    };

    private Vectors() {
    }

    /** The vectors directory. */
    public static Path dir() {
        Path dir = Path.of(System.getProperty("rpyc4j.shared", "../../shared"), "protocol", "vectors");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("vectors not found at " + dir.toAbsolutePath()
                    + " (set the system property rpyc4j.shared)");
        }
        return dir;
    }

    /** The records of one {@code .jsonl} file, relative to {@link #dir()}. */
    public static List<Map<String, Object>> read(String relative) {
        return read(dir().resolve(relative));
    }

    /** The records of one {@code .jsonl} file. */
    public static List<Map<String, Object>> read(Path file) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(line -> !line.isBlank()).map(Vectors::record).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> record(String line) {
        Map<String, Object> record = GSON.fromJson(line, RECORD);
        if (record == null) {
            throw new IllegalArgumentException("not a JSON object: " + line);
        }
        return record;
    }

    /** The {@code .jsonl} files of the captured streams: {@code v5/}, {@code v6/} and {@code cross/}, sorted. */
    public static List<Path> streamFiles() {
        return Stream.of("v5", "v6", "cross").flatMap(sub -> list(dir().resolve(sub))).toList();
    }

    private static Stream<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A short name for a vector file in test names, e.g. {@code v5/a_values}. */
    public static String name(Path file) {
        String f = file.getFileName().toString();
        return file.getParent().getFileName() + "/" + f.substring(0, f.length() - ".jsonl".length());
    }

    /** A short name for a record in test names, e.g. {@code v5/a_values #12}, as WIRE.md cites them. */
    public static String name(Path file, Map<String, Object> record) {
        return name(file) + " #" + record.get("i");
    }
}
