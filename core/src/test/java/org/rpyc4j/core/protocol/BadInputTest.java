package org.rpyc4j.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.Deflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rpyc4j.api.ConnectOptions;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.api.Exposed;
import org.rpyc4j.api.ProtocolConfig;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.ServiceFactory;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.core.brine.BrineWriter;
import org.rpyc4j.core.channel.Envelope;
import org.rpyc4j.core.channel.FrameReader;
import org.rpyc4j.core.channel.FrameWriter;
import org.rpyc4j.core.channel.Message;
import org.rpyc4j.core.testing.Hex;
import org.rpyc4j.testkit.JavaTestServer;

/**
 * Hostile or broken input on a server connection: each case gets an exception reply where the protocol
 * allows one, otherwise that connection is closed; nothing allocates without bound, and a well-behaved
 * connection to the same server keeps working throughout.
 */
class BadInputTest {
    private static final int LIMIT = 1 << 20;
    private static final Duration BOUND = Duration.ofSeconds(20);

    public static class Echo {
        @Exposed
        public Object echo(Object x) {
            return x;
        }
    }

    private JavaTestServer server;
    private Connection bystander;

    @BeforeEach
    void start() throws IOException {
        ProtocolConfig limited = ProtocolConfig.defaults().toBuilder().maxFrameSize(LIMIT).maxInflatedSize(LIMIT).build();
        server = JavaTestServer.start(ServiceFactory.shared(new Echo()), limited);
        bystander = Rpyc.connect("127.0.0.1", server.port());
        assertEquals("hello", bystander.root().callMethod("echo", "hello"));
    }

    @AfterEach
    void stop() throws Exception {
        // the other connection was never harmed
        assertEquals(7L, bystander.root().callMethod("echo", 7L));
        bystander.close();
        server.close();
    }

