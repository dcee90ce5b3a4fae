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
import org.rpyc4j.api.Dialect;
import org.rpyc4j.core.brine.BrineWriter;
import org.rpyc4j.core.channel.Envelope;
import org.rpyc4j.core.channel.Message;

/**
 * The message envelope of a null call, in both dialects: {@link #encode} writes {@code (type, seq, args)} into a
 * reused writer behind the 5 bytes reserved for the frame header, as a connection does before framing;
 * {@link #decode} reads a payload back into a {@link Message}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EnvelopeBenchmark {
    /** The request of a null call, or the reply to it. */
    @Param({"CALL_REQUEST", "REPLY"})
    public Values message;

    @Param({"V5", "V6"})
    public Dialect dialect;

    private int type;
    private final Long seq = 1234L;
    private Object args;
    private byte[] payload;
    private BrineWriter writer;

    @Setup
    public void setUp() {
        type = message == Values.REPLY ? Message.REPLY : Message.REQUEST;
        args = message.value();
        BrineWriter w = new BrineWriter(64);
        Envelope.encode(dialect, type, seq, args, w);
        payload = w.toByteArray();
        writer = new BrineWriter(1024).spliceLargeBytes();
    }

    @Benchmark
    public int encode() {
        writer.reset();
        writer.reserve(5);
        Envelope.encode(dialect, type, seq, args, writer);
        return writer.size();
    }

    @Benchmark
    public Message decode() {
        return Envelope.decode(dialect, payload);
    }
}
