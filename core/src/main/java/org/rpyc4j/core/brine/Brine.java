package org.rpyc4j.core.brine;

import java.math.BigInteger;
import java.util.List;
import javax.annotation.Nullable;
import org.rpyc4j.api.value.Complex;
import org.rpyc4j.api.value.FrozenSet;
import org.rpyc4j.api.value.PyConstant;
import org.rpyc4j.api.value.Slice;
import org.rpyc4j.api.value.Tuple;

/**
 * brine, RPyC's encoding of immutable values, in one call each way. See {@link BrineWriter} for what is
 * dumpable and {@link BrineReader} for what is accepted.
 */
public final class Brine {
    private Brine() {
    }

    /**
     * The canonical brine bytes of {@code value}, exactly as Python's {@code brine.dump} produces them.
     *
     * @throws BrineException if the value is not dumpable
     */
    public static byte[] dump(@Nullable Object value) {
        return new BrineWriter(64).writeValue(value).toByteArray();
    }

    /**
     * Decodes {@code data}, which must hold exactly one brine value.
     *
     * @throws BrineException if it does not (including trailing bytes, which Python would ignore)
     */
    public static @Nullable Object load(byte[] data) {
        BrineReader reader = new BrineReader(data, 0, data.length);
        Object value = reader.readValue();
        if (!reader.atEnd()) {
            throw new BrineException((data.length - reader.position()) + " trailing bytes after the brine value");
        }
        return value;
    }

    /**
     * Whether {@link #dump} would accept {@code value}: the same rules as {@link BrineWriter#writeValue},
     * checked without encoding and without throwing.
     */
    public static boolean isDumpable(@Nullable Object value) {
        return isDumpable(value, 0);
    }

    private static boolean isDumpable(@Nullable Object value, int depth) {
        return switch (value) {
            case null -> true;
            case Long _, Integer _, Short _, Byte _, BigInteger _, Boolean _, Double _, Float _, byte[] _,
                 Complex _, PyConstant _ -> true;
            case String s -> BrineWriter.utf8Length(s) >= 0;
            case Character c -> !Character.isSurrogate(c);
            case Tuple t -> depth < BrineWriter.MAX_DEPTH && allDumpable(t.items(), depth + 1);
            case FrozenSet f -> depth < BrineWriter.MAX_DEPTH && allDumpable(f.members(), depth + 1);
            case Slice s -> depth < BrineWriter.MAX_DEPTH && isDumpable(s.start(), depth + 1)
                    && isDumpable(s.stop(), depth + 1) && isDumpable(s.step(), depth + 1);
            default -> false;
        };
    }

    private static boolean allDumpable(List<Object> items, int depth) {
        for (Object item : items) {
            if (!isDumpable(item, depth)) {
                return false;
            }
        }
        return true;
    }
}
