package org.rpyc4j.registry.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rpyc4j.api.RegistryClientOptions;
import org.rpyc4j.api.RegistryServerOptions;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.core.brine.Brine;
import org.rpyc4j.registry.RegistryRequests;

/**
 * What is particular to the TCP server: each connection is served on its own, so a client that connects and
 * never sends holds up nobody (rpyc's server serves one connection at a time), and slow or endless clients are
 * cut off.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TcpRegistryServerTest {
    private static TcpRegistryServer server(RegistryServerOptions.Builder options) {
        TcpRegistryServer server = new TcpRegistryServer(options.host("127.0.0.1").port(0).build());
        server.start();
        return server;
    }

    private static TcpRegistryClient client(int port) {
        return new TcpRegistryClient(RegistryClientOptions.builder().host("127.0.0.1").port(port)
                .timeout(Duration.ofSeconds(2)).build());
    }

    /** Reads until the server closes; returns what it sent. */
    private static byte[] readToEnd(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        return socket.getInputStream().readAllBytes();
    }

    @Test
    void aClientThatConnectsAndNeverSendsHoldsUpNobody() throws Exception {
        try (TcpRegistryServer server = server(RegistryServerOptions.builder().requestTimeout(Duration.ofSeconds(2)))) {
            TcpRegistryClient client = client(server.port());
            assertTrue(client.register(List.of("BUSY"), 1));
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    idle.add(new Socket("127.0.0.1", server.port()));
                }
                for (int i = 0; i < 20; i++) {
                    long start = System.nanoTime();
                    assertEquals(List.of(new InetSocketAddress("127.0.0.1", 1)), client.discover("busy"));
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "a query took " + took);
                }
                // and the idle ones are let go once their time is up, unanswered
                long start = System.nanoTime();
                for (Socket socket : idle) {
                    assertEquals(0, readToEnd(socket).length);
                }
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "idle connections closed after " + took);
            } finally {
                for (Socket socket : idle) {
                    socket.close();
                }
            }
        }
    }

    @Test
    void aRequestSentInPiecesIsAnswered() throws Exception {
        try (TcpRegistryServer server = server(RegistryServerOptions.builder());
             Socket socket = new Socket("127.0.0.1", server.port())) {
            byte[] query = RegistryRequests.query("X");
            OutputStream out = socket.getOutputStream();
            out.write(query, 0, 5);
            out.flush();
            Thread.sleep(200);
            out.write(query, 5, query.length - 5);
            assertArrayEquals(Brine.dump(Tuple.EMPTY), readToEnd(socket));
        }
    }

    @Test
    void anIncompleteRequestIsCutOffAfterTheRequestTimeout() throws Exception {
        try (TcpRegistryServer server = server(RegistryServerOptions.builder().requestTimeout(Duration.ofMillis(500)));
             Socket socket = new Socket("127.0.0.1", server.port())) {
            byte[] query = RegistryRequests.query("X");
            socket.getOutputStream().write(Arrays.copyOf(query, query.length - 2));
            long start = System.nanoTime();
            assertEquals(0, readToEnd(socket).length);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofMillis(300)) > 0 && took.compareTo(Duration.ofSeconds(5)) < 0, took::toString);
        }
    }

    @Test
    void oneRequestPerConnection() throws Exception {
        try (TcpRegistryServer server = server(RegistryServerOptions.builder());
             Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(RegistryRequests.query("A"));
            InputStream in = socket.getInputStream();
            assertArrayEquals(Brine.dump(Tuple.EMPTY), readToEnd(socket), "one answer, then the end");
            assertEquals(-1, in.read());
        }
    }

    @Test
    void connectionsBeyondTheLimitAreClosedAtOnce() throws Exception {
        try (TcpRegistryServer server = server(RegistryServerOptions.builder().maxConnections(2)
                .requestTimeout(Duration.ofSeconds(30)))) {
            Socket first = new Socket("127.0.0.1", server.port());
            Socket second = new Socket("127.0.0.1", server.port());
            try (Socket third = new Socket("127.0.0.1", server.port())) {
                third.getOutputStream().write(RegistryRequests.query("X"));
                long start = System.nanoTime();
                assertEquals(0, readToEnd(third).length, "closed unanswered");
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
            } finally {
                first.close();
                second.close();
            }
            TcpRegistryClient client = client(server.port());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            boolean answered = false;
            while (!answered && System.nanoTime() < deadline) {
                answered = client.register(List.of("AGAIN"), 1);
            }
            assertTrue(answered, "served again once the idle connections went away");
        }
    }

    @Test
    void closingTheServerClosesOpenConnections() throws Exception {
        TcpRegistryServer server = server(RegistryServerOptions.builder().requestTimeout(Duration.ofSeconds(30)));
        try (Socket idle = new Socket("127.0.0.1", server.port())) {
            Thread.sleep(100);
            long start = System.nanoTime();
            server.close();
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "close() did not wait for the idle client");
            assertEquals(0, readToEnd(idle).length);
        }
    }
}
