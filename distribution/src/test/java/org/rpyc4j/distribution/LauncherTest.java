package org.rpyc4j.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rpyc4j.testkit.Loopback;

/** The image and its launchers without Python peers: layout, help, version, listing, bad switches, the registry. */
@Timeout(120)
class LauncherTest {
    @Test
    void imageHasLaunchersPluginsConfigurationArchiveAndNoJdkTools() {
        for (String f : List.of("bin/rpyc_classic", "bin/rpyc_registry", "bin/java", "plugins/README.txt",
                "conf/logging.properties", "lib/modules", "RPYC4J_VERSION")) {
            assertTrue(Files.exists(Launched.IMAGE.resolve(f)), f);
        }
        assertTrue(Files.isExecutable(Launched.IMAGE.resolve("bin/rpyc_classic")));
        assertTrue(Files.isRegularFile(Launched.IMAGE.resolve("lib/rpyc4j.jsa")), "the CDS archive");
        Path archive = Launched.IMAGE.getParent().resolve("rpyc4j-"
                + read(Launched.IMAGE.resolve("RPYC4J_VERSION")) + ".tar.gz");
        assertTrue(Files.isRegularFile(archive), archive.toString());
    }

    @Test
    void classicHelpGroupsTheSwitchesAndShowsDefaults() {
        Launched l = Launched.run("rpyc_classic", "--help");
        assertEquals(0, l.process.exitValue());
        String help = String.join("\n", l.out());
        for (String s : List.of("Socket Options:", "Logging:", "SSL:", "Registry:", "-m, --mode MODE",
                "the default is threaded", "-p, --port PORT", "18812; 18821 for SSL", "--host HOST",
                "the default is localhost", "--ipv6", "--logfile FILE", "-q, --quiet", "--register",
                "--registry-type TYPE", "the default is UDP", "--registry-port PORT", "18811", "--registry-host HOST",
                "--ssl-keyfile", "--ssl-certfile", "--ssl-cafile", "--pool-size", "--list", "-h, --help",
                "--version")) {
            assertTrue(help.contains(s), "help lacks " + s + ":\n" + help);
        }
    }

    @Test
    void registryHelpAndVersion() {
        Launched l = Launched.run("rpyc_registry", "-h");
        String help = String.join("\n", l.out());
        for (String s : List.of("-m, --mode MODE", "the default is UDP", "-p, --port PORT", "18811",
                "-f, --file, --logfile FILE", "-q, --quiet", "-t, --timeout SECONDS", "240", "-l, --listing",
                "-6, --ipv6", "--host HOST")) {
            assertTrue(help.contains(s), "help lacks " + s + ":\n" + help);
        }
        Launched v = Launched.run("rpyc_registry", "--version");
        assertEquals(0, v.process.exitValue());
        assertTrue(v.out().getFirst().startsWith("rpyc_registry (rpyc4j) "), v.out().toString());
        assertTrue(Launched.run("rpyc_classic", "--version").out().getFirst().startsWith("rpyc_classic (rpyc4j) "));
    }

    @Test
    void listShowsModesAuthenticatorsAndTransports() {
        String list = String.join("\n", Launched.run("rpyc_classic", "--list").out());
        for (String s : List.of("threaded", "forking", "stdio", "oneshot", "pool", "ssl", "UDP", "TCP")) {
            assertTrue(list.contains(s), "list lacks " + s + ":\n" + list);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rpyc_classic|-p 70000|invalid value '70000' for --port",
        "rpyc_classic|--port=-1|invalid value '-1' for --port",
        "rpyc_classic|-p x|not an integer",
        "rpyc_classic|-m bogus|expected one of forking, oneshot, pool, stdio, threaded",
        "rpyc_classic|--registry-type TCP|you must specify --registry-host",
        "rpyc_classic|--registry-type carrier-pigeon|for --registry-type",
        "rpyc_classic|--ssl-keyfile /nonexistent.key --ssl-certfile /nonexistent.pem|no such file",
        "rpyc_classic|--ssl-certfile /etc/hostname|needs both --ssl-keyfile and --ssl-certfile",
        "rpyc_classic|--ssl-cafile /etc/hostname|needs both --ssl-keyfile and --ssl-certfile",
        "rpyc_classic|--pool-size 0|--pool-size",
        "rpyc_classic|--bogus|unknown switch --bogus",
        "rpyc_classic|-p|needs a value",
        "rpyc_classic|extra|unexpected argument",
        "rpyc_registry|-p 65536|invalid value '65536' for --port",
        "rpyc_registry|-m SCTP|for --mode",
        "rpyc_registry|-t 0|--timeout",
        "rpyc_registry|-l maybe|unexpected argument 'maybe'",
        "rpyc_registry|--listing=maybe|expected true or false",
        "rpyc_registry|-f /nonexistent-dir/x.log|cannot open log file",
    })
    void invalidSwitchValuesExitNonZeroWithOneLine(String program, String args, String expected) {
        Launched l = Launched.run(program, args.split(" "));
        assertNotEquals(0, l.process.exitValue());
        List<String> err = l.err();
        assertEquals(1, err.size(), "one line: " + err);
        assertTrue(err.getFirst().startsWith(program + ": error: "), err.getFirst());
        assertTrue(err.getFirst().contains(expected), err.getFirst());
        assertFalse(err.getFirst().contains("Exception"), err.getFirst());
    }

