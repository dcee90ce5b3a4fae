package org.rpyc4j.auth.ssl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys and certificates as openssl writes them: every format rpyc users have, and clear errors for the rest. */
class PemTest {
    static TestPki pki;

    @TempDir
    Path tmp;

    @BeforeAll
    static void pki() {
        pki = TestPki.shared();
    }

    @Test
    void readsPkcs8Pkcs1AndSec1Keys() throws Exception {
        assertEquals("RSA", Pem.readPrivateKey(pki.serverKey).getAlgorithm());
        assertTrue(Files.readString(pki.serverKeyPkcs1).contains("BEGIN RSA PRIVATE KEY"));
        PrivateKey pkcs1 = Pem.readPrivateKey(pki.serverKeyPkcs1);
        assertTrue(pkcs1 instanceof RSAPrivateCrtKey, pkcs1::toString);
        String sec1 = Files.readString(pki.serverKeySec1);
        assertTrue(sec1.contains("BEGIN EC PARAMETERS") && sec1.contains("BEGIN EC PRIVATE KEY"), sec1);
        assertTrue(Pem.readPrivateKey(pki.serverKeySec1) instanceof ECPrivateKey);
        ECPrivateKey bare = (ECPrivateKey) Pem.readPrivateKey(pki.serverKeySec1Bare);
        assertEquals(384, bare.getParams().getCurve().getField().getFieldSize());
        assertEquals("EdDSA", Pem.readPrivateKey(pki.serverKeyEd25519).getAlgorithm());
    }

    @Test
    void pkcs1AndSec1KeysEqualWhatOpensslConvertsThemTo() throws Exception {
        for (Path key : List.of(pki.serverKeyPkcs1, pki.serverKeySec1, pki.serverKeySec1Bare)) {
            Path converted = tmp.resolve(key.getFileName() + ".pkcs8");
            TestPki.openssl("pkey", "-in", key.toString(), "-out", converted.toString());
            assertTrue(Files.readString(converted).contains("BEGIN PRIVATE KEY"));
            PrivateKey ours = Pem.readPrivateKey(key);
            PrivateKey theirs = Pem.readPrivateKey(converted);
            if (ours instanceof ECPrivateKey ec) {
                assertEquals(((ECPrivateKey) theirs).getS(), ec.getS(), key::toString);
                assertEquals(((ECPrivateKey) theirs).getParams().toString(), ec.getParams().toString());
            } else {
                assertArrayEquals(theirs.getEncoded(), ours.getEncoded(), key::toString);
            }
        }
    }

    @Test
    void readsACertificateAChainAndIgnoresTextAroundBlocks() throws Exception {
        List<X509Certificate> chain = Pem.readCertificates(pki.chainCert);
        assertEquals(2, chain.size());
        assertTrue(chain.get(0).getSubjectX500Principal().getName().contains("via intermediate"));
        assertTrue(chain.get(1).getSubjectX500Principal().getName().contains("intermediate CA"));

        Path text = tmp.resolve("with-text.pem");
        TestPki.openssl("x509", "-in", pki.serverCert.toString(), "-text", "-out", text.toString());
        assertTrue(Files.readString(text).startsWith("Certificate:"));
        assertEquals(Pem.readCertificates(pki.serverCert), Pem.readCertificates(text));

        // a certificate file holding the key too (load_cert_chain allows it)
        assertEquals(1, Pem.readCertificates(pki.combined).size());
        assertTrue(Pem.findPrivateKey(pki.combined).isPresent());
        assertTrue(Pem.findPrivateKey(pki.serverCert).isEmpty());
    }

    @Test
    void crlfLineEndingsAreRead() throws Exception {
        Path crlf = tmp.resolve("crlf.key");
        Files.writeString(crlf, Files.readString(pki.serverKeyPkcs1).replace("\n", "\r\n"));
        assertEquals("RSA", Pem.readPrivateKey(crlf).getAlgorithm());
    }

    @Test
    void encryptedKeysAreRefusedSayingHowToDecryptThem() {
        for (Path key : List.of(pki.encryptedKey, pki.encryptedKeyPkcs1)) {
            SslConfigurationException e = assertThrows(SslConfigurationException.class, () -> Pem.readPrivateKey(key));
            assertTrue(e.getMessage().startsWith(key + ": the private key is encrypted"), e::getMessage);
            assertTrue(e.getMessage().contains("openssl pkey -in " + key), e::getMessage);
        }
    }

    @Test
    void filesWithoutWhatIsAskedForAreNamedInTheMessage() throws Exception {
        SslConfigurationException noKey = assertThrows(SslConfigurationException.class,
                () -> Pem.readPrivateKey(pki.serverCert));
        assertEquals(pki.serverCert + ": no private key in it (found CERTIFICATE); expected a PEM block PRIVATE KEY "
                + "(PKCS#8), RSA PRIVATE KEY (PKCS#1) or EC PRIVATE KEY (SEC1)", noKey.getMessage());

        SslConfigurationException noCert = assertThrows(SslConfigurationException.class,
                () -> Pem.readCertificates(pki.serverKey));
        assertEquals(pki.serverKey + ": no certificate in it (found PRIVATE KEY); expected a PEM block "
                + "-----BEGIN CERTIFICATE-----", noCert.getMessage());

        Path missing = tmp.resolve("missing.pem");
        assertEquals(missing + ": no such file",
                assertThrows(SslConfigurationException.class, () -> Pem.readCertificates(missing)).getMessage());

        Path der = tmp.resolve("server.der");
        TestPki.openssl("x509", "-in", pki.serverCert.toString(), "-outform", "der", "-out", der.toString());
        String derMessage = assertThrows(SslConfigurationException.class, () -> Pem.readCertificates(der)).getMessage();
        assertTrue(derMessage.startsWith(der + ": not a PEM file") && derMessage.contains("DER?"), derMessage);

        Path broken = tmp.resolve("broken.pem");
        Files.writeString(broken, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        assertTrue(assertThrows(SslConfigurationException.class, () -> Pem.readCertificates(broken)).getMessage()
                .startsWith(broken + ": certificate 1 does not parse"));

        Path twoKeys = tmp.resolve("two.key");
        Files.writeString(twoKeys, Files.readString(pki.serverKey) + Files.readString(pki.clientKey));
        assertEquals(twoKeys + ": more than one private key in it",
                assertThrows(SslConfigurationException.class, () -> Pem.readPrivateKey(twoKeys)).getMessage());
    }

    @Test
    void derWriterAndReaderAgree() throws Exception {
        byte[] oid = Der.oid("1.2.840.10045.2.1");
        assertEquals("06072a8648ce3d0201", HexFormat.of().formatHex(oid));
        assertEquals("1.2.840.10045.2.1", Der.Reader.of(oid).next().oid());
        assertEquals("1.3.132.0.34", Der.Reader.of(Der.oid("1.3.132.0.34")).next().oid());
        byte[] big = new byte[300];
        byte[] element = Der.octetString(big);
        assertEquals("0482012c", HexFormat.of().formatHex(element, 0, 4));
        assertEquals(300, Der.Reader.of(element).next(Der.OCTET_STRING).value().length);
        Der.Reader seq = Der.Reader.of(Der.sequence(Der.integer(0), Der.nullValue())).next(Der.SEQUENCE).children();
        assertEquals(0, seq.next().intValue());
        assertEquals(Der.NULL, seq.next().tag());
        assertThrows(Der.DerException.class, () -> Der.Reader.of(new byte[] {0x30, 0x05, 0x02}).next());
    }
}
