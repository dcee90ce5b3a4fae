package org.rpyc4j.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reference Python rpyc peer for interop tests: which interpreter to run and with which
 * {@code PYTHONPATH}.
 *
 * <ul>
 *   <li>{@link #v5()}: {@code /usr/bin/python3} with Debian's {@code python3-rpyc} (rpyc 5.3.0).</li>
 *   <li>{@link #v6()}: {@code /usr/bin/python3} with rpyc 6.0.1 from
 *       {@code ../shared/peers/rpyc-6.0.1.tar.gz}, extracted once per JVM into
 *       {@code target/python-peers/} of the current module (or {@code java.io.tmpdir}).</li>
 * </ul>
 *
 * <p>The shared folder is taken from the system property {@code rpyc4j.shared} (the root pom
 * passes {@code ${maven.multiModuleProjectDirectory}/../shared}); if that is unset or has no
 * {@code peers} folder, {@code shared/} is looked for in {@code user.dir} and its parents.
 *
 * <p>The environment variable {@code RPYC4J_PYTHON} overrides the interpreter of every peer; it
 * exists to test the harness (for example, that CI fails when the peer is missing).
 *
 * <p>Tests call {@link #assumeAvailable()} first: a missing peer skips the test locally, but
 * fails it when the environment variable {@code CI} is {@code true}.
 */
public final class PythonRpyc {

    private static final Logger LOG = LoggerFactory.getLogger(PythonRpyc.class);

    /** The interpreter Debian's python3-rpyc is installed for. */
    public static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");

    private static final String V6_VERSION = "6.0.1";
    private static final String V6_TARBALL = "rpyc-" + V6_VERSION + ".tar.gz";
    private static final String V6_DIR = "rpyc-" + V6_VERSION;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);

    private static final PythonRpyc V5 = new PythonRpyc("5.3.0", false);
    private static final PythonRpyc V6 = new PythonRpyc(V6_VERSION, true);

    private final String version;
    private final boolean fromTarball;

    // guarded by this
    private boolean probed;
    private boolean available;
    private String unavailableReason;
    private Path sourceDir;          // extracted rpyc-6.0.1 folder (v6 only)
    private String sourceProblem;    // why it could not be extracted (v6 only)

    private PythonRpyc(String version, boolean fromTarball) {
        this.version = version;
        this.fromTarball = fromTarball;
    }

    /** rpyc 5.3.0: Debian's python3-rpyc for {@code /usr/bin/python3}. */
    public static PythonRpyc v5() {
        return V5;
    }

    /** rpyc 6.0.1: the upstream release from {@code ../shared/peers}, extracted on first use. */
    public static PythonRpyc v6() {
        return V6;
    }

    /** All reference peers, oldest first. */
    public static List<PythonRpyc> all() {
        return List.of(V5, V6);
    }

    /** The rpyc version, {@code "5.3.0"} or {@code "6.0.1"}. */
    public String version() {
        return version;
    }

    /** The rpyc major version, 5 or 6. */
    public int major() {
        return Integer.parseInt(version.substring(0, version.indexOf('.')));
    }

    /** The Python interpreter this peer runs with. */
    public Path interpreter() {
        String override = System.getenv("RPYC4J_PYTHON");
        return override == null || override.isBlank() ? SYSTEM_PYTHON : Path.of(override);
    }

    /**
     * The folder rpyc is imported from, when it is not the interpreter's own site-packages:
     * the extracted {@code rpyc-6.0.1} folder for {@link #v6()} (its {@code bin/} holds the
     * upstream scripts such as {@code rpyc_classic.py}); empty for {@link #v5()} or when the
     * tarball could not be extracted.
     */
    public synchronized Optional<Path> pythonPath() {
        if (!fromTarball) {
            return Optional.empty();
        }
        if (sourceDir == null && sourceProblem == null) {
            try {
                sourceDir = extractV6();
            } catch (IOException | RuntimeException e) {
                sourceProblem = e.toString();
                LOG.warn("cannot extract {}: {}", V6_TARBALL, sourceProblem);
            }
        }
        return Optional.ofNullable(sourceDir);
    }

    /**
     * The environment a Python process of this peer needs: {@code PYTHONPATH} set (v6) or
     * removed (v5), {@code PYTHONHOME} removed, byte code writing off, output unbuffered.
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PYTHONPATH", pythonPath().map(Path::toString).orElse(null));
        env.put("PYTHONHOME", null);
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("PYTHONUNBUFFERED", "1");
        return env;
    }

    /** Applies {@link #environment()} to a process builder (a {@code null} value removes the variable). */
    public void configure(ProcessBuilder builder) {
        Map<String, String> target = builder.environment();
        environment().forEach((name, value) -> {
            if (value == null) {
                target.remove(name);
            } else {
                target.put(name, value);
            }
        });
    }

    /**
     * Whether this peer can run: the interpreter imports rpyc and reports {@link #version()}.
     * Probed once per JVM, then cached.
     */
    public synchronized boolean available() {
        if (!probed) {
            probed = true;
            unavailableReason = probe();
            available = unavailableReason == null;
            if (available) {
                LOG.info("python peer {} available", this);
            } else {
                LOG.warn("python peer {} not available: {}", this, unavailableReason);
            }
        }
        return available;
    }

    /** Why {@link #available()} is false, or {@code null} when it is true. */
    public synchronized String unavailableReason() {
        available();
        return unavailableReason;
    }

    /**
     * Skips the calling test if this peer is not {@link #available()}; on CI (environment
     * variable {@code CI=true}) fails it instead, since CI must run the interop tests.
     */
    public void assumeAvailable() {
        if (available()) {
            return;
        }
        String message = "rpyc " + version + " interop peer missing: " + unavailableReason();
        if (onCi()) {
            Assertions.fail(message + " (CI=true: interop tests must not be skipped)");
        }
        Assumptions.assumeTrue(false, message);
    }

    /** Whether the environment variable {@code CI} is {@code true}. */
    public static boolean onCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * The shared folder ({@code ../shared} of the project root): system property
     * {@code rpyc4j.shared} if it has a {@code peers} folder, else the first {@code shared/}
     * with a {@code peers} folder in {@code user.dir} or one of its parents.
     */
    public static Optional<Path> sharedDir() {
        String property = System.getProperty("rpyc4j.shared");
        if (property != null && !property.isBlank()) {
            Path dir = Path.of(property).toAbsolutePath().normalize();
            if (Files.isDirectory(dir.resolve("peers"))) {
                return Optional.of(dir);
            }
        }
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared");
            if (Files.isDirectory(candidate.resolve("peers"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "rpyc " + version + " (" + interpreter() + ")";
    }

    // ------------------------------------------------------------------ internals

    /** Returns null when the peer works, else the reason it does not. */
    private String probe() {
        Path python = interpreter();
        if (!Files.isExecutable(python)) {
            return "no Python interpreter at " + python;
        }
        if (fromTarball && pythonPath().isEmpty()) {
            return sourceProblem;
        }
        try (PythonProcess process = PythonProcess.start(this, "import rpyc\nprint(rpyc.__version__)\n")) {
            int exit = process.waitFor(PROBE_TIMEOUT);
            String out = process.readLine(Duration.ofSeconds(5));
            if (exit != 0) {
                return python + " cannot import rpyc (exit " + exit + "): " + lastLine(process.stderr());
            }
            if (!version.equals(out == null ? null : out.strip())) {
                return python + " imports rpyc " + out + ", expected " + version
                        + pythonPath().map(p -> " from " + p).orElse("");
            }
            return null;
        } catch (RuntimeException | AssertionError e) {
            return "probing " + python + " failed: " + e.getMessage();
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static Path extractV6() throws IOException {
        Path tarball = sharedDir()
                .map(dir -> dir.resolve("peers").resolve(V6_TARBALL))
                .filter(Files::isRegularFile)
                .orElseThrow(() -> new IOException("no " + V6_TARBALL + " in ../shared/peers (system property rpyc4j.shared="
                        + System.getProperty("rpyc4j.shared") + ", user.dir=" + System.getProperty("user.dir") + ")"));

        Path base = Path.of(System.getProperty("user.dir"), "target", "python-peers");
        boolean inTarget = true;
        try {
            Files.createDirectories(base);
            if (!Files.isWritable(base)) {
                throw new AccessDeniedException(base.toString());
            }
        } catch (IOException e) {
            base = Files.createTempDirectory("rpyc4j-python-peers-");
            inTarget = false;
            deleteOnExit(base);
        }

        Path target = base.resolve(V6_DIR);
        if (Files.isRegularFile(target.resolve("rpyc").resolve("__init__.py"))) {
            return target;   // extracted by an earlier JVM of this build; available() checks the version
        }
        // extract into a private folder, then move into place: concurrent JVMs never see half a tree
        Path scratch = Files.createTempDirectory(base, "extract-");
        try {
            run(List.of("tar", "-xzf", tarball.toString(), "-C", scratch.toString()));
            Path extracted = scratch.resolve(V6_DIR);
            if (!Files.isDirectory(extracted)) {
                throw new IOException(tarball + " has no " + V6_DIR + "/ folder");
            }
            try {
                Files.move(extracted, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                // another JVM was faster; use its copy
            }
        } finally {
            deleteTree(scratch);
        }
        LOG.info("extracted {} into {}{}", tarball, target, inTarget ? "" : " (temporary)");
        return target;
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes());   // until tar exits
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IOException(String.join(" ", command) + " timed out");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            process.destroyForcibly();
        }
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.debug("cannot delete {}: {}", path, e.toString());
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("cannot delete {}: {}", root, e.toString());
        }
    }

    private static void deleteOnExit(Path root) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root), "rpyc4j-delete-" + root.getFileName()));
    }
}
