package org.rpyc4j.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rpyc4j.testkit.Loopback;
import org.rpyc4j.testkit.PythonRpyc;

/**
 * The image's launchers driven as a user drives them, with stock Python rpyc 5.3 clients: rpyc_classic in every
 * mode, with SSL, IPv6 and registration, and rpyc_registry answering Python's registry clients. Every server
 * binds loopback and is stopped by the test (SIGTERM).
 */
@Timeout(180)
class LauncherInteropTest {
    private static final PythonRpyc PY = PythonRpyc.v5();

    /** A classic client session: eval, a JDK class through modules, the server's java.home. */
    private static final String CLASSIC_CHECK = """
            assert c.eval('6 * 7') == 42, c.eval('6 * 7')
            System = c.modules['java.lang.System']
            home = System.getProperty('java.home')
            print('OK', home)
            """;

    @BeforeEach
    void python() {
        PY.assumeAvailable();
    }

    /** Runs a Python script (at most 60 s); returns its standard output; fails with its output on an error. */
    static String python(String script) throws IOException, InterruptedException {
        ProcessBuilder b = new ProcessBuilder(PY.interpreter().toString(), "-c", script).redirectErrorStream(true);
        PY.configure(b);
        Process p = b.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python did not end");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "python failed:\n" + text);
        return text;
    }

    private static void assertServedByImage(String output) {
        assertTrue(output.contains("OK " + Launched.IMAGE), "served by the image's runtime: " + output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"threaded", "forking", "pool"})
    void classicModesServePythonAndLogLikeRpyc(String mode) throws Exception {
        int port = Loopback.freePort();
        List<String> args = new ArrayList<>(List.of("-m", mode, "-p", Integer.toString(port)));
        if (mode.equals("pool")) {
            args.addAll(List.of("--pool-size", "2"));
        }
        try (Launched l = Launched.start("rpyc_classic", args.toArray(String[]::new))) {
            String tag = "SLAVE/" + port;
            assertEquals("INFO:" + tag + ":server started on [127.0.0.1]:" + port, l.awaitStarted());
            assertServedByImage(python("import rpyc\nc = rpyc.classic.connect('localhost', " + port + ")\n"
                    + CLASSIC_CHECK + "c.close()\n"));
            if (!mode.equals("forking")) {   // a forked child's goodbye is not logged yet (reported)
                l.awaitErr(line -> line.startsWith("INFO:" + tag + ":goodbye ('127.0.0.1', "), "goodbye");
            }
            l.terminate();
            List<String> err = l.err();
            assertTrue(err.stream().anyMatch(line -> line.startsWith("INFO:" + tag + ":welcome ('127.0.0.1', ")),
                    err.toString());
            assertTrue(err.contains("WARNING:" + tag + ":keyboard interrupt!"), err.toString());
            assertTrue(err.contains("INFO:" + tag + ":server has terminated"), err.toString());
            assertTrue(err.contains("INFO:" + tag + ":listener closed"), err.toString());
            assertTrue(err.stream().noneMatch(line -> line.startsWith("ERROR") || line.contains("Exception")),
                    err.toString());
            assertTrue(l.process.descendants().findAny().isEmpty(), "children reaped");
        }
    }

