package org.rpyc4j.server.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rpyc4j.api.ClassServiceFactory;
import org.rpyc4j.api.ConnectOptions;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.api.Transport;
import org.rpyc4j.api.error.ConnectionClosedException;
import org.rpyc4j.server.testkit.DemoService;
import org.rpyc4j.spi.ServerContext;
import org.rpyc4j.spi.support.JavaCommand;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StdioServerTest {
    /** The Java client starts the server as a child process and talks to it over its stdin and stdout. */
    @Test
    void servesAJavaClientThatStartedIt() {
        try (Connection client = Rpyc.connectSubprocess(StdioCommand.demo(), ConnectOptions.defaults())) {
            NetRef root = client.root();
            assertEquals(5L, root.callMethod("add", 2, 3));
            assertNotEquals(ProcessHandle.current().pid(), root.callMethod("pid"));
            AtomicReference<Function<Object, Object>> callback = new AtomicReference<>();
            callback.set(d -> ((Long) d) == 0 ? "bottom" : root.callMethod("nest", callback.get(), (Long) d - 1));
            assertEquals("bottom", root.callMethod("nest", callback.get(), 5));
            // a large reply: nothing but the protocol may be on stdout, or framing breaks
            assertEquals("y".repeat(200_000), root.callMethod("echo", "y".repeat(200_000)));
        }
    }

    /** Closing the server while it waits for its silent peer ends it: reading stdin does not hold it up. */
    @Test
    void closesWhileItsPeerIsSilent() throws Exception {
        List<String> command = JavaCommand.runningLikeThisJvm("org.rpyc4j.server.stdio",
                CloseWhileWaitingDriver.class.getName()).build();
        Process process = new ProcessBuilder(command).start();   // stdin: a pipe nobody writes to
        try {
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "close() hung on a blocked read of stdin");
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(stderr.contains("CLOSED true"), stderr);
            assertEquals(0, process.exitValue(), stderr);
            assertEquals("", new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                    "nothing on stdout but the protocol (here: nothing)");
        } finally {
            process.destroyForcibly();
        }
    }

    /** Any pair of streams will do, e.g. an application's own pipes; serving ends with the connection. */
    @Test
    void servesOverGivenStreams() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket clientSocket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
             Socket serverSocket = listener.accept()) {
            StdioServer server = StdioServer.overStreams(
                    ServerContext.of(ClassServiceFactory.of(DemoService.class), ServerOptions.defaults()),
                    serverSocket.getInputStream(), serverSocket.getOutputStream());
            CompletableFuture<Void> serving = CompletableFuture.runAsync(server::serve);
            try (Connection client = Rpyc.connect(Transport.of(clientSocket), ConnectOptions.defaults())) {
                assertEquals(9L, client.root().callMethod("add", 4, 5));
            }
            serving.get(30, TimeUnit.SECONDS);
            assertTrue(server.isClosed());
            assertEquals(null, server.address());
        }
    }

    /** The server's process ends with its connection. */
    @Test
    void endsWithTheConnection() {
        try (Connection client = Rpyc.connectSubprocess(StdioCommand.demo(), ConnectOptions.defaults())) {
            NetRef root = client.root();
            long pid = (Long) root.callMethod("pid");
            client.close();
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join());
            assertThrows(ConnectionClosedException.class, () -> root.callMethod("add", 1, 1));
        }
    }
}
