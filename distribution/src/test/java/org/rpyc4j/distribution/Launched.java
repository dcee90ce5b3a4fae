package org.rpyc4j.distribution;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A launcher of the image run as a user runs it: a child process with no JDK on the {@code PATH} and no
 * {@code JAVA_HOME} (the {@code PATH} holds only the few tools the launcher scripts use), its standard output and
 * error collected line by line. Closing it sends SIGTERM (and kills it after 10 s).
 */
final class Launched implements AutoCloseable {
    static final Path IMAGE = Path.of(System.getProperty("rpyc4j.image", "target/rpyc4j")).toAbsolutePath();
    private static Path toolsDir;

    final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();

    private Launched(Process process) {
        this.process = process;
        pump(process.getInputStream(), out);
        pump(process.getErrorStream(), err);
    }

    /** Starts {@code bin/<program>} of the image with {@code args}. */
    static Launched start(String program, String... args) {
        List<String> command = new ArrayList<>();
        command.add(IMAGE.resolve("bin").resolve(program).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        noJdk(builder.environment());
        try {
            return new Launched(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a launcher to its end (at most 30 s). */
    static Launched run(String program, String... args) {
        Launched l = start(program, args);
        try {
            assertTrue(l.process.waitFor(30, TimeUnit.SECONDS), program + " did not end");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        l.settle();
        return l;
    }

    /** Clears JAVA_HOME and puts only sh, dirname, sed and ls on the PATH: no java to find. */
    static synchronized void noJdk(Map<String, String> env) {
        if (toolsDir == null) {
            try {
                toolsDir = Files.createTempDirectory("rpyc4j-nojdk");
                for (String tool : List.of("sh", "dirname", "sed", "ls")) {
                    Path real = Path.of("/usr/bin", tool);
                    if (!Files.exists(real)) {
                        real = Path.of("/bin", tool);
                    }
                    Files.createSymbolicLink(toolsDir.resolve(tool), real);
                }
                toolsDir.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        env.remove("JAVA_HOME");
        env.remove("JDK_HOME");
        env.remove("JAVA_TOOL_OPTIONS");
        env.remove("RPYC4J_JAVA_OPTS");
        env.put("PATH", toolsDir.toString());
    }

    private static void pump(InputStream in, List<String> lines) {
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        });
    }

    /** Waits (up to 30 s) for a line of standard error matching {@code p}; returns it. */
    String awaitErr(Predicate<String> p, String what) {
        return await(err, p, what);
    }

    /** Waits (up to 30 s) for a line of standard output matching {@code p}; returns it. */
    String awaitOut(Predicate<String> p, String what) {
        return await(out, p, what);
    }

    private String await(List<String> lines, Predicate<String> p, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (lines) {
            while (true) {
                for (String line : lines) {
                    if (p.test(line)) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("no line " + what + " within 30 s; stdout " + out() + ", stderr " + err());
                }
                try {
                    lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Waits for "server started on [HOST]:PORT"; returns the line. */
    String awaitStarted() {
        return awaitErr(l -> l.contains(":server started on ["), "'server started on'");
    }

    List<String> err() {
        synchronized (err) {
            return List.copyOf(err);
        }
    }

    List<String> out() {
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    /** Sends SIGTERM and waits for the end (killing after 10 s); returns the exit status. */
    int terminate() {
        process.toHandle().destroy();   // SIGTERM; Process.destroy() would also close the pipes we read
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                fail("did not end within 10 s of SIGTERM; stderr " + err());
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        settle();
        return process.exitValue();
    }

    private void settle() {
        try {
            Thread.sleep(200);   // the pumps read the last lines
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
