package org.rpyc4j.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpyc4j.api.ConnectOptions;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.api.Exposed;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.ProtocolConfig;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.ServiceFactory;
import org.rpyc4j.api.Transport;
import org.rpyc4j.api.error.ConnectionClosedException;
import org.rpyc4j.api.error.RequestTimeoutException;

class TransportsAndFailuresTest {
    private static final Duration BOUND = Duration.ofSeconds(20);

    public static class SlowService {
        private final CountDownLatch gate = new CountDownLatch(1);
        volatile Connection connection;

        @Exposed
        public long sleep(long millis) throws InterruptedException {
            Thread.sleep(millis);
            return millis;
        }

        @Exposed
        public long twice(long x) {
            return 2 * x;
        }

        /** Blocks until {@link #open()} is called on the same connection: needs concurrent requests. */
        @Exposed
        public boolean await() throws InterruptedException {
            return gate.await(10, TimeUnit.SECONDS);
        }

        @Exposed
        public void open() {
            gate.countDown();
        }

        /** The server drops the connection in the middle of answering. */
        @Exposed
        public long vanish() {
            connection.close();
            return 1;
        }
    }

    private static ServiceFactory slow() {
        return conn -> {
            SlowService s = new SlowService();
            s.connection = conn;
            return s;
        };
    }

    @Test
    void syncTimeoutLeavesTheConnectionUsable() {
        assertTimeoutPreemptively(BOUND, () -> {
            ConnectOptions options = ConnectOptions.defaults().withConfig(ProtocolConfig.defaults().toBuilder()
                    .syncRequestTimeout(Duration.ofMillis(300)).build());
            try (LoopbackPair pair = LoopbackPair.open(slow(), ProtocolConfig.defaults(), options)) {
                NetRef root = pair.client.root();
                assertThrows(RequestTimeoutException.class, () -> root.callMethod("sleep", 2000L));
                // the late reply is dropped, and the stream is intact for the next call
                assertEquals(42L, root.callMethod("twice", 21L));
                Thread.sleep(2000);
                assertEquals(8L, root.callMethod("twice", 4L));
            }
        });
    }

    @Test
    void aBlockedRequestDoesNotStopItsConnection() {
        assertTimeoutPreemptively(BOUND, () -> {
            try (LoopbackPair pair = LoopbackPair.open(slow(), Dialect.V6)) {
                NetRef root = pair.client.root();
                CompletableFuture<Object> waiting = root.callMethodAsync("await");
                // the second request is read and run while the first one blocks on the server
                root.callMethod("open");
                assertEquals(Boolean.TRUE, waiting.get(10, TimeUnit.SECONDS));
            }
        });
    }

    @Test
    void peerVanishingMidRequestFailsTheCallCleanly() {
        assertTimeoutPreemptively(BOUND, () -> {
            try (LoopbackPair pair = LoopbackPair.open(slow(), Dialect.V5)) {
                NetRef root = pair.client.root();
                assertThrows(ConnectionClosedException.class, () -> root.callMethod("vanish"));
                assertTrue(pair.client.isClosed());
                assertThrows(ConnectionClosedException.class, () -> root.callMethod("twice", 1L));
            }
        });
    }

    @Test
    void manyThreadsShareOneConnection() {
        assertTimeoutPreemptively(BOUND, () -> {
            try (LoopbackPair pair = LoopbackPair.open(slow(), Dialect.V6);
                    ExecutorService pool = Executors.newFixedThreadPool(16)) {
                NetRef root = pair.client.root();
                List<Future<Long>> results = new ArrayList<>();
                for (int i = 0; i < 2000; i++) {
                    long x = i;
                    results.add(pool.submit(() -> (Long) root.callMethod("twice", x)));
                }
                for (int i = 0; i < results.size(); i++) {
                    assertEquals(2L * i, results.get(i).get());
                }
            }
        });
    }

    @Test
    void servesOverPipes() {
        assertTimeoutPreemptively(BOUND, () -> {
            // OS pipes (java.io's piped streams break when the thread that last wrote has ended, and here
            // whichever thread runs a request writes its answer)
            Pipe toServer = Pipe.open();
            Pipe toClient = Pipe.open();
            Transport serverSide = Transport.of(Channels.newInputStream(toServer.source()),
                    Channels.newOutputStream(toClient.sink()), () -> {
                        toClient.sink().close();
                        toServer.source().close();
                    }, "pipe");
            Transport clientSide = Transport.of(Channels.newInputStream(toClient.source()),
                    Channels.newOutputStream(toServer.sink()), () -> {
                        toServer.sink().close();
                        toClient.source().close();
                    }, "pipe");
            Thread serving = Thread.ofVirtual().start(() ->
                    RpycConnection.server(serverSide, slow(), ProtocolConfig.defaults(), null).serveAll());
            // pipes cannot time out a read: waiting threads let a standby reader read for them
            try (Connection client = Rpyc.connect(clientSide, ConnectOptions.defaults())) {
                assertEquals(10L, client.root().callMethod("twice", 5L));
                CompletableFuture<Object> waiting = client.root().callMethodAsync("await");
                client.root().callMethod("open");
                assertEquals(Boolean.TRUE, waiting.get(10, TimeUnit.SECONDS));
            }
            serving.join(5000);
        });
    }

    @Test
    void servesOverAUnixDomainSocket(@TempDir Path dir) {
        assertTimeoutPreemptively(BOUND, () -> {
            Path path = dir.resolve("rpyc.sock");
            try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                listener.bind(UnixDomainSocketAddress.of(path));
                Thread serving = Thread.ofVirtual().start(() -> {
                    try {
                        SocketChannel ch = listener.accept();
                        RpycConnection.server(Transport.of(ch, "unix"), slow(), ProtocolConfig.defaults(), null)
                                .serveAll();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                try (Connection client = Rpyc.connectUnix(path, ConnectOptions.defaults().withDialect(Dialect.V5))) {
                    assertEquals(6L, client.root().callMethod("twice", 3L));
                }
                serving.join(5000);
            }
            assertTrue(Files.exists(path));
        });
    }

    @Test
    void servesOverIpv6Loopback() {
        assertTimeoutPreemptively(BOUND, () -> {
            InetAddress v6 = InetAddress.getByName("::1");
            assertTrue(v6 instanceof Inet6Address);
            try (ServerSocket listener = new ServerSocket()) {
                listener.bind(new InetSocketAddress(v6, 0));
                Thread serving = Thread.ofVirtual().start(() -> {
                    try (Socket s = listener.accept()) {
                        RpycConnection.server(Transport.of(s), slow(), ProtocolConfig.defaults(), null).serveAll();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                try (Connection client = Rpyc.connect("::1", listener.getLocalPort())) {
                    assertEquals(14L, client.root().callMethod("twice", 7L));
                    assertTrue(client.peer().contains(":"));
                }
                serving.join(5000);
            }
        });
    }
}
