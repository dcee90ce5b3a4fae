package org.rpyc4j.bench.jmh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.api.ProtocolConfig;
import org.rpyc4j.core.brine.BrineWriter;
import org.rpyc4j.core.channel.Envelope;
import org.rpyc4j.core.channel.FrameReader;
import org.rpyc4j.core.channel.FrameWriter;
import org.rpyc4j.core.channel.Message;

/**
 * Framing of one 6.x request payload over in-memory streams, with the default limits and compression threshold:
 * {@link #write} frames a payload encoded behind its reserved header ({@link FrameWriter#writeFrame(OutputStream,
 * BrineWriter, int)}, the connection's send path) into a reused byte sink; {@link #read} takes the next payload
 * from one {@link FrameReader} over a stream that repeats the frame without end, as a busy connection's reader
 * sees them (large bytes values read into arrays of their own, as the connection's reader does).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FrameBenchmark {
    /** The request's args: a null call, a 10,000-int tuple (compresses), 1 MiB of bytes (does not). */
    @Param({"CALL_REQUEST", "TUPLE_10K", "BYTES_1M"})
    public Values args;

    private final ProtocolConfig config = ProtocolConfig.defaults();
    private final Long seq = 1234L;
    private Object value;
    private BrineWriter writer;
    private Sink sink;
    private FrameReader reader;

    @Setup
    public void setUp() throws IOException {
        value = args.value();
        writer = new BrineWriter(1024).spliceLargeBytes();
        sink = new Sink();
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        BrineWriter w = new BrineWriter(1024);
        w.reserve(5);
        Envelope.encode(Dialect.V6, Message.REQUEST, seq, value, w);
        FrameWriter.writeFrame(frame, w, config.compressionThreshold());
        reader = new FrameReader(new Repeating(frame.toByteArray()), config.maxFrameSize(), config.maxInflatedSize())
                .spliceLargeBytes();
    }

    @Benchmark
    public int write() throws IOException {
        sink.reset();
        writer.reset();
        writer.reserve(5);
        Envelope.encode(Dialect.V6, Message.REQUEST, seq, value, writer);
        FrameWriter.writeFrame(sink, writer, config.compressionThreshold());
        return sink.size();
    }

    @Benchmark
    public void read(Blackhole hole) throws IOException {
        hole.consume(reader.readPayload());
        hole.consume(reader.takeSplice());
    }

    /** A byte sink that keeps its buffer between frames, as a socket's send buffer would. */
    private static final class Sink extends ByteArrayOutputStream {
        Sink() {
            super(1 << 16);
        }
    }

    /** An endless stream of the same frame. */
    private static final class Repeating extends InputStream {
        private final byte[] frame;
        private int pos;

        Repeating(byte[] frame) {
            this.frame = frame;
        }

        @Override
        public int read() {
            int b = frame[pos] & 0xff;
            pos = (pos + 1) % frame.length;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = Math.min(len, frame.length - pos);
            System.arraycopy(frame, pos, b, off, n);
            pos = (pos + n) % frame.length;
            return n;
        }
    }
}
