package org.rpyc4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The process harness itself; needs a Python interpreter but not rpyc. */
class PythonProcessTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final PythonRpyc peer = PythonRpyc.v5();

    @BeforeEach
    void needsPython() {
        Assumptions.assumeTrue(Files.isExecutable(peer.interpreter()), "no python at " + peer.interpreter());
    }

    @Test
    void capturesOutputArgumentsAndExitCode() {
        String script = """
                import sys
                print("args", sys.argv[1:])
                print("oops", file=sys.stderr)
                sys.exit(3)
                """;
        try (PythonProcess process = PythonProcess.start(peer, script, "a", "b c")) {
            assertEquals("args ['a', 'b c']", process.readLine(TIMEOUT));
            assertEquals(3, process.waitFor(TIMEOUT));
            assertNull(process.readLine(TIMEOUT));
            assertEquals("oops\n", process.stderr());
        }
    }

    @Test
    void readsStdin() {
        String script = """
                import sys
                for line in sys.stdin:
                    print("echo", line.strip())
                """;
        try (PythonProcess process = PythonProcess.start(peer, script)) {
            process.writeLine("hello");
            assertEquals("echo hello", process.readLine(TIMEOUT));
            process.closeStdin();
            assertEquals(0, process.waitFor(TIMEOUT));
        }
    }

    @Test
    void awaitLineFailsWhenOutputEnds() {
        try (PythonProcess process = PythonProcess.start(peer, "print('only line')\n")) {
            AssertionFailedError error = assertThrows(AssertionFailedError.class,
                    () -> process.awaitLine("never"::equals, TIMEOUT));
            assertTrue(error.getMessage().contains("only line"), error.getMessage());
        }
    }

    @Test
    void closeKillsTheProcessAndItsChildren() {
        String script = """
                import subprocess, sys, time
                child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
                print("CHILD", child.pid, flush=True)
                time.sleep(600)
                """;
        PythonProcess process = PythonProcess.start(peer, script);
        long childPid = Long.parseLong(process.awaitLine(l -> l.startsWith("CHILD "), TIMEOUT).substring(6));
        ProcessHandle child = ProcessHandle.of(childPid).orElseThrow();
        process.close();
        assertFalse(process.isAlive());
        assertFalse(child.isAlive(), "child " + childPid + " still alive");
    }

    @Test
    void hardTimeoutKillsTheProcess() {
        try (PythonProcess process = PythonProcess.start(peer, Duration.ofSeconds(1), "import time\ntime.sleep(600)\n")) {
            assertNull(process.readLine(TIMEOUT));   // output ends when the watchdog kills it
            assertNotEquals(0, process.waitFor(TIMEOUT));
        }
    }

    @Test
    void freePortIsBindableOnLoopback() throws IOException {
        int port = Loopback.freePort();
        assertNotEquals(0, port);
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(Loopback.HOST))) {
            assertEquals(port, socket.getLocalPort());
        }
    }

    @Test
    void sharedFolderIsFound() {
        Optional<java.nio.file.Path> shared = PythonRpyc.sharedDir();
        assertTrue(shared.isPresent(), "rpyc4j.shared=" + System.getProperty("rpyc4j.shared"));
        assertTrue(Files.isRegularFile(shared.get().resolve("peers/rpyc-6.0.1.tar.gz")));
    }
}
