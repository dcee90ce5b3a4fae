package org.rpyc4j.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.rpyc4j.api.value.FrozenSet;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.core.brine.Brine;

/**
 * Decoding a frozenset of 50,000 2-tuples whose Java {@code List.hashCode}s all collide, as a hostile peer would
 * choose them, against one of the same size and shape whose hash codes differ.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FrozensetDecodeBenchmark {
    private static final int MEMBERS = 50_000;

    @Param({"DISTINCT_HASHES", "COLLIDING_HASHES"})
    public String members;

    private byte[] encoded;

    @Setup
    public void setUp() {
        List<Object> tuples = new ArrayList<>(MEMBERS);
        for (long i = 0; i < MEMBERS; i++) {
            // (i, c - 31 i) all share 961 + 31 hash(i) + hash(c - 31 i); (i, c + i) do not
            long second = members.equals("COLLIDING_HASHES") ? 1_000_000L - 31 * i : 1_000_000L + i;
            tuples.add(Tuple.of(i, second));
        }
        encoded = Brine.dump(new FrozenSet(tuples));
    }

    @Benchmark
    public Object load() {
        return Brine.load(encoded);
    }
}
