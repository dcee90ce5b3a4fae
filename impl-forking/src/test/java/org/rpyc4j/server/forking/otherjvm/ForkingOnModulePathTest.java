package org.rpyc4j.server.forking.otherjvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rpyc4j.server.testkit.ModulePathJvm;

/**
 * The forking mode as an application deploys it, on the module path: found by name through its module's
 * {@code provides}, its children started as modules ({@code -m}), native access granted to its module only.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ForkingOnModulePathTest {
    @Test
    void servesFromTheModulePath() throws Exception {
        List<String> command = ModulePathJvm.command(ForkingOnModulePathDriver.class,
                List.of("--enable-native-access=org.rpyc4j.server.forking"));
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String output = read(process.getInputStream());
        process.waitFor(60, TimeUnit.SECONDS);
        assertEquals(List.of("MODULE org.rpyc4j.spi", "SERVER org.rpyc4j.server.forking", "CHILD true 5", "CHILD true 5",
                "CHILDREN LEFT 0"), output.lines().toList(), errors::join);
        assertEquals(0, process.exitValue(), errors::join);
        String stderr = errors.join();
        assertEquals(-1, stderr.indexOf("WARNING: A restricted method"), "native access is granted: " + stderr);
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
