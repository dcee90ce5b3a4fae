package org.rpyc4j.server.forking;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.rpyc4j.server.forking.internal.ForkedChild;
import org.rpyc4j.server.forking.internal.Posix;

/**
 * The parent's handle on one child JVM: started as a spare, {@link #ready()} once it printed READY, then
 * given one connection ({@link #handOver}). The JDK reaps the process when it ends (no zombies);
 * {@link #exited()} completes then.
 */
final class ChildProcess {
    private final Process process;
    private final Path control;
    private final CompletableFuture<ChildProcess> ready = new CompletableFuture<>();
    private final long startedNanos = System.nanoTime();
    private volatile Duration startup = Duration.ZERO;
    private volatile boolean serving;

    private ChildProcess(Process process, Path control) {
        this.process = process;
        this.control = control;
    }

    /**
     * Starts {@code command}; its stdin stays open until {@link #end} (its end tells the child to finish, also
     * when this process dies), its stderr is this process's.
     */
    static ChildProcess start(List<String> command, Path control) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        ChildProcess child = new ChildProcess(process, control);
        Thread.ofVirtual().name("forked child " + process.pid() + " stdout").start(child::awaitReady);
        process.onExit().thenRun(() -> child.ready.completeExceptionally(
                new IOException("child " + process.pid() + " ended (exit code " + process.exitValue() + ")")));
        return child;
    }

    private void awaitReady() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.US_ASCII))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals(ForkedChild.READY)) {
                    startup = Duration.ofNanos(System.nanoTime() - startedNanos);
                    ready.complete(this);
                    return;   // closing our end: the child writes nothing more there
                }
            }
        } catch (IOException e) {
            // the child is gone; onExit reports it
        }
    }

    /** Completes with this child once it is ready for a connection; fails if it ends before. */
    CompletableFuture<ChildProcess> ready() {
        return ready;
    }

    /** How long the child took from being started to being ready; zero until it is. */
    Duration startup() {
        return startup;
    }

    /** Gives the child the client socket {@code fd}; the child owns it from now on (close the parent's copy). */
    void handOver(int fd, String addrinfo) throws IOException {
        int socket = Posix.connectUnix(control);
        try {
            Posix.sendDescriptor(socket, fd, (addrinfo.isEmpty() ? " " : addrinfo).getBytes(StandardCharsets.UTF_8));
            serving = true;
        } finally {
            Posix.close(socket);
        }
    }

    /** Whether the child was given a connection. */
    boolean isServing() {
        return serving;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Completes when the process has ended and was reaped. */
    CompletableFuture<Process> exited() {
        return process.onExit();
    }

    /**
     * Ends the process: closes its standard input, which tells the child to close its connection and exit,
     * and kills it if it is still there after {@code grace}; waits for it to be reaped.
     */
    void end(Duration grace) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the pipe is gone: the child is ending anyway
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(control);
        } catch (IOException e) {
            // a temporary file in the server's folder; the folder goes too
        }
    }

    @Override
    public String toString() {
        return "forked child " + process.pid() + (serving ? " (serving)" : " (spare)");
    }
}
