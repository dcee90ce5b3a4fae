package org.rpyc4j.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rpyc4j.api.ConnectOptions;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Exposed;
import org.rpyc4j.api.ProtocolConfig;
import org.rpyc4j.api.ServiceFactory;
import org.rpyc4j.api.Transport;
import org.rpyc4j.api.error.ConnectionClosedException;

/** {@link RpycConnection#serve(Duration)}: one frame at a time, a timeout when nothing (or half a frame) arrives. */
class ServeOneFrameTest {
    private static final Duration BOUND = Duration.ofSeconds(20);

    public static class Doubler {
        @Exposed
        public long twice(long x) {
            return 2 * x;
        }
    }

    @Test
    void servesOneFrameAtATimeAndTimesOutWhenNothingArrives() throws Exception {
        assertTimeoutPreemptively(BOUND, () -> {
            try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    Socket clientSocket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                    Socket serverSocket = listener.accept()) {
                RpycConnection server = RpycConnection.server(Transport.of(serverSocket),
                        ServiceFactory.shared(new Doubler()), ProtocolConfig.defaults(), null);
                Connection client = new CoreEngine().connect(Transport.of(clientSocket), ConnectOptions.defaults());

                assertFalse(server.serve(Duration.ofMillis(50)), "nothing was sent");

                CompletableFuture<Object> call = CompletableFuture.supplyAsync(
                        () -> client.root().callMethod("twice", 21L));
                int frames = 0;
                while (!call.isDone()) {
                    if (server.serve(Duration.ofMillis(100))) {
                        frames++;
                    }
                }
                assertEquals(42L, call.get());
                // GETROOT, then CALLATTR, one per serve; a standby reader takes the second if the first request
                // ran long enough (1 ms) for the engine to start one
                assertTrue(frames == 1 || frames == 2, "frames served: " + frames);

                client.close();
                assertTrue(server.serve(Duration.ofSeconds(5)), "the CLOSE request is a frame too");
                assertThrows(ConnectionClosedException.class, () -> server.serve(Duration.ofSeconds(5)));
            }
        });
    }

    /** A frame that arrives in two parts across a timeout is resumed, not lost or misread. */
    @Test
    void aFrameSplitAcrossATimeoutIsResumed() throws Exception {
        assertTimeoutPreemptively(BOUND, () -> {
            try (ServerSocket serverListener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    ServerSocket relayListener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    Socket clientSocket = new Socket(InetAddress.getLoopbackAddress(), relayListener.getLocalPort());
                    Socket relayIn = relayListener.accept();
                    Socket relayOut = new Socket(InetAddress.getLoopbackAddress(), serverListener.getLocalPort());
                    Socket serverSocket = serverListener.accept()) {
                // server -> client bytes pass straight through; client -> server bytes come in two halves per frame
                Thread back = Thread.ofVirtual().start(() -> copy(relayOut, relayIn, false));
                Thread forth = Thread.ofVirtual().start(() -> copy(relayIn, relayOut, true));
                RpycConnection server = RpycConnection.server(Transport.of(serverSocket),
                        ServiceFactory.shared(new Doubler()), ProtocolConfig.defaults(), null);
                Connection client = new CoreEngine().connect(Transport.of(clientSocket), ConnectOptions.defaults());

                CompletableFuture<Object> call = CompletableFuture.supplyAsync(
                        () -> client.root().callMethod("twice", 5L));
                int timeoutsBeforeFirstFrame = 0;
                int frames = 0;
                while (!call.isDone()) {
                    if (server.serve(Duration.ofMillis(20))) {
                        frames++;
                    } else if (frames == 0) {
                        timeoutsBeforeFirstFrame++;
                    }
                }
                assertEquals(10L, call.get());
                // the first frame's halves are 150 ms apart: several 20 ms serves time out holding half of it
                assertTrue(timeoutsBeforeFirstFrame >= 2, "timeouts before the first frame: " + timeoutsBeforeFirstFrame);
                assertTrue(frames >= 1, "frames: " + frames);
                client.close();
                server.close();
                back.join(5000);
                forth.join(5000);
            }
        });
    }

    /** Copies until the stream ends; with {@code split}, sends each chunk as two halves 150 ms apart. */
    private static void copy(Socket from, Socket to, boolean split) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (split && n > 1) {
                    out.write(buf, 0, n / 2);
                    out.flush();
                    TimeUnit.MILLISECONDS.sleep(150);
                    out.write(buf, n / 2, n - n / 2);
                } else {
                    out.write(buf, 0, n);
                }
                out.flush();
            }
        } catch (Exception e) {
            // one side closed: the copy ends
        } finally {
            try {
                to.shutdownOutput();
            } catch (Exception ignored) {
                // already closed
            }
        }
    }

    @Test
    void refusesANonPositiveTimeout() throws Exception {
        try (LoopbackPair pair = LoopbackPair.open(ServiceFactory.shared(new Doubler()), org.rpyc4j.api.Dialect.V6)) {
            assertThrows(IllegalArgumentException.class, () -> pair.client.serve(Duration.ZERO));
        }
    }
}
