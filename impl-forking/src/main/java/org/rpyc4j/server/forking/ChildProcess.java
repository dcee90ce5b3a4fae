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
 * The parent's handle on one child JVM: started as a spare, {@link #ready()} once it printed READY, then given
 * the listening socket ({@link #giveListener}), from which it accepts one connection: {@link #taken()} once it
 * printed TAKEN. The JDK reaps the process when it ends (no zombies); {@link #exited()} completes then.
 */
final class ChildProcess {
    private final Process process;
    private final Path control;
    private final CompletableFuture<ChildProcess> ready = new CompletableFuture<>();
    private final CompletableFuture<ChildProcess> taken = new CompletableFuture<>();
    private final long startedNanos = System.nanoTime();
    private volatile Duration startup = Duration.ZERO;
    private volatile boolean accepting;

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
        Thread.ofVirtual().name("forked child " + process.pid() + " stdout").start(child::readLines);
        process.onExit().thenRun(() -> {
            IOException ended = new IOException("child " + process.pid() + " ended (exit code " + process.exitValue() + ")");
            child.ready.completeExceptionally(ended);
            child.taken.completeExceptionally(ended);
        });
        return child;
    }

    /** Reads the child's READY and TAKEN lines. */
    private void readLines() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.US_ASCII))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.equals(ForkedChild.READY)) {
                    startup = Duration.ofNanos(System.nanoTime() - startedNanos);
                    ready.complete(this);
                } else if (line.equals(ForkedChild.TAKEN)) {
                    taken.complete(this);
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

    /** Completes with this child once it has accepted its connection; fails if it ends before. */
    CompletableFuture<ChildProcess> taken() {
        return taken;
    }

    /** How long the child took from being started to being ready; zero until it is. */
    Duration startup() {
        return startup;
    }

    /** Gives the child a copy of the listening socket {@code fd}: it accepts its connection from it. */
    void giveListener(int fd) throws IOException {
        int socket = Posix.connectUnix(control);
        try {
            Posix.sendDescriptor(socket, fd, new byte[] {' '});
            accepting = true;
        } finally {
            Posix.close(socket);
        }
    }

    /** Whether the child holds the listening socket and waits for a connection (a spare at work). */
    boolean isAccepting() {
        return accepting && !taken.isDone() && process.isAlive();
    }

    /** Whether the child took a connection. */
    boolean isServing() {
        return taken.isDone() && !taken.isCompletedExceptionally();
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
        return "forked child " + process.pid() + (isServing() ? " (serving)" : " (spare)");
    }
}
