package org.rpyc4j.auth.ssl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Certificates and keys for the tests, made by openssl (and keytool for JKS) in a temporary folder when first
 * asked for and deleted when the JVM exits; no private key is ever committed. Server certificates name
 * 127.0.0.1 and localhost.
 */
final class TestPki {
    static final String PASSWORD = "changeit";

    private static TestPki shared;

    final Path dir;
    private final AtomicInteger serial = new AtomicInteger(1000);

    // the root CA, an intermediate CA, and an unrelated CA
    final Path caKey;
    final Path caCert;
    final Path intermediateKey;
    final Path intermediateCert;
    final Path otherCaKey;
    final Path otherCaCert;

    // server identities, all for 127.0.0.1/localhost unless said otherwise
    final Path serverKey;          // PKCS#8 RSA
    final Path serverCert;
    final Path serverKeyPkcs1;     // PKCS#1 RSA
    final Path serverCertPkcs1;
    final Path serverKeySec1;      // SEC1 EC with the EC PARAMETERS block before it
    final Path serverCertSec1;
    final Path serverKeySec1Bare;  // SEC1 EC alone
    final Path serverCertSec1Bare;
    final Path serverKeyEd25519;   // PKCS#8 Ed25519
    final Path serverCertEd25519;
    final Path chainKey;           // signed by the intermediate; certfile holds leaf + intermediate
    final Path chainCert;
    final Path combined;           // certificate and key in one file
    final Path otherHostKey;       // names other.example only
    final Path otherHostCert;
    final Path expiredServerKey;   // valid 2020-01-01 .. 2020-01-02
    final Path expiredServerCert;
    final Path serverP12;          // PKCS#12 of serverKey + serverCert, password PASSWORD
    final Path serverJks;          // the same as JKS
    final Path truststoreP12;      // the root CA as a trusted entry

    // client identities
    final Path clientKey;          // CN=alice, signed by the root CA
    final Path clientCert;
    final Path expiredClientKey;
    final Path expiredClientCert;
    final Path strangerKey;        // CN=mallory, self-signed
    final Path strangerCert;
    final Path otherCaClientKey;   // CN=eve, signed by the other CA
    final Path otherCaClientCert;

    // keys that cannot be used
    final Path encryptedKey;       // PKCS#8 ENCRYPTED PRIVATE KEY
    final Path encryptedKeyPkcs1;  // RSA PRIVATE KEY with Proc-Type: 4,ENCRYPTED

