package org.rpyc4j.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rpyc4j.api.ConnectOptions;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.core.testing.Resources;
import org.rpyc4j.testkit.PythonRpyc;

/** The Java client over a spawned Python process's standard streams (rpyc's {@code connect_stdpipes}). */
class SubprocessInteropTest {
    static Stream<PythonRpyc> peers() {
        return PythonRpyc.all().stream();
    }

    @ParameterizedTest
    @MethodSource("peers")
    void connectsToAPythonServiceOverPipes(PythonRpyc peer, @TempDir Path dir) throws Exception {
        peer.assumeAvailable();
        Path script = dir.resolve("stdio_server.py");
        Files.writeString(script, Resources.text("stdio/stdio_server.py"));
        ProcessBuilder builder = new ProcessBuilder(peer.interpreter().toString(), script.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        peer.configure(builder);
        Dialect dialect = peer.major() == 5 ? Dialect.V5 : Dialect.V6;
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            long pid;
            try (Connection conn = Rpyc.connectSubprocess(builder, ConnectOptions.defaults().withDialect(dialect))) {
                assertEquals(peer.version(), conn.root().callMethod("version"));
                assertEquals(5L, conn.root().callMethod("add", 2, 3));
                Function<Object, Object> twice = x -> 2 * (Long) x;
                assertEquals(42L, conn.root().callMethod("call", twice, 21L));
                pid = (Long) conn.root().callMethod("pid");
            }
            // closing the connection ends the process
            var handle = ProcessHandle.of(pid);
            if (handle.isPresent()) {
                handle.get().onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            assertTrue(ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        });
    }
}
