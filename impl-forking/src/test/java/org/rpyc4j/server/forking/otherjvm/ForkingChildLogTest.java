package org.rpyc4j.server.forking.otherjvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rpyc4j.api.ConnectOptions;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.Transport;
import org.rpyc4j.server.testkit.Await;
import org.rpyc4j.spi.support.JavaCommand;

/**
 * A child's log lines reach the server's standard error: taking the listening socket and giving up its copy after
 * the accept must not point the child's standard streams at /dev/null (which closing the JDK's inherited channel
 * does).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ForkingChildLogTest {
    @Test
    void theServingChildLogsWelcomeAndGoodbye(@TempDir Path dir) throws Exception {
        Path stderr = dir.resolve("server.err");
        List<String> command = JavaCommand.runningLikeThisJvm("org.rpyc4j.server.forking",
                ForkingServerDriver.class.getName()).build();
        Process server = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("PORT "), String.valueOf(line));
            int port = Integer.parseInt(line.substring(5));
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            int clientPort = socket.getLocalPort();
            long pid;
            try (Connection client = Rpyc.connect(Transport.of(socket), ConnectOptions.defaults())) {
                pid = (Long) client.root().callMethod("pid");
            }
            String peer = "('127.0.0.1', " + clientPort + ")";
            Await.until(() -> log(stderr).contains("goodbye " + peer), Duration.ofSeconds(30),
                    () -> "no goodbye from child " + pid + " in:\n" + log(stderr));
            String log = log(stderr);
            assertEquals(1, count(log, "welcome " + peer), log);
            assertTrue(log.indexOf("welcome " + peer) < log.indexOf("goodbye " + peer), log);
        } finally {
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String log(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
