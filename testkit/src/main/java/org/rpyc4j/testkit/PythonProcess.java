package org.rpyc4j.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.junit.jupiter.api.Assertions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Python script run as a child process with a {@link PythonRpyc} peer's interpreter and
 * {@code PYTHONPATH}.
 *
 * <p>Standard output is read line by line into a queue ({@link #readLine(Duration)},
 * {@link #awaitLine(Predicate, Duration)}); standard error is collected ({@link #stderr()}) and
 * logged at debug level. Waiting methods fail the calling test (with the output so far) when
 * their timeout passes.
 *
 * <p>Every process is bounded: {@link #close()} runs by itself after a hard timeout
 * ({@link #HARD_TIMEOUT} unless given), and the Python side exits on its own a little later,
 * or as soon as this JVM goes away (its parent process id changes). {@link #close()} ends the
 * process by its own pid and then its descendants, nothing else.
 */
public final class PythonProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PythonProcess.class);

    /** How long a process may live unless {@link #start(PythonRpyc, Duration, String, String...)} says otherwise. */
    public static final Duration HARD_TIMEOUT = Duration.ofSeconds(120);

    /** Grace period between asking a process to end and forcing it. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    /**
     * Runs the script (argv[2]) as {@code __main__} after starting a daemon thread that ends the
     * interpreter when its parent (this JVM) is gone or the deadline (argv[1] seconds) passed.
     * Line numbers in tracebacks stay those of the script.
     */
    private static final String BOOTSTRAP = """
            import os, runpy, sys, threading, time
            def _rpyc4j_watchdog(parent, deadline):
                while True:
                    time.sleep(0.5)
                    if os.getppid() != parent or time.monotonic() > deadline:
                        os._exit(125)
            threading.Thread(target=_rpyc4j_watchdog, name="rpyc4j-watchdog", daemon=True,
                             args=(os.getppid(), time.monotonic() + float(sys.argv[1]))).start()
            sys.argv = sys.argv[2:]
            sys.path[0] = os.path.dirname(sys.argv[0])
            runpy.run_path(sys.argv[0], run_name="__main__")
            """;

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task ->
            Thread.ofPlatform().daemon().name("rpyc4j-python-watchdog").unstarted(task));

    private static final Set<PythonProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> List.copyOf(LIVE).forEach(PythonProcess::close), "rpyc4j-python-shutdown"));
    }

    /** Marks the end of standard output in {@link #stdout} (compared by identity). */
    private static final String EOF = new String("<end of output>");

    private final PythonRpyc peer;
    private final Path scriptDir;
    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> stdoutSeen = new ArrayList<>();   // for failure messages; guarded by itself
    private final StringBuilder stderr = new StringBuilder();     // guarded by itself
    private final Thread stdoutReader;
    private final Thread stderrReader;
    private final ScheduledFuture<?> watchdog;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean timedOut;
    private volatile boolean endOfOutput;

    private PythonProcess(PythonRpyc peer, Duration hardTimeout, String script, String... args) throws IOException {
        this.peer = peer;
        this.scriptDir = Files.createTempDirectory("rpyc4j-python-");
        Path scriptFile = scriptDir.resolve("script.py");
        Files.writeString(scriptFile, script, StandardCharsets.UTF_8);

        List<String> command = new ArrayList<>();
        command.add(peer.interpreter().toString());
        command.add("-c");
        command.add(BOOTSTRAP);
        command.add(Long.toString(hardTimeout.plusSeconds(10).toSeconds()));   // Python-side deadline
        command.add(scriptFile.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        peer.configure(builder);
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        builder.environment().put("PYTHONUNBUFFERED", "1");
        try {
            this.process = builder.start();
        } catch (IOException e) {
            PythonRpyc.deleteTree(scriptDir);
            throw e;
        }
        LIVE.add(this);
        long pid = process.pid();
        this.stdoutReader = Thread.ofPlatform().daemon().name("python-" + pid + "-stdout")
                .start(() -> pump(process.getInputStream(), line -> {
                    synchronized (stdoutSeen) {
                        stdoutSeen.add(line);
                    }
                    stdout.add(line);
                    LOG.debug("[python {} out] {}", pid, line);
                }, () -> stdout.add(EOF)));
        this.stderrReader = Thread.ofPlatform().daemon().name("python-" + pid + "-stderr")
                .start(() -> pump(process.getErrorStream(), line -> {
                    synchronized (stderr) {
                        stderr.append(line).append('\n');
                    }
                    LOG.debug("[python {} err] {}", pid, line);
                }, () -> { }));
        this.watchdog = WATCHDOG.schedule(() -> {
            if (process.isAlive()) {
                LOG.warn("python process {} still running after {}; killing it", pid, hardTimeout);
                timedOut = true;
            }
            close();
        }, hardTimeout.toMillis(), TimeUnit.MILLISECONDS);
        LOG.debug("started python process {} ({})", pid, peer);
    }

    /**
     * Runs {@code script} (Python source) with the peer's interpreter; {@code args} become
     * {@code sys.argv[1:]}. The process is killed after {@link #HARD_TIMEOUT} at the latest.
     */
    public static PythonProcess start(PythonRpyc peer, String script, String... args) {
        return start(peer, HARD_TIMEOUT, script, args);
    }

    /** Like {@link #start(PythonRpyc, String, String...)} with another hard timeout. */
    public static PythonProcess start(PythonRpyc peer, Duration hardTimeout, String script, String... args) {
        try {
            return new PythonProcess(peer, hardTimeout, script, args);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + peer.interpreter() + " for " + peer, e);
        }
    }

    /** The peer this process runs with. */
    public PythonRpyc peer() {
        return peer;
    }

    /** The operating system's id of the Python process. */
    public long pid() {
        return process.pid();
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * The next line of standard output, or {@code null} once the output has ended; fails the
     * test if no line comes within {@code timeout}.
     */
    public String readLine(Duration timeout) {
        if (endOfOutput) {
            return null;
        }
        String line = poll(timeout);
        if (line == null) {
            Assertions.fail("python process " + pid() + " printed no line within " + timeout + describe());
        }
        if (line == EOF) {
            endOfOutput = true;
            return null;
        }
        return line;
    }

    /**
     * Reads standard output until a line matches and returns it; fails the test if the output
     * ends first or no line matches within {@code timeout}. Lines before it are dropped.
     */
    public String awaitLine(Predicate<String> matcher, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!endOfOutput) {
            String line = poll(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (line == null) {
                break;
            }
            if (line == EOF) {
                endOfOutput = true;
                waitQuietly(GRACE);
                Assertions.fail("python process " + pid() + " ended its output before the awaited line" + describe());
            }
            if (matcher.test(line)) {
                return line;
            }
        }
        return Assertions.fail("python process " + pid() + " printed no awaited line within " + timeout + describe());
    }

    /** Sends one line to the process's standard input. */
    public void writeLine(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to python process " + pid(), e);
        }
    }

    /** Closes the process's standard input (Python then reads end of file). */
    public void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            LOG.debug("closing stdin of python process {}: {}", pid(), e.toString());
        }
    }

    /**
     * Waits for the process to exit and returns its exit code; fails the test if it is still
     * running after {@code timeout}. Once it returns, {@link #stderr()} is complete.
     */
    public int waitFor(Duration timeout) {
        if (!waitQuietly(timeout)) {
            Assertions.fail("python process " + pid() + " still running after " + timeout + describe());
        }
        return process.exitValue();
    }

    /** What the process wrote to standard error so far. */
    public String stderr() {
        synchronized (stderr) {
            return stderr.toString();
        }
    }

    /**
     * Ends the process by its own pid (destroy, up to 2 s grace, then destroy forcibly) and
     * the processes it started (its descendants at that moment). Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        watchdog.cancel(false);
        try {
            ProcessHandle self = process.toHandle();
            List<ProcessHandle> descendants = self.descendants().toList();   // before the parent goes
            closeStdin();
            process.destroy();
            descendants.forEach(ProcessHandle::destroy);
            long deadline = System.nanoTime() + GRACE.toNanos();
            endOrKill(self, deadline);
            descendants.forEach(child -> endOrKill(child, deadline));
            if (process.isAlive()) {
                LOG.warn("python process {} did not end", pid());
            } else {
                LOG.debug("python process {} ended with exit code {}", pid(), process.exitValue());
            }
        } finally {
            LIVE.remove(this);
            PythonRpyc.deleteTree(scriptDir);
        }
    }

    @Override
    public String toString() {
        return "python process " + pid() + " (" + peer + ")";
    }

    // ------------------------------------------------------------------ internals

    private static void endOrKill(ProcessHandle handle, long deadline) {
        try {
            handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            handle.destroyForcibly();
            try {
                handle.onExit().get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException ignored) {
                // reported by the caller when it is the main process
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
        }
    }

    private String poll(Duration timeout) {
        try {
            return stdout.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Assertions.fail("interrupted while reading from python process " + pid(), e);
        }
    }

    /** Waits for exit, then (briefly) for the readers to drain; false if still running. */
    private boolean waitQuietly(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return false;
            }
            // a descendant may hold the pipes open; do not wait for it for long
            stdoutReader.join(GRACE);
            stderrReader.join(GRACE);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private String describe() {
        StringBuilder text = new StringBuilder();
        if (timedOut) {
            text.append(" (killed after its hard timeout)");
        }
        if (!process.isAlive()) {
            text.append(" (exit code ").append(process.exitValue()).append(')');
        }
        synchronized (stdoutSeen) {
            text.append("\n--- stdout ---\n").append(String.join("\n", stdoutSeen));
        }
        text.append("\n--- stderr ---\n").append(stderr().strip());
        return text.toString();
    }

    private static void pump(InputStream stream, Consumer<String> onLine, Runnable onEnd) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                onLine.accept(line);
            }
        } catch (IOException e) {
            LOG.debug("reading python output ended: {}", e.toString());
        } finally {
            onEnd.run();
        }
    }
}
