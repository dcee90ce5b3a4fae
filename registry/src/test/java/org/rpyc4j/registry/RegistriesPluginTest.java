package org.rpyc4j.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpyc4j.api.RegistryClient;
import org.rpyc4j.api.RegistryClientOptions;
import org.rpyc4j.spi.registry.Registries;
import org.rpyc4j.spi.registry.RegistryProvider;
import org.slf4j.Logger;

/**
 * Registry transports from a plug-in folder: third-party jars, compiled here as small modules, are found by
 * name ignoring case through the same plug-in layer as serving modes; a broken one is left out, a duplicate
 * name is an error naming both.
 */
class RegistriesPluginTest {
    @TempDir
    static Path work;

    static Path echoJar;
    static Path brokenJar;
    static Path duplicateJar;

    private static final String ECHO = """
            package com.example.registry.echo;

            import java.net.InetSocketAddress;
            import java.util.List;
            import org.rpyc4j.api.RegistryClient;
            import org.rpyc4j.api.RegistryClientOptions;
            import org.rpyc4j.api.RegistryServer;
            import org.rpyc4j.api.RegistryServerOptions;
            import org.rpyc4j.spi.registry.RegistryProvider;

            public final class EchoProvider implements RegistryProvider {
                public String name() { return "%s"; }
                public String description() { return "answers every query with the configured endpoint"; }
                public RegistryServer createServer(RegistryServerOptions options) {
                    throw new UnsupportedOperationException("the echo transport has no server");
                }
                public RegistryClient createClient(RegistryClientOptions options) {
                    return new RegistryClient() {
                        public List<InetSocketAddress> discover(String name) {
                            return List.of(InetSocketAddress.createUnresolved(options.host(), options.port()));
                        }
                        public List<String> list(String filterHost) { return List.of("ECHO"); }
                        public boolean register(List<String> aliases, int port, String interfaceHost) { return true; }
                        public void unregister(int port) { }
                    };
                }
            }
            """;

    private static final String BROKEN = """
            package com.example.registry.broken;

            public final class BrokenProvider implements org.rpyc4j.spi.registry.RegistryProvider {
                public BrokenProvider() { throw new IllegalStateException("broken on purpose"); }
                public String name() { return "Broken"; }
                public String description() { return ""; }
                public org.rpyc4j.api.RegistryServer createServer(org.rpyc4j.api.RegistryServerOptions o) { return null; }
                public org.rpyc4j.api.RegistryClient createClient(org.rpyc4j.api.RegistryClientOptions o) { return null; }
            }
            """;

    @BeforeAll
    static void buildPlugins() throws Exception {
        echoJar = plugin("com.example.registry.echo", "EchoProvider", ECHO.formatted("Echo"));
        brokenJar = plugin("com.example.registry.broken", "BrokenProvider", BROKEN);
        duplicateJar = plugin("com.example.registry.echo2", "EchoProvider",
                ECHO.formatted("ECHO").replace("package com.example.registry.echo;", "package com.example.registry.echo2;"));
    }

    /** Compiles a one-class module {@code module} providing {@code package.className} and jars it. */
    private static Path plugin(String module, String className, String source) throws Exception {
        Path src = Files.createDirectories(work.resolve("src").resolve(module));
        Path classes = Files.createDirectories(work.resolve("classes").resolve(module));
        Path pkg = Files.createDirectories(src.resolve(module.replace('.', '/')));
        Files.writeString(src.resolve("module-info.java"), """
                module %s {
                    requires org.rpyc4j.spi;
                    provides org.rpyc4j.spi.registry.RegistryProvider with %s.%s;
                }
                """.formatted(module, module, className));
        Files.writeString(pkg.resolve(className + ".java"), source);
        String modulePath = String.join(File.pathSeparator, location(RegistryClient.class), location(RegistryProvider.class),
                location(Logger.class));
        Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
        List<String> command = new ArrayList<>(List.of(javac.toString(), "--module-path", modulePath, "-d", classes.toString(),
                src.resolve("module-info.java").toString(), pkg.resolve(className + ".java").toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "javac timed out");
        assertEquals(0, process.exitValue(), output);
        Path jar = work.resolve("jars-" + module + ".jar");
        writeJar(jar, classes);
        return jar;
    }

    private static void writeJar(Path jar, Path classes) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static Path folder(String name, Path... jars) throws IOException {
        Path folder = Files.createDirectories(work.resolve(name));
        for (Path jar : jars) {
            Files.copy(jar, folder.resolve(jar.getFileName()));
        }
        return folder;
    }

    /**
     * Runs {@link PluginProbe} in a JVM with the api, spi and slf4j on the module path (the tests themselves may
     * run on the class path, where a plug-in layer has no named spi module to build on); returns its output.
     */
    private static List<String> probe(Path folder, String... transport) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String modulePath = String.join(File.pathSeparator, location(RegistryClient.class), location(RegistryProvider.class),
                location(Logger.class));
        List<String> command = new ArrayList<>(List.of(java.toString(), "--module-path", modulePath, "--add-modules",
                "org.rpyc4j.spi", "-cp", location(PluginProbe.class), PluginProbe.class.getName(), folder.toString()));
        command.addAll(List.of(transport));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the probe JVM timed out");
        assertEquals(0, process.exitValue(), output);
        return output.lines().toList();
    }

    @Test
    void aPluginTransportIsFoundByNameIgnoringCase() throws Exception {
        assertEquals(List.of("AVAILABLE [Echo in module com.example.registry.echo]", "DISCOVER [10.1.2.3/<unresolved>:4567]"),
                probe(folder("echo", echoJar), "ECHO"));
    }

    @Test
    void aBrokenPluginIsLeftOutAndTheOthersStillLoad() throws Exception {
        assertEquals(List.of("AVAILABLE [Echo in module com.example.registry.echo]"), probe(folder("mixed", echoJar, brokenJar)));
    }

    @Test
    void twoTransportsWithTheSameNameAreAnErrorNamingBoth() throws Exception {
        List<String> output = probe(folder("twice", echoJar, duplicateJar));
        assertEquals(1, output.size(), output::toString);
        assertTrue(output.getFirst().startsWith("ERROR IllegalStateException: registry transport 'ECHO' is provided twice")
                && output.getFirst().contains("module com.example.registry.echo2"), output::toString);
    }

    @Test
    void anUnknownNameListsWhatIsAvailable() throws Exception {
        assertEquals(List.of("AVAILABLE [Echo in module com.example.registry.echo]",
                "ERROR IllegalArgumentException: no registry transport named 'carrier-pigeon'; available: Echo"),
                probe(folder("one", echoJar), "carrier-pigeon"));
        // in this JVM, whose path has no transport module at all
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Registries.client("UDP", RegistryClientOptions.defaults()));
        assertEquals("no registry transport named 'UDP'; available: none (no registry transport module on the module path)",
                e.getMessage());
        assertEquals(List.of(), Registries.withPluginFolder(work.resolve("no-such-folder")).available());
    }
}
