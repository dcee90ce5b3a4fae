package org.rpyc4j.classic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.rpyc4j.testkit.Loopback;
import org.rpyc4j.testkit.PythonProcess;
import org.rpyc4j.testkit.PythonRpyc;

/**
 * Stock Python {@code rpyc_classic} for the Java client's tests: in threaded mode on 127.0.0.1 and a free port
 * ({@link #start}), or the command line of its stdio mode ({@link #stdioCommand}). Both end themselves after a
 * few minutes at the latest.
 */
final class PythonClassicServer implements AutoCloseable {
    static final String SCRIPT = ClassicServiceInteropTest.text("classic/rpyc_classic_server.py");
    private static final Duration LIFETIME = Duration.ofSeconds(180);

    private final PythonProcess process;
    private final int port;

    private PythonClassicServer(PythonProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** {@code rpyc_classic --host 127.0.0.1 --port P} (threaded mode), started and listening. */
    static PythonClassicServer start(PythonRpyc peer) {
        int port = Loopback.freePort();
        PythonProcess process = PythonProcess.start(peer, LIFETIME, SCRIPT, String.valueOf(LIFETIME.toSeconds()),
                "--host", Loopback.HOST, "--port", String.valueOf(port));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!process.stderr().contains("server started on")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.close();
                Assertions.fail("rpyc_classic did not start: " + process.stderr());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return new PythonClassicServer(process, port);
    }

    int port() {
        return port;
    }

    String log() {
        return process.stderr();
    }

    /** A process builder for {@code rpyc_classic --mode stdio} of {@code peer}, its standard error discarded. */
    static ProcessBuilder stdioCommand(PythonRpyc peer) {
        try {
            Path script = Files.createTempFile("rpyc4j-rpyc-classic-", ".py");
            script.toFile().deleteOnExit();
            Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
            ProcessBuilder builder = new ProcessBuilder(List.of(peer.interpreter().toString(), script.toString(),
                    String.valueOf(LIFETIME.toSeconds()), "--mode", "stdio"));
            peer.configure(builder);
            return builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
