package org.rpyc4j.server.forking.otherjvm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.error.ConnectionClosedException;
import org.rpyc4j.server.testkit.Await;
import org.rpyc4j.spi.support.JavaCommand;

/** A forking server killed outright leaves no child behind: spares and serving children end with it. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ForkingParentDeathTest {
    @Test
    void childrenEndWhenTheirServerIsKilled() throws Exception {
        List<String> command = JavaCommand.runningLikeThisJvm("org.rpyc4j.server.forking",
                ForkingServerDriver.class.getName()).build();
        Process server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("PORT "), String.valueOf(line));
            int port = Integer.parseInt(line.substring(5));
            try (Connection client = Rpyc.connect("127.0.0.1", port)) {
                long servingPid = (Long) client.root().callMethod("pid");
                Await.until(() -> server.toHandle().children().count() == 2, Duration.ofSeconds(60),
                        () -> "no spare next to the serving child");
                List<ProcessHandle> children = server.toHandle().children().toList();
                assertTrue(children.stream().anyMatch(c -> c.pid() == servingPid), children::toString);

                server.destroyForcibly();   // SIGKILL: the server cleans nothing up
                assertTrue(server.waitFor(30, TimeUnit.SECONDS));
                for (ProcessHandle child : children) {
                    Await.until(() -> !child.isAlive(), Duration.ofSeconds(30), () -> "child " + child.pid() + " outlived its server");
                }
                assertThrows(ConnectionClosedException.class, () -> client.root().callMethod("add", 1, 1));
            }
        } finally {
            server.destroyForcibly();
        }
    }
}
