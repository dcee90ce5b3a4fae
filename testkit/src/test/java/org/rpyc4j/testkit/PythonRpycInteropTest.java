package org.rpyc4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves the harness against both reference peers: a Python rpyc server and a Python rpyc
 * client (same version) in two child processes talk over 127.0.0.1.
 */
class PythonRpycInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    static final String ADD_SERVICE = """
            class AddService(rpyc.Service):
                def exposed_add(self, a, b):
                    return a + b
            """;

    static final String ADD_CLIENT = """
            import sys
            import rpyc
            conn = rpyc.connect("127.0.0.1", int(sys.argv[1]))
            print("VERSION", rpyc.__version__)
            print("RESULT", conn.root.add(2, 3))
            conn.close()
            """;

    static List<PythonRpyc> peers() {
        return PythonRpyc.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void pythonClientCallsPythonServer(PythonRpyc peer) {
        peer.assumeAvailable();
        try (PythonServer server = PythonServer.start(peer, ADD_SERVICE, "AddService");
             PythonProcess client = PythonProcess.start(peer, ADD_CLIENT, Integer.toString(server.port()))) {
            assertEquals("VERSION " + peer.version(), client.awaitLine(l -> l.startsWith("VERSION "), TIMEOUT));
            assertEquals("RESULT 5", client.awaitLine(l -> l.startsWith("RESULT "), TIMEOUT));
            assertEquals(0, client.waitFor(TIMEOUT), client::stderr);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void serverHonoursProtocolConfig(PythonRpyc peer) {
        peer.assumeAvailable();
        String service = """
                class ConfigService(rpyc.Service):
                    def on_connect(self, conn):
                        self._conn = conn
                    def exposed_public_attrs(self):
                        return self._conn._config["allow_public_attrs"]
                """;
        String client = """
                import sys
                import rpyc
                conn = rpyc.connect("127.0.0.1", int(sys.argv[1]))
                print("PUBLIC", conn.root.public_attrs())
                """;
        try (PythonServer server = PythonServer.start(peer, service, "ConfigService", "{\"allow_public_attrs\": True}");
             PythonProcess process = PythonProcess.start(peer, client, Integer.toString(server.port()))) {
            assertEquals("PUBLIC True", process.awaitLine(l -> l.startsWith("PUBLIC "), TIMEOUT));
        }
    }
}
