package org.rpyc4j.auth.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rpyc4j.api.ConnectOptions;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.classic.ClassicService;
import org.rpyc4j.server.testkit.Await;
import org.rpyc4j.testkit.PythonProcess;
import org.rpyc4j.testkit.PythonRpyc;
import org.slf4j.event.Level;

/**
 * TLS between rpyc4j and stock Python rpyc (5.3.0 and 6.0.1): Python's {@code rpyc.ssl_connect} and
 * {@code rpyc.classic.ssl_connect} against an rpyc4j server with the {@link SslAuthenticator}, and the Java
 * {@link SslClient} against Python's {@code SSLAuthenticator} server.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SslInteropTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** argv: host port how(factory|classic|plain) keyfile certfile ca_certs ("-" for None). */
    private static final String CLIENT = """
            import sys
            import rpyc
            host, port, how = sys.argv[1], int(sys.argv[2]), sys.argv[3]
            keyfile, certfile, ca = [None if a == "-" else a for a in sys.argv[4:7]]
            try:
                if how == "classic":
                    c = rpyc.classic.ssl_connect(host, port, keyfile=keyfile, certfile=certfile, ca_certs=ca)
                    print("SERVICE", c.root.get_service_name(), flush=True)
                else:
                    if how == "plain":
                        c = rpyc.connect(host, port)
                    else:
                        c = rpyc.ssl_connect(host, port, keyfile=keyfile, certfile=certfile, ca_certs=ca)
                    print("ADD", c.root.add(20, 22), flush=True)
                    print("WHOAMI", c.root.whoami(), flush=True)
                    print("CREDENTIALS", c.root.credentials(), flush=True)
                c.close()
            except Exception as e:
                print("FAIL", type(e).__name__, str(e).replace("\\n", " "), flush=True)
            """;

    /** argv: keyfile certfile ca_certs ("-" for None); prints PORT n, then serves. */
    private static final String SERVER = """
            import sys
            import rpyc
            from rpyc.utils.server import ThreadedServer
            from rpyc.utils.authenticators import SSLAuthenticator
            keyfile, certfile = sys.argv[1], sys.argv[2]
            ca = None if sys.argv[3] == "-" else sys.argv[3]

            class WhoService(rpyc.Service):
                def on_connect(self, conn):
                    self._conn = conn
                def exposed_add(self, a, b):
                    return a + b
                def exposed_whoami(self):
                    cert = self._conn._config.get("credentials")
                    if not cert:
                        return "anonymous"
                    for rdn in cert.get("subject", ()):
                        for key, value in rdn:
                            if key == "commonName":
                                return value
                    return "?"

            server = ThreadedServer(WhoService, hostname="127.0.0.1", port=0, auto_register=False,
                                    authenticator=SSLAuthenticator(keyfile, certfile, ca_certs=ca))
            server._listen()
            print("PORT %d" % server.port, flush=True)
            server.start()
            """;

    static TestPki pki;
    private final TlsServers servers = new TlsServers();
    private final List<AutoCloseable> processes = new ArrayList<>();

    @BeforeAll
    static void pki() {
        pki = TestPki.shared();
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable p : processes.reversed()) {
            p.close();
        }
        servers.close();
    }

    static List<PythonRpyc> peers() {
        return PythonRpyc.all();
    }

    private static String arg(Path path) {
        return path == null ? "-" : path.toString();
    }

    /** Runs the Python client once and returns its output lines. */
    private List<String> python(PythonRpyc peer, int port, String how, Path keyfile, Path certfile, Path ca) {
        PythonProcess client = PythonProcess.start(peer, CLIENT, "127.0.0.1", Integer.toString(port), how, arg(keyfile),
                arg(certfile), arg(ca));
        processes.add(client);
        List<String> lines = new ArrayList<>();
        for (String line = client.readLine(TIMEOUT); line != null; line = client.readLine(TIMEOUT)) {
            lines.add(line);
        }
        assertEquals(0, client.waitFor(TIMEOUT), client::stderr);
        return lines;
    }

    private static void assertFailed(List<String> output, String expected) {
        assertEquals(1, output.size(), output::toString);
        assertTrue(output.getFirst().startsWith("FAIL ") && output.getFirst().contains(expected), output::toString);
    }

    // ------------------------------------------------------------------ Python clients, rpyc4j server

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void pythonSslConnectWithTheCaWorks(PythonRpyc peer) {
        peer.assumeAvailable();
        var server = servers.start(SslOptions.of(pki.serverKey, pki.serverCert, null));
        assertEquals(List.of("ADD 42", "WHOAMI anonymous", "CREDENTIALS none"),
                python(peer, server.port(), "factory", null, null, pki.caCert));
        // without ca_certs Python verifies nothing (CERT_NONE): it connects to a self-signed server
        var stranger = servers.start(SslOptions.of(pki.strangerKey, pki.strangerCert, null));
        assertEquals(List.of("ADD 42", "WHOAMI anonymous", "CREDENTIALS none"),
                python(peer, stranger.port(), "factory", null, null, null));
        // and with a CA that did not sign the server's certificate it refuses
        assertFailed(python(peer, server.port(), "factory", null, null, pki.otherCaCert), "CERTIFICATE_VERIFY_FAILED");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void pythonClassicSslConnectReachesTheClassicService(PythonRpyc peer) {
        peer.assumeAvailable();
        var server = servers.start(ClassicService.factory(), ClassicService.config(),
                new SslAuthenticator(SslOptions.of(pki.serverKeySec1, pki.serverCertSec1, null)));
        assertEquals(List.of("SERVICE SLAVE"), python(peer, server.port(), "classic", null, null, pki.caCert));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void withACafileOnlyPythonClientsWithACaSignedCertificateAreServed(PythonRpyc peer) {
        peer.assumeAvailable();
        var server = servers.start(SslOptions.of(pki.serverKeyPkcs1, pki.serverCertPkcs1, pki.caCert));
        assertEquals(List.of("ADD 42", "WHOAMI alice", "CREDENTIALS SslCredentials CN=alice,O=rpyc4j tests"),
                python(peer, server.port(), "factory", pki.clientKey, pki.clientCert, pki.caCert));
        assertFailed(python(peer, server.port(), "factory", null, null, pki.caCert), "");                       // no certificate
        assertFailed(python(peer, server.port(), "factory", pki.strangerKey, pki.strangerCert, pki.caCert), "");  // self-signed
        assertFailed(python(peer, server.port(), "factory", pki.expiredClientKey, pki.expiredClientCert, pki.caCert), "");
        assertFailed(python(peer, server.port(), "factory", pki.otherCaClientKey, pki.otherCaClientCert, pki.caCert), "");
        Await.until(() -> server.log().messages(Level.INFO).stream().filter(l -> l.contains("failed to authenticate"))
                .count() == 4, TIMEOUT, () -> "four refusals: " + server.log().lines());
        List<String> reasons = server.log().messages(Level.DEBUG).stream().filter(l -> l.contains("failed to authenticate"))
                .toList();
        assertTrue(reasons.get(0).contains("Empty client certificate chain"), reasons::toString);
        assertTrue(reasons.get(1).contains("the client's certificate is not trusted"), reasons::toString);
        assertTrue(reasons.get(2).contains("the client's certificate has expired"), reasons::toString);
        assertTrue(reasons.get(3).contains("the client's certificate is not trusted"), reasons::toString);
        // the server goes on serving
        assertEquals(List.of("ADD 42", "WHOAMI alice", "CREDENTIALS SslCredentials CN=alice,O=rpyc4j tests"),
                python(peer, server.port(), "factory", pki.clientKey, pki.clientCert, pki.caCert));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void optionalClientCertificatesAsPythonsCertOptional(PythonRpyc peer) {
        peer.assumeAvailable();
        var server = servers.start(Authenticators_create(pki.caCert));
        assertEquals(List.of("ADD 42", "WHOAMI anonymous", "CREDENTIALS none"),
                python(peer, server.port(), "factory", null, null, pki.caCert));
        assertEquals("WHOAMI alice", python(peer, server.port(), "factory", pki.clientKey, pki.clientCert, pki.caCert).get(1));
        assertFailed(python(peer, server.port(), "factory", pki.strangerKey, pki.strangerCert, pki.caCert), "");
    }

    /** The authenticator as a command line would make it: by name, from text options. */
    private static org.rpyc4j.api.Authenticator Authenticators_create(Path ca) {
        return org.rpyc4j.spi.auth.Authenticators.create("SSL", java.util.Map.of("keyfile", pki.serverKey.toString(),
                "certfile", pki.serverCert.toString(), "ca_certs", ca.toString(), "cert_reqs", "ssl.CERT_OPTIONAL"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void anExpiredServerCertificateIsRefusedByAPythonClientThatVerifies(PythonRpyc peer) {
        peer.assumeAvailable();
        var server = servers.start(SslOptions.of(pki.expiredServerKey, pki.expiredServerCert, null));
        assertFailed(python(peer, server.port(), "factory", null, null, pki.caCert), "certificate has expired");
        assertEquals("ADD 42", python(peer, server.port(), "factory", null, null, null).getFirst());   // CERT_NONE
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void plainPythonRpycOnTheTlsPortIsRefusedAndTheServerGoesOn(PythonRpyc peer) {
        peer.assumeAvailable();
        var server = servers.start(SslOptions.of(pki.serverKey, pki.serverCert, null));
        assertFailed(python(peer, server.port(), "plain", null, null, null), "");
        Await.until(() -> server.log().messages(Level.DEBUG).stream()
                .anyMatch(l -> l.contains("sent plain (unencrypted) RPyC")), TIMEOUT, () -> server.log().lines().toString());
        assertEquals("ADD 42", python(peer, server.port(), "factory", null, null, pki.caCert).getFirst());
    }

    // ------------------------------------------------------------------ the Java client, Python server

    private PythonProcess pythonServer(PythonRpyc peer, Path keyfile, Path certfile, Path ca) {
        PythonProcess server = PythonProcess.start(peer, SERVER, keyfile.toString(), certfile.toString(), arg(ca));
        processes.add(server);
        return server;
    }

    private static int port(PythonProcess server) {
        return Integer.parseInt(server.awaitLine(l -> l.startsWith("PORT "), TIMEOUT).substring(5).strip());
    }

    private static ConnectOptions dialect(PythonRpyc peer) {
        return ConnectOptions.defaults().withDialect(peer.major() == 5 ? Dialect.V5 : Dialect.V6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void theJavaClientVerifiesAPythonSslServer(PythonRpyc peer) {
        peer.assumeAvailable();
        int port = port(pythonServer(peer, pki.serverKey, pki.serverCert, null));
        SslClientOptions options = SslClientOptions.builder().cafile(pki.caCert).connect(dialect(peer)).build();
        try (Connection conn = SslClient.connect("127.0.0.1", port, options)) {   // chain and host name verified
            assertEquals(42L, conn.root().callMethod("add", 20, 22));
            assertEquals("anonymous", conn.root().callMethod("whoami"));
        }
        try (Connection conn = SslClient.connect("127.0.0.1", port, null, null, pki.caCert)) {   // rpyc's argument order
            assertEquals(Dialect.V6, conn.dialect());   // connected (and verified); nothing sent yet
        }
        var untrusted = assertThrows(java.io.UncheckedIOException.class, () -> SslClient.connect("127.0.0.1", port,
                options.toBuilder().cafile(pki.otherCaCert).build()));
        assertTrue(untrusted.getMessage().contains("not trusted"), untrusted::getMessage);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void aPythonSslServerWithCaCertsServesOnlyJavaClientsWithACaSignedCertificate(PythonRpyc peer) {
        peer.assumeAvailable();
        PythonProcess server = pythonServer(peer, pki.serverKeySec1, pki.serverCertSec1, pki.caCert);
        int port = port(server);
        SslClientOptions anonymous = SslClientOptions.builder().cafile(pki.caCert).connect(dialect(peer)).build();
        try (Connection alice = SslClient.connect("127.0.0.1", port,
                anonymous.toBuilder().keyfile(pki.clientKey).certfile(pki.clientCert).build())) {
            assertEquals("alice", alice.root().callMethod("whoami"));   // the Python service sees the subject
        }
        for (SslClientOptions refused : List.of(anonymous,
                anonymous.toBuilder().keyfile(pki.strangerKey).certfile(pki.strangerCert).build(),
                anonymous.toBuilder().keyfile(pki.expiredClientKey).certfile(pki.expiredClientCert).build())) {
            assertThrows(RuntimeException.class, () -> {
                try (Connection conn = SslClient.connect("127.0.0.1", port, refused)) {
                    conn.root().callMethod("add", 1, 2);
                }
            }, refused::toString);
        }
        try (Connection alice = SslClient.connect("127.0.0.1", port,
                anonymous.toBuilder().keyfile(pki.clientKey).certfile(pki.clientCert).build())) {
            assertEquals(3L, alice.root().callMethod("add", 1, 2));   // still serving
        }
    }
}