    /** The PKI of this JVM, made on first use; skips the calling test when openssl is missing. */
    static synchronized TestPki shared() {
        if (shared == null) {
            Assumptions.assumeTrue(opensslAvailable(), "openssl is needed to make the test certificates");
            try {
                Path dir = Files.createTempDirectory("rpyc4j-ssl-test-pki-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir), "rpyc4j-delete-test-pki"));
                shared = new TestPki(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    private TestPki(Path dir) throws IOException {
        this.dir = dir;
        Files.writeString(dir.resolve("ext.cnf"), """
                [req]
                distinguished_name = dn
                [dn]
                [ca]
                basicConstraints = critical, CA:TRUE
                keyUsage = critical, keyCertSign, cRLSign
                subjectKeyIdentifier = hash
                [intermediate]
                basicConstraints = critical, CA:TRUE, pathlen:0
                keyUsage = critical, keyCertSign, cRLSign
                subjectKeyIdentifier = hash
                authorityKeyIdentifier = keyid
                [server]
                basicConstraints = critical, CA:FALSE
                keyUsage = critical, digitalSignature, keyEncipherment
                extendedKeyUsage = serverAuth
                subjectAltName = IP:127.0.0.1, DNS:localhost
                subjectKeyIdentifier = hash
                authorityKeyIdentifier = keyid
                [otherhost]
                basicConstraints = critical, CA:FALSE
                keyUsage = critical, digitalSignature, keyEncipherment
                extendedKeyUsage = serverAuth
                subjectAltName = DNS:other.example
                subjectKeyIdentifier = hash
                authorityKeyIdentifier = keyid
                [client]
                basicConstraints = critical, CA:FALSE
                keyUsage = critical, digitalSignature, keyEncipherment
                extendedKeyUsage = clientAuth
                subjectKeyIdentifier = hash
                authorityKeyIdentifier = keyid
                [selfsigned]
                basicConstraints = critical, CA:FALSE
                keyUsage = critical, digitalSignature, keyEncipherment
                extendedKeyUsage = clientAuth, serverAuth
                subjectAltName = IP:127.0.0.1, DNS:localhost
                subjectKeyIdentifier = hash
                """);
        caKey = file("ca.key");
        caCert = file("ca.pem");
        selfSigned(caKey, caCert, "/O=rpyc4j tests/CN=rpyc4j test CA", "ca");
        otherCaKey = file("other-ca.key");
        otherCaCert = file("other-ca.pem");
        selfSigned(otherCaKey, otherCaCert, "/O=elsewhere/CN=other CA", "ca");
        intermediateKey = file("intermediate.key");
        intermediateCert = file("intermediate.pem");
        rsaPkcs8(intermediateKey);
        sign(intermediateKey, intermediateCert, "/O=rpyc4j tests/CN=rpyc4j intermediate CA", "intermediate", caKey, caCert);

        serverKey = file("server.key");
        serverCert = file("server.pem");
        rsaPkcs8(serverKey);
        sign(serverKey, serverCert, "/O=rpyc4j tests/CN=localhost", "server", caKey, caCert);

        serverKeyPkcs1 = file("server-pkcs1.key");
        serverCertPkcs1 = file("server-pkcs1.pem");
        openssl("genrsa", "-traditional", "-out", serverKeyPkcs1.toString(), "2048");
        sign(serverKeyPkcs1, serverCertPkcs1, "/O=rpyc4j tests/CN=localhost (pkcs1)", "server", caKey, caCert);

        serverKeySec1 = file("server-sec1.key");
        serverCertSec1 = file("server-sec1.pem");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", serverKeySec1.toString());
        sign(serverKeySec1, serverCertSec1, "/O=rpyc4j tests/CN=localhost (sec1)", "server", caKey, caCert);

        serverKeySec1Bare = file("server-sec1-bare.key");
        serverCertSec1Bare = file("server-sec1-bare.pem");
        openssl("ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", serverKeySec1Bare.toString());
        sign(serverKeySec1Bare, serverCertSec1Bare, "/O=rpyc4j tests/CN=localhost (sec1, p384)", "server", caKey, caCert);

        serverKeyEd25519 = file("server-ed25519.key");
        serverCertEd25519 = file("server-ed25519.pem");
        openssl("genpkey", "-algorithm", "ed25519", "-out", serverKeyEd25519.toString());
        sign(serverKeyEd25519, serverCertEd25519, "/O=rpyc4j tests/CN=localhost (ed25519)", "server", caKey, caCert);

        chainKey = file("chain.key");
        Path chainLeaf = file("chain-leaf.pem");
        rsaPkcs8(chainKey);
        sign(chainKey, chainLeaf, "/O=rpyc4j tests/CN=localhost (via intermediate)", "server", intermediateKey,
                intermediateCert);
        chainCert = file("chain.pem");
        Files.writeString(chainCert, Files.readString(chainLeaf) + Files.readString(intermediateCert));

        combined = file("combined.pem");
        Files.writeString(combined, Files.readString(serverCert) + Files.readString(serverKey));

        otherHostKey = file("other-host.key");
        otherHostCert = file("other-host.pem");
        rsaPkcs8(otherHostKey);
        sign(otherHostKey, otherHostCert, "/O=rpyc4j tests/CN=other.example", "otherhost", caKey, caCert);

        expiredServerKey = file("expired-server.key");
        expiredServerCert = file("expired-server.pem");
        rsaPkcs8(expiredServerKey);
        signExpired(expiredServerKey, expiredServerCert, "/O=rpyc4j tests/CN=localhost (expired)", "server");

        clientKey = file("client.key");
        clientCert = file("client.pem");
        rsaPkcs8(clientKey);
        sign(clientKey, clientCert, "/O=rpyc4j tests/CN=alice", "client", caKey, caCert);

        expiredClientKey = file("expired-client.key");
        expiredClientCert = file("expired-client.pem");
        rsaPkcs8(expiredClientKey);
        signExpired(expiredClientKey, expiredClientCert, "/O=rpyc4j tests/CN=old alice", "client");

        strangerKey = file("stranger.key");
        strangerCert = file("stranger.pem");
        selfSigned(strangerKey, strangerCert, "/O=nobody/CN=mallory", "selfsigned");

        otherCaClientKey = file("other-ca-client.key");
        otherCaClientCert = file("other-ca-client.pem");
        rsaPkcs8(otherCaClientKey);
        sign(otherCaClientKey, otherCaClientCert, "/O=elsewhere/CN=eve", "client", otherCaKey, otherCaCert);

        serverP12 = file("server.p12");
        openssl("pkcs12", "-export", "-inkey", serverKey.toString(), "-in", serverCert.toString(), "-name", "server",
                "-out", serverP12.toString(), "-passout", "pass:" + PASSWORD);
        serverJks = file("server.jks");
        keytool("-importkeystore", "-srckeystore", serverP12.toString(), "-srcstoretype", "PKCS12", "-srcstorepass",
                PASSWORD, "-destkeystore", serverJks.toString(), "-deststoretype", "JKS", "-deststorepass", PASSWORD);
        truststoreP12 = file("truststore.p12");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caCert.toString(), "-keystore",
                truststoreP12.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);

        encryptedKey = file("encrypted.key");
        openssl("pkey", "-in", serverKey.toString(), "-aes256", "-passout", "pass:secret", "-out", encryptedKey.toString());
        encryptedKeyPkcs1 = file("encrypted-pkcs1.key");
        openssl("rsa", "-in", serverKeyPkcs1.toString(), "-traditional", "-aes256", "-passout", "pass:secret", "-out",
                encryptedKeyPkcs1.toString());
    }

    private Path file(String name) {
        return dir.resolve(name);
    }

    private void rsaPkcs8(Path key) {
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key.toString());
    }

    private void selfSigned(Path key, Path cert, String subject, String extensions) {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", cert.toString(),
                "-days", "30", "-subj", subject, "-config", dir.resolve("ext.cnf").toString(), "-extensions",
                extensions, "-set_serial", Integer.toString(serial.incrementAndGet()));
    }

    /** Signs a certificate for the existing {@code key} with the CA {@code caKey}/{@code caCert}, valid 30 days. */
    private void sign(Path key, Path cert, String subject, String extensions, Path caKey, Path caCert) {
        Path csr = dir.resolve(cert.getFileName() + ".csr");
        openssl("req", "-new", "-key", key.toString(), "-out", csr.toString(), "-subj", subject);
        openssl("x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                "-set_serial", Integer.toString(serial.incrementAndGet()), "-days", "30", "-out", cert.toString(),
                "-extfile", dir.resolve("ext.cnf").toString(), "-extensions", extensions);
    }

    /** Signs with the root CA a certificate that was valid only on 2020-01-01 (openssl ca sets past dates). */
    private void signExpired(Path key, Path cert, String subject, String extensions) throws IOException {
        Path db = Files.createDirectories(dir.resolve("ca-db"));
        if (!Files.exists(db.resolve("index.txt"))) {
            Files.writeString(db.resolve("index.txt"), "");
            Files.writeString(db.resolve("serial"), "5000\n");
            Files.writeString(dir.resolve("ca.cnf"), """
                    [ca]
                    default_ca = test_ca
                    [test_ca]
                    database = %1$s/index.txt
                    new_certs_dir = %1$s
                    serial = %1$s/serial
                    default_md = sha256
                    policy = anything
                    unique_subject = no
                    [anything]
                    organizationName = optional
                    commonName = supplied
                    """.formatted(db));
        }
        Path csr = dir.resolve(cert.getFileName() + ".csr");
        openssl("req", "-new", "-key", key.toString(), "-out", csr.toString(), "-subj", subject);
        openssl("ca", "-batch", "-config", dir.resolve("ca.cnf").toString(), "-cert", caCert.toString(), "-keyfile",
                caKey.toString(), "-in", csr.toString(), "-out", cert.toString(), "-startdate", "20200101000000Z",
                "-enddate", "20200102000000Z", "-notext", "-extfile", dir.resolve("ext.cnf").toString(),
                "-extensions", extensions);
    }

    static void openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        run(command);
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        run(command);
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " timed out");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                        + "):\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.getFirst(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command.getFirst(), e);
        }
    }

    private static boolean opensslAvailable() {
        try {
            Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort at exit
        }
    }
}