    @Test
    void aModeFromThePluginFolderIsListedAndServes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path plugins = PluginJar.buildInto(dir);
        List<String> list = new ArrayList<>(PluginJar.args(plugins));
        list.add("--list");
        String listed = String.join("\n", Launched.run("rpyc_classic", list.toArray(String[]::new)).out());
        assertTrue(listed.contains(PluginJar.MODE) && listed.contains("com.example.plugged"), listed);
        int port = Loopback.freePort();
        List<String> args = new ArrayList<>(PluginJar.args(plugins));
        args.addAll(List.of("-m", PluginJar.MODE, "-p", Integer.toString(port)));
        try (Launched l = Launched.start("rpyc_classic", args.toArray(String[]::new))) {
            assertEquals("INFO:SLAVE/" + port + ":server started on [127.0.0.1]:" + port, l.awaitStarted());
            assertServedByImage(python("import rpyc\nc = rpyc.classic.connect('localhost', " + port + ")\n"
                    + CLASSIC_CHECK + "c.close()\n"));
            l.terminate();
        }
    }

    @Test
    void oneshotPrintsTheBannerAndServesOnePythonClient() throws Exception {
        try (Launched l = Launched.start("rpyc_classic", "-m", "oneshot", "-p", "0")) {
            l.awaitOut("rpyc-oneshot"::equals, "banner");
            String[] hostPort = l.awaitOut(line -> line.contains("\t"), "host\\tport").split("\t");
            assertEquals("127.0.0.1", hostPort[0]);
            assertServedByImage(python("import rpyc\nc = rpyc.classic.connect('127.0.0.1', " + hostPort[1] + ")\n"
                    + CLASSIC_CHECK + "c.close()\n"));
            assertTrue(l.process.waitFor(30, TimeUnit.SECONDS), "oneshot ends after its connection");
            assertEquals(0, l.process.exitValue());
        }
    }

    @Test
    void stdioServesPythonOverPipes() throws Exception {
        String launcher = Launched.IMAGE.resolve("bin/rpyc_classic").toString();
        String out = python("""
                import os, rpyc, subprocess
                from rpyc.utils.factory import connect_subproc
                env = dict(os.environ, PATH='/nonexistent')
                env.pop('JAVA_HOME', None)
                c = connect_subproc([%s, '-m', 'stdio'], rpyc.classic.ClassicService)
                assert c.root.eval('6 * 7') == 42
                print('OK', c.root.getmodule('java.lang.System').getProperty('java.home'))
                c.close()
                """.formatted("'" + launcher + "'"));
        assertServedByImage(out);
    }

    @Test
    void ipv6(@TempDir Path dir) throws Exception {
        int port = Loopback.freePort();
        try (Launched l = Launched.start("rpyc_classic", "--ipv6", "-p", Integer.toString(port))) {
            assertEquals("INFO:SLAVE/" + port + ":server started on [::1]:" + port, l.awaitStarted());
            assertServedByImage(python("import rpyc\nc = rpyc.classic.connect('::1', " + port + ", ipv6=True)\n"
                    + CLASSIC_CHECK + "c.close()\n"));
            l.terminate();
        }
    }

    @Test
    void sslWithAndWithoutClientCertificates(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("server.key");
        Path cert = dir.resolve("server.pem");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", key.toString(), "-out", cert.toString());
        int port = Loopback.freePort();
        try (Launched l = Launched.start("rpyc_classic", "--ssl-keyfile", key.toString(), "--ssl-certfile",
                cert.toString(), "-p", Integer.toString(port))) {
            l.awaitStarted();
            assertServedByImage(python("import rpyc\nc = rpyc.classic.ssl_connect('127.0.0.1', " + port
                    + ", ca_certs='" + cert + "')\n" + CLASSIC_CHECK + "c.close()\n"));
            l.terminate();
        }
        // with --ssl-cafile, a client certificate signed by it is required (the self-signed cert is its own CA)
        port = Loopback.freePort();
        try (Launched l = Launched.start("rpyc_classic", "--ssl-keyfile", key.toString(), "--ssl-certfile",
                cert.toString(), "--ssl-cafile", cert.toString(), "-p", Integer.toString(port))) {
            l.awaitStarted();
            assertServedByImage(python("import rpyc\nc = rpyc.classic.ssl_connect('127.0.0.1', " + port
                    + ", keyfile='" + key + "', certfile='" + cert + "', ca_certs='" + cert + "')\n" + CLASSIC_CHECK
                    + "c.close()\n"));
            String refused = python("import rpyc\ntry:\n    c = rpyc.classic.ssl_connect('127.0.0.1', " + port
                    + ", ca_certs='" + cert + "')\n    c.eval('1')\n    print('SERVED')\nexcept Exception as e:\n"
                    + "    print('REFUSED', type(e).__name__)\n");
            assertTrue(refused.contains("REFUSED"), refused);
            l.terminate();
        }
    }

    @Test
    void sslDefaultPortIs18821() throws Exception {
        Launched l = Launched.run("rpyc_classic", "--help");
        assertTrue(String.join("\n", l.out()).contains("18821 for SSL"));
    }

    private static void openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UDP", "tcp"})
    void registerWithRpycRegistryAndDiscoverFromPython(String type) throws Exception {
        int registryPort = Loopback.freePort();
        int port = Loopback.freePort();
        try (Launched registry = Launched.start("rpyc_registry", "-m", type, "--host", "127.0.0.1", "-p",
                Integer.toString(registryPort), "-l", "true", "-t", "30");
                Launched server = startAfter(registry, "--register", "--registry-type", type, "--registry-host",
                        "127.0.0.1", "--registry-port", Integer.toString(registryPort), "-p", Integer.toString(port))) {
            server.awaitStarted();
            String client = type.equalsIgnoreCase("UDP") ? "UDPRegistryClient" : "TCPRegistryClient";
            String out = python("""
                    import time
                    from rpyc.utils.registry import %s
                    r = %s(ip='127.0.0.1', port=%d)
                    for _ in range(100):
                        found = r.discover('SLAVE')
                        if found:
                            break
                        time.sleep(0.1)
                    print('FOUND', sorted(found))
                    print('LIST', r.list())
                    """.formatted(client, client, registryPort));
            assertTrue(out.contains("FOUND [('127.0.0.1', " + port + ")]"), out);
            assertTrue(out.contains("LIST (") && out.contains("'SLAVE'"), out);
            server.terminate();
            String after = python("""
                    import time
                    from rpyc.utils.registry import %s
                    r = %s(ip='127.0.0.1', port=%d)
                    for _ in range(50):
                        if not r.discover('SLAVE'):
                            break
                        time.sleep(0.1)
                    print('AFTER', r.discover('SLAVE'))
                    """.formatted(client, client, registryPort));
            assertTrue(after.contains("AFTER ()") || after.contains("AFTER []"), "unregistered on SIGTERM: " + after);
        }
    }

    private static Launched startAfter(Launched registry, String... args) {
        registry.awaitStarted();
        return Launched.start("rpyc_classic", args);
    }

    @Test
    void registryListingFalseMeansFalse() throws Exception {
        int registryPort = Loopback.freePort();
        try (Launched registry = Launched.start("rpyc_registry", "--host", "127.0.0.1", "-p",
                Integer.toString(registryPort), "-l", "false", "-q", "false")) {
            registry.awaitStarted();
            String out = python("from rpyc.utils.registry import UDPRegistryClient\n"
                    + "print('LIST', UDPRegistryClient(ip='127.0.0.1', port=" + registryPort + ").list())\n");
            assertTrue(out.contains("LIST None"), out);
            registry.terminate();
        }
    }
}
