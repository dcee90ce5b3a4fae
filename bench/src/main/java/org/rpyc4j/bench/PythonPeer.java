package org.rpyc4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/**
 * A stock Python rpyc: 5.3.0 is Debian's {@code python3-rpyc} for {@code /usr/bin/python3}; 6.0.1 is the upstream
 * tarball from {@code ../shared/peers}, extracted at run time into {@code bench/target/python-peers}.
 *
 * @param label short name used in result ids ({@code py53}, {@code py60})
 * @param version the rpyc version expected
 * @param pythonPath where rpyc is imported from, or {@code null} for the interpreter's own
 */
record PythonPeer(String label, String version, @Nullable Path pythonPath) {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    static PythonPeer v53() {
        return new PythonPeer("py53", "5.3.0", null);
    }

    /** rpyc 6.0.1, extracted from {@code shared/peers/rpyc-6.0.1.tar.gz} into {@code buildDir} if not there yet. */
    static PythonPeer v601(Path sharedDir, Path buildDir) throws IOException, InterruptedException {
        Path tarball = sharedDir.resolve("peers").resolve("rpyc-6.0.1.tar.gz");
        Path dir = buildDir.resolve("python-peers");
        Path source = dir.resolve("rpyc-6.0.1");
        if (!Files.isRegularFile(source.resolve("rpyc").resolve("__init__.py"))) {
            if (!Files.isRegularFile(tarball)) {
                throw new IOException("no " + tarball);
            }
            Files.createDirectories(dir);
            Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", dir.toString())
                    .redirectErrorStream(true).start();
            tar.getOutputStream().close();
            String output = new String(tar.getInputStream().readAllBytes());
            if (!tar.waitFor(60, TimeUnit.SECONDS) || tar.exitValue() != 0) {
                tar.destroyForcibly();
                throw new IOException("cannot extract " + tarball + ": " + output);
            }
        }
        return new PythonPeer("py60", "6.0.1", source);
    }

    /** The environment of this peer's processes ({@code null}: remove the variable). */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("PYTHONPATH", pythonPath == null ? null : pythonPath.toString());
        env.put("PYTHONHOME", null);
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("PYTHONUNBUFFERED", "1");
        return env;
    }

    List<String> command(Path script, List<String> args) {
        List<String> command = new java.util.ArrayList<>(List.of(PYTHON.toString(), script.toString()));
        command.addAll(args);
        return command;
    }

    /** "rpyc 5.3.0", for table labels. */
    String shortName() {
        return "rpyc " + version;
    }
}
