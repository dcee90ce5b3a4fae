package org.rpyc4j.auth.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rpyc4j.api.Authenticator;
import org.rpyc4j.auth.ssl.probe.AuthPluginProbe;
import org.rpyc4j.core.protocol.RpycConnection;
import org.rpyc4j.server.threaded.ThreadedServer;
import org.rpyc4j.spi.auth.AuthenticatorProvider;
import org.slf4j.Logger;

/**
 * A third-party authenticator from a plug-in folder: a shared-secret handshake, compiled here as a small module
 * and jarred, is found by name ignoring case next to {@code ssl} (from the module path), made from options, and
 * vets real connections of a ThreadedServer; a broken plug-in is left out, a duplicate name is an error naming
 * both, an unknown option is refused listing the known ones. Runs in a JVM with rpyc4j's modules on the module
 * path, as an application would.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AuthenticatorsPluginTest {
    @TempDir
    static Path work;

    static Path secretJar;
    static Path brokenJar;
    static Path duplicateJar;

    /** The fixture: reads a line, admits the connection if it is the secret (answering OK), refuses it otherwise. */
    private static final String SHARED_SECRET = """
            package %1$s;

            import java.io.ByteArrayOutputStream;
            import java.io.IOException;
            import java.io.InputStream;
            import java.net.Socket;
            import java.nio.charset.StandardCharsets;
            import java.security.MessageDigest;
            import java.util.Map;
            import org.rpyc4j.api.AuthenticationException;
            import org.rpyc4j.api.Authenticator;
            import org.rpyc4j.api.Transport;
            import org.rpyc4j.spi.auth.AuthenticatorOptions;
            import org.rpyc4j.spi.auth.AuthenticatorProvider;

            public final class SharedSecretProvider implements AuthenticatorProvider {
                public String name() { return "%2$s"; }
                public String description() { return "the client's first line must be the shared secret"; }
                public Map<String, String> options() { return Map.of("secret", "what clients must send first"); }
                public Authenticator create(AuthenticatorOptions options) {
                    byte[] secret = options.require("secret").getBytes(StandardCharsets.UTF_8);
                    return (Transport transport, Socket socket) -> {
                        InputStream in = transport.input();
                        ByteArrayOutputStream line = new ByteArrayOutputStream();
                        for (int b = in.read(); b != '\\n'; b = in.read()) {
                            if (b < 0 || line.size() > 256) {
                                throw new AuthenticationException("no secret");
                            }
                            line.write(b);
                        }
                        if (!MessageDigest.isEqual(secret, line.toByteArray())) {
                            throw new AuthenticationException("wrong shared secret");
                        }
                        transport.output().write("OK\\n".getBytes(StandardCharsets.US_ASCII));
                        transport.output().flush();
                        return new Authenticator.Authenticated(transport, "holder of the shared secret");
                    };
                }
            }
            """;

    private static final String BROKEN = """
            package com.example.auth.broken;

            public final class SharedSecretProvider implements org.rpyc4j.spi.auth.AuthenticatorProvider {
                public SharedSecretProvider() { throw new IllegalStateException("broken on purpose"); }
                public String name() { return "broken"; }
                public String description() { return ""; }
                public java.util.Map<String, String> options() { return java.util.Map.of(); }
                public org.rpyc4j.api.Authenticator create(org.rpyc4j.spi.auth.AuthenticatorOptions o) { return null; }
            }
            """;

    @BeforeAll
    static void buildPlugins() throws Exception {
        secretJar = plugin("com.example.auth.secret", SHARED_SECRET.formatted("com.example.auth.secret", "Shared-Secret"));
        brokenJar = plugin("com.example.auth.broken", BROKEN);
        duplicateJar = plugin("com.example.auth.secret2", SHARED_SECRET.formatted("com.example.auth.secret2", "SHARED-SECRET"));
    }

    /** Compiles a one-class module {@code module} providing {@code module.SharedSecretProvider} and jars it. */
    private static Path plugin(String module, String source) throws Exception {
        Path src = Files.createDirectories(work.resolve("src").resolve(module));
        Path classes = Files.createDirectories(work.resolve("classes").resolve(module));
        Path pkg = Files.createDirectories(src.resolve(module.replace('.', '/')));
        Files.writeString(src.resolve("module-info.java"), """
                module %1$s {
                    requires org.rpyc4j.spi;
                    provides org.rpyc4j.spi.auth.AuthenticatorProvider with %1$s.SharedSecretProvider;
                }
                """.formatted(module));
        Files.writeString(pkg.resolve("SharedSecretProvider.java"), source);
        String modulePath = String.join(File.pathSeparator, location(Authenticator.class),
                location(AuthenticatorProvider.class), location(Logger.class));
        Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
        Process process = new ProcessBuilder(javac.toString(), "--module-path", modulePath, "-d", classes.toString(),
                src.resolve("module-info.java").toString(), pkg.resolve("SharedSecretProvider.java").toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "javac timed out");
        assertEquals(0, process.exitValue(), output);
        Path jar = work.resolve(module + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return jar;
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
     * Runs {@link AuthPluginProbe} with api, spi, core, the threaded mode, this module and slf4j on the module
     * path, the probe on the class path; returns its output.
     */
    private static List<String> probe(Path folder, String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String modulePath = String.join(File.pathSeparator, location(Authenticator.class),
                location(AuthenticatorProvider.class), location(Logger.class), location(RpycConnection.class),
                location(ThreadedServer.class), location(SslAuthenticator.class));
        List<String> command = new ArrayList<>(List.of(java.toString(), "--module-path", modulePath, "--add-modules",
                "ALL-MODULE-PATH", "-cp", location(AuthPluginProbe.class), AuthPluginProbe.class.getName(),
                folder.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the probe JVM timed out");
        assertEquals(0, process.exitValue(), output);
        return output.lines().toList();
    }

    @Test
    void aPluginAuthenticatorIsFoundByNameIgnoringCaseAndVetsConnections() throws Exception {
        assertEquals(List.of(
                "AVAILABLE [Shared-Secret in module com.example.auth.secret [secret], ssl in module org.rpyc4j.auth.ssl "
                        + "[keyfile, certfile, cafile, ca-certs, cert-reqs, protocols, ciphers, handshake-timeout, keystore, "
                        + "keystore-password, keystore-type, truststore, truststore-password, truststore-type]]",
                "SERVED open sesame as holder of the shared secret",
                "REFUSED open barley",
                "SERVED open sesame as holder of the shared secret"),
                probe(folder("secret", secretJar), "shared-SECRET", "secret=open sesame", "open sesame", "open barley",
                        "open sesame"));
    }

    @Test
    void aBrokenPluginIsLeftOutAndTheOthersStillLoad() throws Exception {
        List<String> output = probe(folder("mixed", secretJar, brokenJar));
        assertEquals(1, output.size(), output::toString);
        assertTrue(output.getFirst().startsWith("AVAILABLE [Shared-Secret in module com.example.auth.secret [secret], ssl "),
                output::toString);
    }

    @Test
    void twoAuthenticatorsWithTheSameNameAreAnErrorNamingBoth() throws Exception {
        List<String> output = probe(folder("twice", secretJar, duplicateJar));
        assertEquals(1, output.size(), output::toString);
        assertTrue(output.getFirst().matches("ERROR IllegalStateException: authenticator '(?i:shared-secret)' is "
                + "provided twice: .*module com\\.example\\.auth\\.secret\\b.*module com\\.example\\.auth\\.secret2.*")
                || output.getFirst().matches("ERROR IllegalStateException: authenticator '(?i:shared-secret)' is "
                + "provided twice: .*module com\\.example\\.auth\\.secret2.*module com\\.example\\.auth\\.secret\\b.*"),
                output::toString);
    }

    @Test
    void unknownNamesAndOptionsAreRefusedListingWhatThereIs() throws Exception {
        Path folder = folder("one", secretJar);
        assertEquals("ERROR IllegalArgumentException: no authenticator named 'kerberos'; available: Shared-Secret, ssl",
                probe(folder, "kerberos", "realm=x").get(1));
        assertEquals("ERROR IllegalArgumentException: authenticator 'Shared-Secret' has no option 'colour'; it takes secret",
                probe(folder, "shared-secret", "secret=x,colour=red").get(1));
        assertEquals("ERROR IllegalArgumentException: option 'secret' is required",
                probe(folder, "shared-secret", "Secret=").get(1));
    }
}
