package org.rpyc4j.core.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.rpyc4j.api.value.Complex;
import org.rpyc4j.api.value.FrozenSet;
import org.rpyc4j.api.value.PyConstant;
import org.rpyc4j.api.value.Slice;
import org.rpyc4j.api.value.Tuple;

/**
 * Converts the vectors' typed JSON values ({@code {"t": "int", "v": "-49"}}, see vectors/README.md) into the
 * Java values brine decodes to: ints canonical ({@link Long} when they fit, else {@link BigInteger}),
 * floats from their exact bits, frozenset members in wire order.
 */
public final class TypedJson {
    private TypedJson() {
    }

    /** The Java value of a typed JSON value (a map with key {@code t}). */
    public static @Nullable Object toValue(@Nullable Object typed) {
        if (!(typed instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("not a typed JSON value: " + typed);
        }
        String t = (String) map.get("t");
        return switch (t) {
            case "none" -> null;
            case "ellipsis" -> PyConstant.ELLIPSIS;
            case "notimplemented" -> PyConstant.NOT_IMPLEMENTED;
            case "bool" -> (Boolean) map.get("v");
            case "int" -> {
                BigInteger big = new BigInteger((String) map.get("v"));
                yield big.bitLength() < 64 ? (Object) big.longValue() : big;
            }
            case "float" -> toDouble(map);
            case "complex" -> new Complex(toDouble((Map<?, ?>) map.get("re")), toDouble((Map<?, ?>) map.get("im")));
            case "bytes" -> Hex.decode((String) map.get("hex"));
            case "str" -> (String) map.get("v");
            case "tuple" -> new Tuple(items(map));
            case "frozenset" -> new FrozenSet(items(map));
            case "slice" -> new Slice(toValue(map.get("start")), toValue(map.get("stop")), toValue(map.get("step")));
            case null, default -> throw new IllegalArgumentException("unknown typed JSON type " + t);
        };
    }

    private static double toDouble(Map<?, ?> map) {
        return Double.longBitsToDouble(Long.parseUnsignedLong((String) map.get("bits"), 16));
    }

    private static List<Object> items(Map<?, ?> map) {
        List<Object> items = new ArrayList<>();
        for (Object item : (List<?>) map.get("items")) {
            items.add(toValue(item));
        }
        return items;
    }
}