    /** A raw client: writes bytes, reads frames. */
    private Socket raw() throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
        s.setSoTimeout(10_000);
        return s;
    }

    private static void assertClosedByServer(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            // whatever the server still says, the stream must end
            while (in.read() >= 0) {
                // drain
            }
        } catch (java.net.SocketException reset) {
            // a reset is an end as well
        }
    }

    private static void sendFrame(OutputStream out, byte[] payload) throws IOException {
        FrameWriter.writeFrame(out, payload, 0, payload.length, -1);
    }

    private static byte[] request(Dialect dialect, long seq, Object args) {
        BrineWriter w = new BrineWriter();
        Envelope.encode(dialect, Message.REQUEST, seq, args, w);
        return w.toByteArray();
    }

    private static Message reply(Socket s, Dialect dialect) throws IOException {
        byte[] payload = new FrameReader(s.getInputStream(), LIMIT, LIMIT).readPayload();
        return Envelope.decode(dialect, payload);
    }

    /** {@code ((module, name), args, attrs, traceback)} of an EXCEPTION reply. */
    private static String exceptionName(Message m) {
        assertEquals(Message.EXCEPTION, m.type());
        Tuple vinegar = assertInstanceOf(Tuple.class, m.args());
        Tuple type = (Tuple) vinegar.get(0);
        return type.get(0) + "." + type.get(1);
    }

    @Test
    void frameOverTheLimitClosesOnlyThatConnection() {
        assertTimeoutPreemptively(BOUND, () -> {
            try (Socket s = raw()) {
                s.getOutputStream().write(Hex.decode("7fffffff00"));
                assertClosedByServer(s);
            }
        });
    }

    @Test
    void truncatedFrameClosesTheConnection() {
        assertTimeoutPreemptively(BOUND, () -> {
            try (Socket s = raw()) {
                s.getOutputStream().write(Hex.decode("0000001000125150"));
                s.shutdownOutput();
                assertClosedByServer(s);
            }
        });
    }

    @Test
    void compressedFrameInflatingPastTheLimitClosesTheConnection() {
        assertTimeoutPreemptively(BOUND, () -> {
            byte[] zeros = new byte[16 * LIMIT];
            Deflater deflater = new Deflater(9);
            deflater.setInput(zeros);
            deflater.finish();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] chunk = new byte[65536];
            while (!deflater.finished()) {
                body.write(chunk, 0, deflater.deflate(chunk));
            }
            byte[] b = body.toByteArray();
            try (Socket s = raw()) {
                OutputStream out = s.getOutputStream();
                out.write(new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16), (byte) (b.length >>> 8),
                        (byte) b.length, 1});
                out.write(b);
                out.write('\n');
                assertClosedByServer(s);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1207",                 // 5.x envelope, then an unknown brine tag
        "12",                   // 5.x envelope, truncated brine
        "01ff",                 // 6.x envelope, undecodable brine
        "0150",                 // 6.x envelope, not a (seq, args) tuple
        "00aabbccdd",           // thread-binding prefix (RPYC_BIND_THREADS), unsupported
        "7b",                   // no RPyC envelope starts like this
    })
    void malformedMessagesCloseTheConnection(String payloadHex) {
        assertTimeoutPreemptively(BOUND, () -> {
            try (Socket s = raw()) {
                sendFrame(s.getOutputStream(), Hex.decode(payloadHex));
                assertClosedByServer(s);
            }
        });
    }

    @Test
    void nestingBombClosesTheConnection() {
        assertTimeoutPreemptively(BOUND, () -> {
            byte[] bomb = new byte[200_000];
            bomb[0] = 0x01; // 6.x REQUEST, then 1-tuples nested far past any limit
            java.util.Arrays.fill(bomb, 1, bomb.length, (byte) 0x10);
            try (Socket s = raw()) {
                sendFrame(s.getOutputStream(), bomb);
                assertClosedByServer(s);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET / HTTP/1.1\r\nHost: x\r\n\r\n", "SSH-2.0-OpenSSH_9.2\r\n"})
    void foreignProtocolsAreRefused(String text) {
        assertTimeoutPreemptively(BOUND, () -> {
            try (Socket s = raw()) {
                s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
                assertClosedByServer(s);
            }
        });
    }

    @Test
    void tlsHandshakeIsRefused() {
        assertTimeoutPreemptively(BOUND, () -> {
            try (Socket s = raw()) {
                s.getOutputStream().write(Hex.decode("160301020001000200000000000000000000"));
                assertClosedByServer(s);
            }
        });
    }

    @Test
    void unknownHandlerGetsKeyErrorAndTheConnectionStays() {
        assertTimeoutPreemptively(BOUND, () -> {
            try (Socket s = raw()) {
                sendFrame(s.getOutputStream(), request(Dialect.V5, 0, Tuple.of(99L, Tuple.of(1L, Tuple.EMPTY))));
                Message m = reply(s, Dialect.V5);
                assertEquals(0L, m.seq());
                assertEquals("builtins.KeyError", exceptionName(m));
                // still serving: PING
                sendFrame(s.getOutputStream(), request(Dialect.V5, 1, Tuple.of(1L, Tuple.of(1L, Tuple.of("x")))));
                Message pong = reply(s, Dialect.V5);
                assertEquals(Message.REPLY, pong.type());
                assertEquals(Tuple.of(1L, "x"), pong.args());
            }
        });
    }

    @Test
    void unknownIdPackGetsAnExceptionReply() {
        assertTimeoutPreemptively(BOUND, () -> {
            try (Socket s = raw()) {
                Tuple ghost = Tuple.of(3L, Tuple.of("java.lang.Object", 1L, 987_654_321L));
                Tuple getattr = Tuple.of(4L, Tuple.of(2L, Tuple.of(ghost, Tuple.of(1L, "x"))));
                sendFrame(s.getOutputStream(), request(Dialect.V6, 5, getattr));
                Message m = reply(s, Dialect.V6);
                assertEquals(5L, m.seq());
                assertEquals("builtins.KeyError", exceptionName(m));
            }
        });
    }

    @Test
    void wrongArgumentShapesGetTypeErrors() {
        assertTimeoutPreemptively(BOUND, () -> {
            try (Socket s = raw()) {
                // a request whose args are not (handler, box)
                sendFrame(s.getOutputStream(), request(Dialect.V6, 1, "nonsense"));
                assertEquals("builtins.TypeError", exceptionName(reply(s, Dialect.V6)));
                // GETROOT with arguments it does not take
                sendFrame(s.getOutputStream(), request(Dialect.V6, 2, Tuple.of(3L, Tuple.of(1L, Tuple.of(1L, 2L)))));
                assertEquals("builtins.TypeError", exceptionName(reply(s, Dialect.V6)));
                // an invalid boxing label
                sendFrame(s.getOutputStream(), request(Dialect.V6, 3, Tuple.of(3L, Tuple.of(9L, Tuple.EMPTY))));
                assertEquals("builtins.ValueError", exceptionName(reply(s, Dialect.V6)));
            }
        });
    }

    @Test
    void hostileAttributeNamesAreJustMissing() {
        assertTimeoutPreemptively(BOUND, () -> {
            for (String name : new String[] {"__class__", "getClass", "../../etc/passwd", "\u0000", "x".repeat(100_000),
                "exposed_", "_rpyc_getattr", "java.lang.Runtime"}) {
                var e = org.junit.jupiter.api.Assertions.assertThrows(org.rpyc4j.api.error.RemoteException.class,
                        () -> bystander.root().getattr(name));
                assertEquals("AttributeError", e.pythonType());
            }
        });
    }

    @Test
    void aSilentClientCostsNothingAndIsClosedWithTheServer() {
        assertTimeoutPreemptively(BOUND, () -> {
            try (Socket s = raw()) {
                Thread.sleep(200);
                assertEquals(2, server.connections().size()); // the bystander and the silent one, both served
            }
        });
    }

    @Test
    void emptyFramesAreIgnored() {
        assertTimeoutPreemptively(BOUND, () -> {
            try (Socket s = raw()) {
                s.getOutputStream().write(Hex.decode("00000000000a0000000001ff"));
                sendFrame(s.getOutputStream(), request(Dialect.V6, 1, Tuple.of(1L, Tuple.of(1L, Tuple.of("ok")))));
                Message m = reply(s, Dialect.V6);
                assertEquals(Tuple.of(1L, "ok"), m.args());
                assertEquals(Message.REPLY, m.type());
            }
        });
    }
}
