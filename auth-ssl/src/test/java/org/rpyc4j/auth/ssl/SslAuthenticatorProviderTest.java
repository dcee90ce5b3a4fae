package org.rpyc4j.auth.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rpyc4j.spi.auth.AuthenticatorInfo;
import org.rpyc4j.spi.auth.AuthenticatorOptions;
import org.rpyc4j.spi.auth.Authenticators;

/** The {@code ssl} authenticator as a command line makes it: found by name, from text options named like rpyc's. */
class SslAuthenticatorProviderTest {
    static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.shared();
    }

    @Test
    void isFoundOnTheModulePathByNameIgnoringCase() {
        AuthenticatorInfo ssl = Authenticators.available().stream().filter(i -> i.name().equals("ssl")).findFirst()
                .orElseThrow(() -> new AssertionError(Authenticators.available().toString()));
        // module org.rpyc4j.auth.ssl on the module path; surefire runs these tests on the class path
        assertTrue(ssl.module().equals("module org.rpyc4j.auth.ssl") || ssl.module().contains("auth-ssl"), ssl::module);
        assertTrue(ssl.available());
        assertEquals(List.of("keyfile", "certfile", "cafile", "ca-certs", "cert-reqs", "protocols", "ciphers",
                "handshake-timeout", "keystore", "keystore-password", "keystore-type", "truststore",
                "truststore-password", "truststore-type"), List.copyOf(ssl.options().keySet()));
        assertInstanceOf(SslAuthenticatorProvider.class, Authenticators.providers().provider("SSL"));
    }

    @Test
    void rpycClassicSwitchesMapToOptions() {
        // rpyc_classic --ssl-keyfile K --ssl-certfile C --ssl-cafile CA
        SslAuthenticator tls = (SslAuthenticator) ((org.rpyc4j.spi.auth.NamedAuthenticator) Authenticators.create("ssl", Map.of("keyfile", pki.serverKey.toString(),
                "certfile", pki.serverCert.toString(), "cafile", pki.caCert.toString()))).delegate();
        assertEquals(ClientAuth.REQUIRED, tls.options().effectiveClientAuth());
        assertEquals(SslOptions.DEFAULT_HANDSHAKE_TIMEOUT, tls.options().handshakeTimeout());

        SslOptions python = SslAuthenticatorProvider.toSslOptions(AuthenticatorOptions.of(
                "keyfile", pki.serverKey.toString(), "certfile", pki.serverCert.toString(), "ca_certs", pki.caCert.toString(),
                "cert_reqs", "ssl.CERT_OPTIONAL", "ciphers", "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384",
                "protocols", "TLSv1.2, TLSv1.3", "handshake-timeout", "2.5"));
        assertEquals(pki.caCert, python.cafile());
        assertEquals(ClientAuth.OPTIONAL, python.effectiveClientAuth());
        assertEquals(List.of("ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384"), python.ciphers());
        assertEquals(List.of("TLSv1.2", "TLSv1.3"), python.protocols());
        assertEquals(Duration.ofMillis(2500), python.handshakeTimeout());

        SslOptions keystore = SslAuthenticatorProvider.toSslOptions(AuthenticatorOptions.of(
                "keystore", pki.serverP12.toString(), "keystore-password", TestPki.PASSWORD, "keystore-type", "PKCS12"));
        assertEquals(pki.serverP12, keystore.keystore());
        assertEquals(ClientAuth.NONE, keystore.effectiveClientAuth());
        assertTrue(keystore.toString().contains("(password ***)") && !keystore.toString().contains(TestPki.PASSWORD),
                keystore::toString);
        new SslAuthenticator(keystore);
    }

    @Test
    void badOptionsAreRefusedNamingTheOption() {
        Map<String, String> base = Map.of("keyfile", pki.serverKey.toString(), "certfile", pki.serverCert.toString());
        String unknown = assertThrows(IllegalArgumentException.class, () -> Authenticators.create("ssl",
                Map.of("kyefile", "k", "certfile", "c"))).getMessage();
        assertTrue(unknown.startsWith("authenticator 'ssl' has no option 'kyefile'; it takes keyfile, certfile, cafile,"),
                unknown);
        assertEquals("option 'cert-reqs' = 'maybe': not a client certificate requirement: 'maybe' (none, optional or required)",
                assertThrows(IllegalArgumentException.class, () -> Authenticators.create("ssl",
                        with(base, "cert-reqs", "maybe"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Authenticators.create("ssl",
                with(base, "handshake-timeout", "soon"))).getMessage().startsWith("option 'handshake-timeout' = 'soon': "));
        assertEquals("option 'ca-certs' is another name of 'cafile': give one of them",
                assertThrows(IllegalArgumentException.class, () -> Authenticators.create("ssl", with(with(base,
                        "cafile", pki.caCert.toString()), "ca-certs", pki.caCert.toString()))).getMessage());
        String missing = pki.dir.resolve("nope.pem").toString();
        assertEquals("certfile " + missing + ": no such file", assertThrows(SslConfigurationException.class,
                () -> Authenticators.create("ssl", Map.of("certfile", missing))).getMessage());
        assertEquals("a TLS server needs its certificate and key: give certfile and keyfile (or a keystore)",
                assertThrows(SslConfigurationException.class, () -> Authenticators.create("ssl", Map.of())).getMessage());
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        var m = new java.util.HashMap<>(base);
        m.put(key, value);
        return m;
    }

    @Test
    void clientAuthParsesPythonsSpellings() {
        assertEquals(ClientAuth.NONE, ClientAuth.parse("CERT_NONE"));
        assertEquals(ClientAuth.OPTIONAL, ClientAuth.parse("ssl.cert_optional"));
        assertEquals(ClientAuth.REQUIRED, ClientAuth.parse("2"));
        assertEquals(ClientAuth.REQUIRED, ClientAuth.parse(" Required "));
    }

    @Test
    void credentialsNameTheSubjectAndItsCommonName() {
        assertEquals("alice, the first", SslCredentials.attribute("CN=alice\\, the first,O=Example", "CN").orElseThrow());
        assertEquals("Example", SslCredentials.attribute("CN=alice,O=Example", "O").orElseThrow());
        assertEquals("bob", SslCredentials.attribute("UID=7+CN=bob,O=x", "CN").orElseThrow());
        assertTrue(SslCredentials.attribute("O=Example", "CN").isEmpty());
        assertEquals(null, SslAuthenticator.describeForeign(new byte[] {0x16, 0x03, 0x03, 0x01, 0x00}));
        assertEquals("plain (unencrypted) RPyC: is the client using ssl_connect?",
                SslAuthenticator.describeForeign(new byte[] {0, 0, 0, 42, 0}));
        assertEquals("an SSH client's greeting", SslAuthenticator.describeForeign("SSH-2".getBytes()));
    }
}
