package org.rpyc4j.bench;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.rmi.registry.LocateRegistry;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.LongStream;
import org.rpyc4j.api.ConnectOptions;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.ProtocolConfig;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.value.Tuple;

/** A Java client measured by the harness: opened once, then {@link #run(int)} calls timed round by round. */
interface JavaScenario extends AutoCloseable {
    /** Makes {@code n} calls, one after the other, each waiting for its answer. */
    void run(int n) throws Exception;

    @Override
    void close() throws IOException;

    /** The floor: one byte to the echo server and back per call, blocking socket, TCP_NODELAY. */
    static JavaScenario tcpPingPong(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        return new JavaScenario() {
            @Override
            public void run(int n) throws IOException {
                for (int i = 0; i < n; i++) {
                    out.write(i & 0x7f);
                    if (in.read() < 0) {
                        throw new IOException("echo server closed the connection");
                    }
                }
            }

            @Override
            public void close() throws IOException {
                socket.close();
            }
        };
    }

    /** {@code root.callMethod("noop")} on an rpyc4j connection speaking {@code dialect} (one CALLATTR round trip). */
    static JavaScenario rpycNoop(int port, Dialect dialect) {
        Connection conn = Rpyc.connect("127.0.0.1", port, ConnectOptions.defaults().withDialect(dialect));
        NetRef root = conn.root();
        return new JavaScenario() {
            @Override
            public void run(int n) {
                for (int i = 0; i < n; i++) {
                    root.callMethod("noop");
                }
            }

            @Override
            public void close() {
                conn.close();
            }
        };
    }

    /** {@code stub.noop()} through the RMI registry at {@code registryPort}. */
    static JavaScenario rmiNoop(int registryPort) throws Exception {
        RmiNoop stub = (RmiNoop) LocateRegistry.getRegistry("127.0.0.1", registryPort).lookup(RmiNoopServer.NAME);
        return new JavaScenario() {
            @Override
            public void run(int n) throws Exception {
                for (int i = 0; i < n; i++) {
                    stub.noop();
                }
            }

            @Override
            public void close() {
                // RMI's client side has nothing to close; the DGC lease lapses when the server JVM exits
            }
        };
    }

    /**
     * The bulk-throughput floor: each call sends one transfer of {@code size} bytes to the sink
     * ({@link TcpEchoServer#sink}) in 1 MiB writes and waits for its one-byte answer.
     */
    static JavaScenario rawTransfer(int port, int size) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        InputStream in = socket.getInputStream();
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        byte[] chunk = randomBytes(1 << 20);
        return new JavaScenario() {
            @Override
            public void run(int n) throws IOException {
                for (int i = 0; i < n; i++) {
                    out.writeLong(size);
                    for (int sent = 0; sent < size; sent += chunk.length) {
                        out.write(chunk, 0, Math.min(chunk.length, size - sent));
                    }
                    out.flush();
                    if (in.read() < 0) {
                        throw new IOException("sink closed the connection");
                    }
                }
            }

            @Override
            public void close() throws IOException {
                socket.close();
            }
        };
    }

    /**
     * A series of {@code extra_bench.py series} done by the Java client: {@code root.callMethod("echo", payload)}
     * of a payload kind ({@code str100}, {@code bytes1m}, {@code bytes16m}, {@code tuple10k}), checking the size of
     * what comes back, or {@code callbacksN}: {@code root.callMethod("each", N, f)} with a Java lambda the server
     * calls N times. {@code compress} false turns compression off on the client's side of the connection.
     */
    static JavaScenario payload(int port, Dialect dialect, boolean compress, String kind) {
        ConnectOptions options = ConnectOptions.defaults().withDialect(dialect);
        if (!compress) {
            options = options.withConfig(ProtocolConfig.defaults().toBuilder().compressionThreshold(-1).build());
        }
        Connection conn = Rpyc.connect("127.0.0.1", port, options);
        NetRef root = conn.root();
        Runnable call;
        if (kind.startsWith("callbacks")) {
            int n = Integer.parseInt(kind.substring("callbacks".length()));
            AtomicInteger seen = new AtomicInteger();
            IntConsumer callback = i -> seen.incrementAndGet();
            call = () -> {
                seen.set(0);
                root.callMethod("each", n, callback);
                check(seen.get(), n, "callbacks");
            };
        } else {
            Object payload = switch (kind) {
                case "str100" -> "x".repeat(100);
                case "bytes1m" -> randomBytes(1 << 20);
                case "bytes16m" -> randomBytes(16 << 20);
                case "tuple10k" -> new Tuple(LongStream.range(0, 10_000).boxed().map(Object.class::cast).toList());
                default -> throw new IllegalArgumentException("unknown payload kind " + kind);
            };
            int size = size(payload);
            call = () -> check(size(root.callMethod("echo", payload)), size, "echo");
        }
        return new JavaScenario() {
            @Override
            public void run(int n) {
                for (int i = 0; i < n; i++) {
                    call.run();
                }
            }

            @Override
            public void close() {
                conn.close();
            }
        };
    }

    private static int size(Object value) {
        return switch (value) {
            case String s -> s.length();
            case byte[] b -> b.length;
            case Tuple t -> t.items().size();
            default -> throw new IllegalStateException("echo returned a " + value.getClass().getName());
        };
    }

    private static void check(int got, int expected, String what) {
        if (got != expected) {
            throw new IllegalStateException(what + ": " + got + " items, expected " + expected);
        }
    }

    /** Pseudo-random, so incompressible (zlib gains nothing on them), and the same in every run. */
    private static byte[] randomBytes(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }
}
