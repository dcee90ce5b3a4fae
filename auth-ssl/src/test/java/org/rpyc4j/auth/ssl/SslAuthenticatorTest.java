package org.rpyc4j.auth.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rpyc4j.api.AuthenticationException;
import org.rpyc4j.api.ConnectOptions;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.ProtocolConfig;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.Transport;
import org.rpyc4j.api.error.RequestTimeoutException;
import org.rpyc4j.server.testkit.Await;
import org.slf4j.event.Level;

/**
 * The SSL authenticator in an rpyc4j ThreadedServer, with the Java {@link SslClient}: every key format, chains
 * and keystores, client certificates, verification by the client, protocols and ciphers, and bad input.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SslAuthenticatorTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    static TestPki pki;
    private final TlsServers servers = new TlsServers();

    @BeforeAll
    static void pki() {
        pki = TestPki.shared();
    }

    @AfterEach
    void close() throws Exception {
        servers.close();
    }

    private static SslClientOptions.Builder trustingTheCa() {
        return SslClientOptions.builder().cafile(pki.caCert);
    }

    private Connection connect(int port, SslClientOptions options) {
        return servers.closeLater(SslClient.connect("127.0.0.1", port, options));
    }

    static Stream<Arguments> keyFormats() {
        TestPki p = TestPki.shared();
        return Stream.of(
                Arguments.of("PKCS#8 RSA", p.serverKey, p.serverCert),
                Arguments.of("PKCS#1 RSA", p.serverKeyPkcs1, p.serverCertPkcs1),
                Arguments.of("SEC1 EC P-256 with EC PARAMETERS", p.serverKeySec1, p.serverCertSec1),
                Arguments.of("SEC1 EC P-384", p.serverKeySec1Bare, p.serverCertSec1Bare),
                Arguments.of("PKCS#8 Ed25519", p.serverKeyEd25519, p.serverCertEd25519),
                Arguments.of("chain through an intermediate CA", p.chainKey, p.chainCert),
                Arguments.of("key inside the certfile", null, p.combined));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyFormats")
    void servesTlsFromPemFilesAsOpensslWritesThem(String format, Path keyfile, Path certfile) {
        var server = servers.start(SslOptions.builder().keyfile(keyfile).certfile(certfile).build());
        Connection conn = connect(server.port(), trustingTheCa().build());   // verifies chain and host name
        assertEquals(42L, conn.root().callMethod("add", 20, 22));
        assertEquals("anonymous", conn.root().callMethod("whoami"));
        assertEquals("none", conn.root().callMethod("credentials"));
        Await.until(() -> server.log().messages(Level.INFO).stream().anyMatch(l -> l.endsWith("authenticated successfully")),
                PROMPTLY, () -> "authenticated line");
    }

    @Test
    void servesFromPkcs12AndJksKeystoresAndTrustsATruststore() throws Exception {
        for (Path keystore : List.of(pki.serverP12, pki.serverJks)) {
            var server = servers.start(SslOptions.builder().keystore(keystore, TestPki.PASSWORD)
                    .truststore(pki.truststoreP12, TestPki.PASSWORD).build());
            Connection conn = connect(server.port(), trustingTheCa().keyfile(pki.clientKey).certfile(pki.clientCert).build());
            assertEquals("alice", conn.root().callMethod("whoami"), keystore::toString);
            // the Java client from keystores too
            Connection fromStores = connect(server.port(), SslClientOptions.builder()
                    .truststore(pki.truststoreP12, TestPki.PASSWORD).keystore(clientP12(), TestPki.PASSWORD).build());
            assertEquals("alice", fromStores.root().callMethod("whoami"));
        }
        var typed = servers.start(SslOptions.builder().keystore(pki.serverJks, TestPki.PASSWORD).keystoreType("JKS").build());
        assertEquals(3L, connect(typed.port(), trustingTheCa().build()).root().callMethod("add", 1, 2));

        SslConfigurationException wrong = assertThrows(SslConfigurationException.class,
                () -> new SslAuthenticator(SslOptions.builder().keystore(pki.serverP12, "wrong").build()));
        assertTrue(wrong.getMessage().startsWith("keystore " + pki.serverP12 + ": "), wrong::getMessage);
        assertTrue(wrong.getMessage().contains("password"), wrong::getMessage);
    }

    private static Path clientP12() {
        Path p12 = pki.dir.resolve("client.p12");
        if (!p12.toFile().exists()) {
            TestPki.openssl("pkcs12", "-export", "-inkey", pki.clientKey.toString(), "-in", pki.clientCert.toString(),
                    "-out", p12.toString(), "-passout", "pass:" + TestPki.PASSWORD);
        }
        return p12;
    }

    // ------------------------------------------------------------------ client certificates

    @Test
    void withACafileClientsMustPresentACertificateSignedByIt() {
        var server = servers.start(SslOptions.of(pki.serverKey, pki.serverCert, pki.caCert));

        Connection alice = connect(server.port(), trustingTheCa().keyfile(pki.clientKey).certfile(pki.clientCert).build());
        assertEquals("alice", alice.root().callMethod("whoami"));
        assertEquals("SslCredentials CN=alice,O=rpyc4j tests", alice.root().callMethod("credentials"));
        assertTrue(((String) alice.root().callMethod("session")).startsWith("TLSv1.3 TLS_"));
        Await.until(() -> server.log().messages(Level.INFO).stream()
                .anyMatch(l -> l.startsWith("welcome ('127.0.0.1', ") && l.endsWith("(CN=alice,O=rpyc4j tests)")),
                PROMPTLY, () -> "welcome line with the subject: " + server.log().lines());

        int refusedBefore = refusals(server);
        assertRefused(server.port(), trustingTheCa().build());                                              // no certificate
        assertRefused(server.port(), trustingTheCa().keyfile(pki.strangerKey).certfile(pki.strangerCert).build());
        assertRefused(server.port(), trustingTheCa().keyfile(pki.expiredClientKey).certfile(pki.expiredClientCert).build());
        assertRefused(server.port(), trustingTheCa().keyfile(pki.otherCaClientKey).certfile(pki.otherCaClientCert).build());
        Await.until(() -> refusals(server) == refusedBefore + 4, PROMPTLY, () -> "four refusals: " + server.log().lines());
        assertTrue(server.log().messages(Level.DEBUG).stream().anyMatch(l -> l.contains("the client's certificate has expired")),
                () -> "the expired client certificate's reason: " + server.log().lines());
        // and still serving
        assertEquals("alice", connect(server.port(), trustingTheCa().keyfile(pki.clientKey).certfile(pki.clientCert)
                .build()).root().callMethod("whoami"));
    }

    @Test
    void optionalClientCertificatesServeBothKindsOfClient() {
        var server = servers.start(SslOptions.builder().keyfile(pki.serverKey).certfile(pki.serverCert)
                .cafile(pki.caCert).clientAuth(ClientAuth.OPTIONAL).build());
        assertEquals("anonymous", connect(server.port(), trustingTheCa().build()).root().callMethod("whoami"));
        assertEquals("alice", connect(server.port(), trustingTheCa().keyfile(pki.clientKey).certfile(pki.clientCert)
                .build()).root().callMethod("whoami"));
        assertRefused(server.port(), trustingTheCa().keyfile(pki.expiredClientKey).certfile(pki.expiredClientCert).build());
    }

    private static int refusals(TlsServers.Started server) {
        return (int) server.log().messages(Level.INFO).stream().filter(l -> l.contains("failed to authenticate")).count();
    }

    /** The server refuses the client: the handshake fails, or (TLS 1.3, the client's view) the first call does. */
    private void assertRefused(int port, SslClientOptions options) {
        RuntimeException e = assertThrows(RuntimeException.class, () -> {
            try (Connection conn = SslClient.connect("127.0.0.1", port, options)) {
                conn.root().callMethod("add", 1, 2);
            }
        });
        assertFalse(e instanceof SslConfigurationException, e::toString);
    }

    // ------------------------------------------------------------------ the client verifies the server

    @Test
    void theJavaClientVerifiesTheCertificateAndTheHostNameByDefault() {
        var otherHost = servers.start(SslOptions.of(pki.otherHostKey, pki.otherHostCert, null));
        UncheckedIOException wrongName = assertThrows(UncheckedIOException.class,
                () -> connect(otherHost.port(), trustingTheCa().build()));
        assertTrue(wrongName.getMessage().contains("does not name 127.0.0.1"), wrongName::getMessage);
        assertEquals(1L, connect(otherHost.port(), trustingTheCa().checkHostname(false).build()).root()
                .callMethod("add", 0, 1));
        assertEquals(1L, connect(otherHost.port(), trustingTheCa().serverName("other.example").build()).root()
                .callMethod("add", 0, 1));

        var server = servers.start(SslOptions.of(pki.serverKey, pki.serverCert, null));
        UncheckedIOException untrusted = assertThrows(UncheckedIOException.class,
                () -> connect(server.port(), SslClientOptions.builder().cafile(pki.otherCaCert).build()));
        assertTrue(untrusted.getMessage().contains("not trusted"), untrusted::getMessage);
        UncheckedIOException noCa = assertThrows(UncheckedIOException.class,
                () -> connect(server.port(), SslClientOptions.defaults()));   // the JVM's CAs do not know ours
        assertTrue(noCa.getMessage().contains("not trusted"), noCa::getMessage);
        assertEquals(2L, connect(server.port(), SslClientOptions.builder().serverName("localhost").cafile(pki.caCert)
                .build()).root().callMethod("add", 1, 1));

        var stranger = servers.start(SslOptions.of(pki.strangerKey, pki.strangerCert, null));
        assertEquals(3L, connect(stranger.port(), SslClientOptions.builder().verify(false).build()).root()
                .callMethod("add", 1, 2));
        assertEquals(3L, connect(stranger.port(), SslClientOptions.builder().rpycVerification().build()).root()
                .callMethod("add", 1, 2));
        assertEquals(3L, connect(stranger.port(), SslClientOptions.builder().cafile(pki.strangerCert).build()).root()
                .callMethod("add", 1, 2));   // a self-signed certificate trusted as its own CA
    }

    @Test
    void anExpiredServerCertificateStartsButVerifyingClientsRefuseIt() {
        var server = servers.start(SslOptions.of(pki.expiredServerKey, pki.expiredServerCert, null));
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> connect(server.port(),
                trustingTheCa().build()));
        assertTrue(e.getMessage().contains("has expired"), e::getMessage);
        assertEquals(3L, connect(server.port(), SslClientOptions.builder().verify(false).build()).root()
                .callMethod("add", 1, 2));
    }

    // ------------------------------------------------------------------ protocols and ciphers

    @Test
    void protocolsAndCiphersCanBeRestricted() throws Exception {
        var tls12 = servers.start(SslOptions.builder().keyfile(pki.serverKey).certfile(pki.serverCert)
                .protocols("TLSv1.2").ciphers("ECDHE-RSA-AES256-GCM-SHA384").build());
        try (SSLSocket socket = SslClient.create(trustingTheCa().build()).open("127.0.0.1", tls12.port())) {
            assertEquals("TLSv1.2", socket.getSession().getProtocol());
            assertEquals("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", socket.getSession().getCipherSuite());
        }
        var tls13 = servers.start(SslOptions.builder().keyfile(pki.serverKey).certfile(pki.serverCert)
                .protocols("PROTOCOL_TLSv1_3").ciphers("TLS_CHACHA20_POLY1305_SHA256").build());
        try (SSLSocket socket = SslClient.create(trustingTheCa().build()).open("127.0.0.1", tls13.port())) {
            assertEquals("TLSv1.3", socket.getSession().getProtocol());
            assertEquals("TLS_CHACHA20_POLY1305_SHA256", socket.getSession().getCipherSuite());
        }
        IOException noCommonProtocol = assertThrows(IOException.class,
                () -> SslClient.create(trustingTheCa().protocols("TLSv1.2").build()).open("127.0.0.1", tls13.port()));
        assertTrue(noCommonProtocol.getMessage().startsWith("TLS handshake with 127.0.0.1:" + tls13.port() + " failed"),
                noCommonProtocol::getMessage);

        var defaults = new SslAuthenticator(SslOptions.of(pki.serverKey, pki.serverCert, null));
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), defaults.protocols());
        assertTrue(defaults.cipherSuites().stream().allMatch(s -> s.contains("GCM") || s.contains("CHACHA20")),
                defaults.cipherSuites()::toString);
        // TLS 1.2 suites alone leave TLS 1.3's in place, as Python's set_ciphers does
        var only12 = new SslAuthenticator(SslOptions.builder().keyfile(pki.serverKey).certfile(pki.serverCert)
                .ciphers("ECDHE-RSA-AES128-GCM-SHA256").build());
        assertEquals(List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), only12.cipherSuites());
    }

    @Test
    void unsupportedProtocolsAndCipherExpressionsAreClearStartUpErrors() {
        SslOptions.Builder base = SslOptions.builder().keyfile(pki.serverKey).certfile(pki.serverCert);
        assertEquals("protocols: 'TLSv1.1' is not supported; rpyc4j speaks TLSv1.2 and TLSv1.3 only",
                assertThrows(SslConfigurationException.class,
                        () -> new SslAuthenticator(base.protocols("TLSv1.1").build())).getMessage());
        String expression = assertThrows(SslConfigurationException.class,
                () -> new SslAuthenticator(base.protocols().ciphers(CipherSuites.split("HIGH:!aNULL")).build())).getMessage();
        assertTrue(expression.startsWith("ciphers: 'HIGH' is part of an OpenSSL cipher expression"), expression);
        assertEquals("ciphers: unknown cipher suite 'ECDHE-RSA-NOPE'", assertThrows(SslConfigurationException.class,
                () -> new SslAuthenticator(base.ciphers("ECDHE-RSA-NOPE").build())).getMessage());
        assertTrue(assertThrows(SslConfigurationException.class,
                () -> new SslAuthenticator(base.ciphers("TLS_RSA_WITH_NULL_SHA256").build())).getMessage()
                .contains("not supported by this JVM"));
        assertTrue(assertThrows(SslConfigurationException.class, () -> new SslAuthenticator(base.protocols("TLSv1.2")
                .ciphers("TLS_AES_128_GCM_SHA256").build())).getMessage().contains("name no TLS 1.2 suite"));
    }

    // ------------------------------------------------------------------ start-up errors

    @Test
    void aKeyThatDoesNotMatchTheCertificateIsAStartUpErrorNamingBothFiles() {
        SslConfigurationException other = assertThrows(SslConfigurationException.class,
                () -> new SslAuthenticator(pki.clientKey, pki.serverCert, null));
        assertEquals("keyfile " + pki.clientKey + " does not match the certificate in certfile " + pki.serverCert
                + " (CN=localhost,O=rpyc4j tests): it is the key of another certificate", other.getMessage());
        SslConfigurationException family = assertThrows(SslConfigurationException.class,
                () -> new SslAuthenticator(pki.serverKeySec1, pki.serverCert, null));
        assertTrue(family.getMessage().endsWith(": it is an EC key, the certificate's key is RSA"), family::getMessage);

        Path reversed = pki.dir.resolve("reversed-chain.pem");
        try {
            java.nio.file.Files.writeString(reversed, java.nio.file.Files.readString(pki.intermediateCert)
                    + java.nio.file.Files.readString(pki.chainCert).split("(?<=-----END CERTIFICATE-----\n)")[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SslConfigurationException order = assertThrows(SslConfigurationException.class,
                () -> new SslAuthenticator(pki.chainKey, reversed, null));
        assertTrue(order.getMessage().contains("must come first, but it is number 2"), order::getMessage);
    }

    @Test
    void missingAndUnusableFilesAreStartUpErrorsNamingTheFile() {
        Path missing = pki.dir.resolve("no-such.key");
        assertEquals("keyfile " + missing + ": no such file", assertThrows(SslConfigurationException.class,
                () -> new SslAuthenticator(missing, pki.serverCert, null)).getMessage());
        Path missingCa = pki.dir.resolve("no-such-ca.pem");
        assertEquals("cafile " + missingCa + ": no such file", assertThrows(SslConfigurationException.class,
                () -> new SslAuthenticator(pki.serverKey, pki.serverCert, missingCa)).getMessage());
        assertTrue(assertThrows(SslConfigurationException.class,
                () -> new SslAuthenticator(pki.serverCert, pki.serverKey, null)).getMessage()
                .startsWith("certfile " + pki.serverKey + ": no certificate in it"));
        assertTrue(assertThrows(SslConfigurationException.class,
                () -> new SslAuthenticator(pki.encryptedKey, pki.serverCert, null)).getMessage()
                .startsWith("keyfile " + pki.encryptedKey + ": the private key is encrypted"));
        assertEquals("certfile " + pki.serverCert + ": holds no private key, and no keyfile is given",
                assertThrows(SslConfigurationException.class, () -> new SslAuthenticator(
                        SslOptions.builder().certfile(pki.serverCert).build())).getMessage());
        assertTrue(assertThrows(SslConfigurationException.class, () -> SslOptions.builder().keyfile(pki.serverKey).build())
                .getMessage().contains("without a certfile"));
        assertTrue(assertThrows(SslConfigurationException.class, () -> SslOptions.builder().build())
                .getMessage().startsWith("a TLS server needs its certificate and key"));
        assertTrue(assertThrows(SslConfigurationException.class, () -> SslClient.create(SslClientOptions.builder()
                .keyfile(pki.clientKey).certfile(pki.serverCert).build())).getMessage().contains("does not match"));
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void plainRpycGarbageAndHttpOnTheTlsPortAreRefusedSayingWhatCame() throws Exception {
        var server = servers.start(SslOptions.of(pki.serverKey, pki.serverCert, null));
        // a plain RPyC client: its first request finds the connection closed
        try (Connection plain = Rpyc.connect("127.0.0.1", server.port(), ConnectOptions.defaults()
                .withConnectTimeout(Duration.ofSeconds(5)))) {
            assertThrows(RuntimeException.class, () -> plain.root().callMethod("add", 1, 2));
        }
        assertClosedByServer(server.port(), "\u0000\u00ff garbage garbage garbage\r\n");
        assertClosedByServer(server.port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        Await.until(() -> debug(server).stream().filter(l -> l.contains("not a TLS handshake")).count() == 3,
                PROMPTLY, () -> "three refusals: " + server.log().lines());
        List<String> reasons = debug(server).stream().filter(l -> l.contains("not a TLS handshake")).toList();
        assertTrue(reasons.get(0).contains("sent plain (unencrypted) RPyC: is the client using ssl_connect?"), reasons::toString);
        assertTrue(reasons.get(1).contains("sent bytes 00 ff 20 67 61"), reasons::toString);
        assertTrue(reasons.get(2).contains("sent an HTTP request"), reasons::toString);
        assertEquals(42L, connect(server.port(), trustingTheCa().build()).root().callMethod("add", 40, 2));
    }

    private static List<String> debug(TlsServers.Started server) {
        return server.log().messages(Level.DEBUG);
    }

    /** Sends {@code bytes} and waits for the server to close the connection. */
    private static void assertClosedByServer(int port, String bytes) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
            socket.setSoTimeout((int) PROMPTLY.toMillis());
            assertEndOfStream(socket.getInputStream());
        }
    }

    private static void assertEndOfStream(InputStream in) throws IOException {
        try {
            while (in.read() != -1) {
                // a TLS alert, perhaps: read to the end
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server did not close the connection", e);
        } catch (IOException reset) {
            // closed with a reset: also closed
        }
    }

    @Test
    void aClientThatNeverSpeaksTlsIsDroppedAfterTheHandshakeTimeoutWhileOthersAreServed() throws Exception {
        var server = servers.start(SslOptions.builder().keyfile(pki.serverKey).certfile(pki.serverCert)
                .handshakeTimeout(Duration.ofMillis(1500)).build());
        try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), server.port());
             Socket trickle = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            long start = System.nanoTime();
            // the start of a ClientHello, then a byte every 400 ms: each read is quick, the handshake never ends
            OutputStream out = trickle.getOutputStream();
            out.write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03});
            Thread dribbler = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 50; i++) {
                        Thread.sleep(400);
                        out.write(0);
                    }
                } catch (IOException | InterruptedException e) {
                    // closed by the server: done
                }
            });
            // meanwhile others are served
            for (int i = 0; i < 3; i++) {
                assertEquals(2L * i, connect(server.port(), trustingTheCa().build()).root().callMethod("add", i, i));
            }
            silent.setSoTimeout(10_000);
            trickle.setSoTimeout(10_000);
            assertEndOfStream(silent.getInputStream());
            assertEndOfStream(trickle.getInputStream());
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMillis >= 1400 && tookMillis < 8000, "dropped after " + tookMillis + " ms");
            dribbler.interrupt();
            dribbler.join();
        }
        Await.until(() -> debug(server).stream().filter(l -> l.contains("within 1500 ms")).count() == 2, PROMPTLY,
                () -> "two timeouts: " + server.log().lines());
        assertEquals(7L, connect(server.port(), trustingTheCa().build()).root().callMethod("add", 3, 4));
    }

    @Test
    void aUnixDomainSocketIsRefusedClearly() {
        var tls = new SslAuthenticator(SslOptions.of(pki.serverKey, pki.serverCert, null));
        Transport pipe = Transport.of(InputStream.nullInputStream(), OutputStream.nullOutputStream(), () -> { }, "unix:/tmp/x");
        assertEquals("TLS needs a TCP connection; unix:/tmp/x is not one",
                assertThrows(AuthenticationException.class, () -> tls.authenticate(pipe, null)).getMessage());
    }

    // ------------------------------------------------------------------ the connection afterwards

    @Test
    void aTimedOutRequestLeavesTheTlsConnectionUsable() {
        var server = servers.start(SslOptions.of(pki.serverKey, pki.serverCert, null));
        Connection conn = connect(server.port(), trustingTheCa().connect(ConnectOptions.defaults().withConfig(
                ProtocolConfig.defaults().toBuilder().syncRequestTimeout(Duration.ofMillis(300)).build())).build());
        assertThrows(RequestTimeoutException.class, () -> conn.root().callMethod("sleep", 1500));
        assertEquals(5L, conn.root().callMethod("add", 2, 3));
        assertEquals("slept", conn.root().callMethod("sleep", 1));
        for (int i = 0; i < 200; i++) {   // many small frames after the timeout: no record was lost
            assertEquals((long) i, conn.root().callMethod("add", i, 0));
        }
    }

    @Test
    void closingTheServerEndsItsTlsConnectionsPromptly() {
        var server = servers.start(SslOptions.of(pki.serverKey, pki.serverCert, null));
        List<Connection> clients = Stream.generate(() -> connect(server.port(), trustingTheCa().build())).limit(3).toList();
        clients.forEach(c -> assertEquals(2L, c.root().callMethod("add", 1, 1)));
        assertTimeoutPreemptively(PROMPTLY, () -> server.server().close());
        for (Connection c : clients) {
            assertTimeoutPreemptively(PROMPTLY, () -> assertThrows(RuntimeException.class, () -> c.root().callMethod("add", 1, 1)));
        }
    }
}