    @Test
    void registryServesOnLoopbackAndStopsOnSigterm() {
        int port = Loopback.freePort();
        try (Launched l = Launched.start("rpyc_registry", "--host", "127.0.0.1", "-p", Integer.toString(port),
                "-m", "tcp")) {
            assertEquals("INFO:REGSRV/TCP/" + port + ":server started on [127.0.0.1]:" + port, l.awaitStarted());
            l.terminate();
            assertTrue(l.err().contains("WARNING:REGSRV/TCP/" + port + ":keyboard interrupt!"), l.err().toString());
            assertTrue(l.err().contains("INFO:REGSRV/TCP/" + port + ":server has terminated"), l.err().toString());
        }
    }

    @Test
    void sigintEndsLikeCtrlC() throws Exception {
        int port = Loopback.freePort();
        try (Launched l = Launched.start("rpyc_classic", "-p", Integer.toString(port))) {
            l.awaitStarted();
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(l.process.pid())).start();
            assertEquals(0, kill.waitFor());
            l.awaitErr(("INFO:SLAVE/" + port + ":listener closed")::equals, "listener closed");
            assertTrue(l.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "ended after SIGINT");
            String tag = "SLAVE/" + port;
            java.util.List<String> err = l.err();
            java.util.List<String> ending = err.subList(err.size() - 3, err.size());
            // the seed's sequence on Ctrl-C
            assertEquals(java.util.List.of("WARNING:" + tag + ":keyboard interrupt!", "INFO:" + tag
                    + ":server has terminated", "INFO:" + tag + ":listener closed"), ending, err.toString());
        }
    }

    @Test
    void registryIpv6QuietAndLogfile(@TempDir Path dir) throws Exception {
        int port = Loopback.freePort();
        try (Launched l = Launched.start("rpyc_registry", "-6", "--host", "::1", "-p", Integer.toString(port))) {
            assertEquals("INFO:REGSRV/UDP/" + port + ":server started on [::1]:" + port, l.awaitStarted());
            l.terminate();
        }
        Path log = dir.resolve("registry.log");
        port = Loopback.freePort();
        try (Launched l = Launched.start("rpyc_registry", "--host", "127.0.0.1", "-p", Integer.toString(port),
                "--logfile", log.toString())) {
            waitForFile(log, "server started on [127.0.0.1]:" + port);
            l.terminate();
            assertTrue(l.err().isEmpty(), l.err().toString());
        }
        port = Loopback.freePort();
        try (Launched l = Launched.start("rpyc_registry", "-q", "--host", "127.0.0.1", "-p", Integer.toString(port),
                "-m", "TCP")) {
            try (var s = connectEventually(port)) {
                // serving, and quiet
            }
            l.terminate();
            assertTrue(l.err().isEmpty(), "quiet mode logs only errors: " + l.err());
        }
    }

    @Test
    void classicLogfileAndQuiet(@TempDir Path dir) throws Exception {
        int port = Loopback.freePort();
        Path log = dir.resolve("classic.log");
        try (Launched l = Launched.start("rpyc_classic", "-p", Integer.toString(port), "--logfile", log.toString())) {
            waitForFile(log, "server started on [127.0.0.1]:" + port);
            l.terminate();
            String text = Files.readString(log);
            assertTrue(text.contains("WARNING:SLAVE/" + port + ":keyboard interrupt!"), text);
            assertTrue(text.contains("INFO:SLAVE/" + port + ":listener closed"), text);
            assertTrue(l.err().isEmpty(), l.err().toString());
        }
        port = Loopback.freePort();
        try (Launched l = Launched.start("rpyc_classic", "-q", "-p", Integer.toString(port))) {
            try (var s = connectEventually(port)) {
                // serving, and quiet
            }
            l.terminate();
            assertTrue(l.err().isEmpty(), "quiet mode logs only errors: " + l.err());
        }
    }

    static java.net.Socket connectEventually(int port) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                return new java.net.Socket("127.0.0.1", port);
            } catch (java.io.IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    static void waitForFile(Path file, String text) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!(Files.exists(file) && Files.readString(file).contains(text))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + text + "' in " + file);
            }
            Thread.sleep(50);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
