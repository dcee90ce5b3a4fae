package org.rpyc4j.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import javax.annotation.Nullable;
import org.rpyc4j.api.value.Complex;
import org.rpyc4j.api.value.FrozenSet;
import org.rpyc4j.api.value.PyRepr;
import org.rpyc4j.api.value.Slice;
import org.rpyc4j.api.value.Tuple;

/** Exact equality of decoded brine values, for tests. */
public final class BrineValues {
    private BrineValues() {
    }

    /**
     * Whether two brine values are identical: same Java types, {@code byte[]} by content, doubles by raw bits
     * (so NaN equals NaN and 0.0 differs from -0.0), tuple and frozenset members recursively and in order.
     */
    public static boolean deepEquals(@Nullable Object a, @Nullable Object b) {
        return switch (a) {
            case null -> b == null;
            case byte[] x -> b instanceof byte[] y && java.util.Arrays.equals(x, y);
            case Double x -> b instanceof Double y && Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y);
            case Complex x -> b instanceof Complex y
                    && Double.doubleToRawLongBits(x.real()) == Double.doubleToRawLongBits(y.real())
                    && Double.doubleToRawLongBits(x.imag()) == Double.doubleToRawLongBits(y.imag());
            case Tuple x -> b instanceof Tuple y && listEquals(x.items(), y.items());
            case FrozenSet x -> b instanceof FrozenSet y && listEquals(x.members(), y.members());
            case Slice x -> b instanceof Slice y && deepEquals(x.start(), y.start()) && deepEquals(x.stop(), y.stop())
                    && deepEquals(x.step(), y.step());
            // Long, BigInteger, Boolean, String, PyConstant: equals() is exact, and the classes must match
            default -> b != null && a.getClass() == b.getClass() && a.equals(b);
        };
    }

    private static boolean listEquals(List<Object> a, List<Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!deepEquals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Fails with both values' reprs unless they are {@link #deepEquals}. */
    public static void assertDeepEquals(@Nullable Object expected, @Nullable Object actual) {
        if (!deepEquals(expected, actual)) {
            fail("brine values differ:\n expected " + abbreviate(PyRepr.of(expected)) + "\n actual   "
                    + abbreviate(PyRepr.of(actual)));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000) + "...";
    }
}
