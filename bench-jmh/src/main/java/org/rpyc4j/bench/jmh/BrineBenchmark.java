package org.rpyc4j.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.rpyc4j.core.brine.Brine;
import org.rpyc4j.core.brine.BrineWriter;

/**
 * brine encode and decode of one value: {@link #dump} is {@link Brine#dump} (a fresh writer, the canonical bytes in
 * an array of their own), {@link #writeReused} what a connection does when it sends (one writer reused, large
 * bytes values referenced rather than copied), {@link #load} {@link Brine#load} of the canonical bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BrineBenchmark {
    @Param({"CALL_REQUEST", "REPLY", "STR_100", "TUPLE_10K", "BYTES_1M"})
    public Values value;

    private Object decoded;
    private byte[] encoded;
    private BrineWriter writer;

    @Setup
    public void setUp() {
        decoded = value.value();
        encoded = Brine.dump(decoded);
        writer = new BrineWriter(1024).spliceLargeBytes();
    }

    @Benchmark
    public byte[] dump() {
        return Brine.dump(decoded);
    }

    @Benchmark
    public int writeReused() {
        writer.reset();
        writer.writeValue(decoded);
        return writer.size();
    }

    @Benchmark
    public Object load() {
        return Brine.load(encoded);
    }
}
