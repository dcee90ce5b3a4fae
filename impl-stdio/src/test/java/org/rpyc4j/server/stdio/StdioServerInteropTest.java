package org.rpyc4j.server.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rpyc4j.server.testkit.PythonArguments;
import org.rpyc4j.testkit.PythonProcess;
import org.rpyc4j.testkit.PythonRpyc;

@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StdioServerInteropTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    static List<PythonRpyc> peers() {
        return PythonRpyc.all();
    }

    /** rpyc's connect_subproc: the Python client starts the Java server and talks over its stdin/stdout. */
    static final String SUBPROCESS_CLIENT = """
            import json, sys
            import rpyc
            c = rpyc.connect_subproc(json.loads(sys.argv[1]))
            print("SUM", c.root.add(40, 2), flush=True)
            def cb(d):
                return "bottom" if d == 0 else c.root.nest(cb, d - 1)
            print("NESTED", c.root.nest(cb, 5), flush=True)
            print("BIG", len(c.root.echo("z" * 100000)), flush=True)
            c.close()
            print("EXIT", c.proc.wait(timeout=30), flush=True)
            """;

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void servesAPythonClientThatStartedIt(PythonRpyc peer) {
        peer.assumeAvailable();
        try (PythonProcess client = PythonProcess.start(peer, SUBPROCESS_CLIENT, PythonArguments.jsonList(StdioCommand.demo()))) {
            assertEquals("SUM 42", client.readLine(TIMEOUT), client::stderr);
            assertEquals("NESTED bottom", client.readLine(TIMEOUT), client::stderr);
            assertEquals("BIG 100000", client.readLine(TIMEOUT), client::stderr);
            assertEquals("EXIT 0", client.readLine(TIMEOUT), client::stderr);
            assertEquals(0, client.waitFor(TIMEOUT), client::stderr);
            // the server logged, and not on stdout (where it would have broken the framing above)
            assertTrue(client.stderr().contains("welcome stdio"), client::stderr);
        }
    }

    /** inetd style: the server's stdin is the accepted TCP socket itself. */
    static final String INETD_CLIENT = """
            import json, socket, subprocess, sys
            import rpyc
            from rpyc.core.stream import SocketStream
            listener = socket.socket(); listener.bind(("127.0.0.1", 0)); listener.listen(1)
            client = socket.create_connection(listener.getsockname())
            accepted, _ = listener.accept()
            server = subprocess.Popen(json.loads(sys.argv[1]), stdin=accepted, stdout=subprocess.DEVNULL)
            accepted.close()
            c = rpyc.connect_stream(SocketStream(client))
            print("SUM", c.root.add(40, 2), flush=True)
            c.close()
            print("EXIT", server.wait(timeout=30), flush=True)
            """;

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void servesASocketInheritedAsStandardInput(PythonRpyc peer) {
        peer.assumeAvailable();
        try (PythonProcess client = PythonProcess.start(peer, INETD_CLIENT, PythonArguments.jsonList(StdioCommand.demo()))) {
            assertEquals("SUM 42", client.readLine(TIMEOUT), client::stderr);
            assertEquals("EXIT 0", client.readLine(TIMEOUT), client::stderr);
            assertTrue(client.stderr().contains("welcome ('127.0.0.1', "), client::stderr);
        }
    }
}
