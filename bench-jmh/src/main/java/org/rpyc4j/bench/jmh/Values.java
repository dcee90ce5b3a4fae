package org.rpyc4j.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.annotation.Nullable;
import org.rpyc4j.api.value.Tuple;

/**
 * The values the benchmarks move, shaped as rpyc sends them (WIRE.md §4, §5, §7): a request's {@code args} is
 * {@code (handler, box)}, a reply's the box of the result; boxes are {@code (label, payload)}. Public because JMH
 * generates code that names it (a {@code @Param} type).
 */
public enum Values {
    /** The args of a CALL request for {@code f()} on a proxy: {@code (7, (2, ((3, id_pack), (1, ()), (1, ()))))}. */
    CALL_REQUEST(Tuple.of(7L, Tuple.of(2L, Tuple.of(
            Tuple.of(3L, Tuple.of("builtins.method", 94_362_511_203_456L, 140_187_245_960_832L)),
            Tuple.of(1L, Tuple.EMPTY),
            Tuple.of(1L, Tuple.EMPTY))))),
    /** The args of the reply to it: the box of {@code None}, {@code (1, None)}. */
    REPLY(Tuple.of(1L, null)),
    /** A 100-character str. */
    STR_100("rpyc4j ".repeat(15).substring(0, 100)),
    /** {@code tuple(range(10000))}. */
    TUPLE_10K(range(10_000)),
    /** 1 MiB of bytes that do not compress (as a file or an image would be). */
    BYTES_1M(randomBytes(1 << 20));

    private final @Nullable Object value;

    Values(@Nullable Object value) {
        this.value = value;
    }

    @Nullable
    Object value() {
        return value;
    }

    private static Tuple range(int n) {
        List<Object> items = new ArrayList<>(n);
        for (long i = 0; i < n; i++) {
            items.add(i);
        }
        return new Tuple(items);
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(22).nextBytes(b);
        return b;
    }
}
