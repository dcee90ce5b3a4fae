package org.rpyc4j.spi.plugintest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party serving mode built as a jar of its own, dropped into a plug-in folder, found by name and
 * serving a real connection; broken, unavailable and clashing plug-ins next to it. Each case runs a JVM with
 * the platform on the module path ({@link PluginFolderDriver}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PluginFolderTest {
    private static Path sequential;
    private static Path throwing;
    private static Path elsewhere;
    private static Path impostor;

    @BeforeAll
    static void buildPlugins() throws IOException {
        sequential = PluginJars.build("sequential");
        throwing = PluginJars.build("throwing");
        elsewhere = PluginJars.build("elsewhere");
        impostor = PluginJars.build("impostor");
    }

    @Test
    void aDroppedInModeIsFoundByNameAndServesAConnection(@TempDir Path folder) throws Exception {
        Files.copy(sequential, folder.resolve("sequential.jar"));
        List<String> out = drive(folder, "sequential");
        assertTrue(out.getFirst().startsWith("PLATFORM module org.rpyc4j.spi"), out::toString);
        assertTrue(out.contains("MODE sequential | module com.example.sequential | available"), out::toString);
        assertTrue(out.contains("SERVER com.example.sequential.SequentialServer in module com.example.sequential"),
                out::toString);
        assertTrue(out.contains("RESULT 5"), out::toString);
    }

    @Test
    void brokenAndInvalidPluginsAreLeftOutTheOthersLoad(@TempDir Path folder) throws Exception {
        Files.copy(sequential, folder.resolve("sequential.jar"));
        Files.copy(throwing, folder.resolve("throwing.jar"));
        Files.copy(elsewhere, folder.resolve("elsewhere.jar"));
        List<String> out = drive(folder, "sequential");
        assertEquals(List.of("MODE elsewhere | module com.example.elsewhere | unavailable",
                "MODE sequential | module com.example.sequential | available"),
                out.stream().filter(l -> l.startsWith("MODE")).toList());
        assertTrue(out.contains("RESULT 5"), out::toString);
    }

    @Test
    void anUnavailableModeIsListedButNotCreated(@TempDir Path folder) throws Exception {
        Files.copy(elsewhere, folder.resolve("elsewhere.jar"));
        List<String> out = drive(folder, "elsewhere");
        assertTrue(out.contains("CREATE FAILED UnsupportedOperationException: serving mode 'elsewhere' (module"
                + " com.example.elsewhere) is not available on this system"), out::toString);
    }

    @Test
    void anUnknownModeNamesTheAvailableOnes(@TempDir Path folder) throws Exception {
        Files.copy(sequential, folder.resolve("sequential.jar"));
        List<String> out = drive(folder, "reactor");
        assertTrue(out.contains("CREATE FAILED IllegalArgumentException: no serving mode named 'reactor';"
                + " available: sequential"), out::toString);
    }

    @Test
    void twoModesOfTheSameNameAreAnErrorNamingBoth(@TempDir Path folder) throws Exception {
        Files.copy(sequential, folder.resolve("sequential.jar"));
        Files.copy(impostor, folder.resolve("impostor.jar"));
        List<String> out = drive(folder, "sequential");
        String failure = out.stream().filter(l -> l.startsWith("LOOKUP FAILED")).findFirst().orElseThrow(
                () -> new AssertionError(out.toString()));
        assertTrue(failure.contains("module com.example.sequential") && failure.contains("module com.example.impostor"),
                failure);
    }

    @Test
    void anEmptyOrMissingFolderAddsNothing(@TempDir Path folder) throws Exception {
        assertEquals(List.of(), drive(folder.resolve("missing")).stream().filter(l -> l.startsWith("MODE")).toList());
    }

    /** Runs the driver on the module path; returns its standard output lines. */
    private static List<String> drive(Path folder, String... mode) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", PluginJars.modulePath(),
                "--add-modules", "ALL-MODULE-PATH",
                "-cp", Path.of("target", "test-classes").toString(),
                PluginFolderDriver.class.getName(), folder.toString()));
        command.addAll(List.of(mode));
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String output = read(process.getInputStream());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "driver still running");
        assertEquals(0, process.exitValue(), () -> output + errors.join());
        return output.lines().toList();
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
