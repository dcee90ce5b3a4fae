package org.rpyc4j.server.oneshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rpyc4j.api.ClassServiceFactory;
import org.rpyc4j.api.ConnectOptions;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.server.testkit.Await;
import org.rpyc4j.server.testkit.DemoService;
import org.rpyc4j.server.testkit.RecordingLogger;
import org.rpyc4j.server.testkit.ServerResources;
import org.rpyc4j.spi.ServerContext;
import org.slf4j.event.Level;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OneShotServerTest {
    private static ServerContext demo(ServerOptions options) {
        return ServerContext.of(ClassServiceFactory.of(DemoService.class), options);
    }

    @Test
    void printsTheBannerServesOneConnectionAndEnds() throws Exception {
        ServerResources before = ServerResources.now();
        ByteArrayOutputStream banner = new ByteArrayOutputStream();
        RecordingLogger log = new RecordingLogger("oneshot");
        OneShotServer server = new OneShotServer(demo(ServerOptions.defaults()).withLogger(log), banner);
        CompletableFuture<Void> serving = CompletableFuture.runAsync(server::serve);
        awaitBanner(banner);
        assertEquals("rpyc-oneshot\n127.0.0.1\t" + server.port() + "\n", banner.toString(StandardCharsets.UTF_8));

        try (Connection client = Rpyc.connect("127.0.0.1", server.port())) {
            assertEquals(5L, client.root().callMethod("add", 2, 3));
        }
        serving.get(30, TimeUnit.SECONDS);   // serve() returns once the one connection ended
        assertTrue(server.isClosed());
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", server.port()).close(),
                "nothing listens any more");
        List<String> info = log.messages(Level.INFO);
        assertEquals("server started on [127.0.0.1]:" + server.port(), info.getFirst());
        // as Python's OneShotServer: the serving loop ends, then the listener closes
        assertEquals(List.of("server has terminated", "listener closed"), info.subList(info.size() - 2, info.size()));
        assertEquals(List.of(), ServerResources.leftSince(before, "oneshot"));
    }

    @Test
    void announcesAUnixSocketAsAnEmptyHostAndItsPath(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("oneshot.sock");
        ByteArrayOutputStream banner = new ByteArrayOutputStream();
        OneShotServer server = new OneShotServer(demo(ServerOptions.builder().unixSocketPath(socket).build()), banner);
        server.start();
        assertEquals("rpyc-oneshot\n\t" + socket + "\n", banner.toString(StandardCharsets.UTF_8));
        try (Connection client = Rpyc.connectUnix(socket, ConnectOptions.defaults())) {
            assertEquals(7L, client.root().callMethod("add", 3, 4));
        }
        server.close();
        assertTrue(Files.notExists(socket));
    }

    @Test
    void printsNoBannerWhenToldNot() {
        ByteArrayOutputStream banner = new ByteArrayOutputStream();
        try (OneShotServer server = new OneShotServer(
                demo(ServerOptions.builder().set(OneShotServer.BANNER, false).build()), banner)) {
            server.start();
            assertEquals("", banner.toString(StandardCharsets.UTF_8));
        }
    }

    /** Waits until both banner lines are out. */
    private static void awaitBanner(ByteArrayOutputStream banner) {
        Await.until(() -> banner.toString(StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count() == 2,
                Duration.ofSeconds(30), () -> "banner so far: " + banner);
    }
}
