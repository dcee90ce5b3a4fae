package org.rpyc4j.auth.ssl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.annotation.Nullable;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;

/**
 * What servers and clients share to set TLS up: loading the own certificate and key (PEM or keystore) into key
 * managers, the trusted CAs into trust managers, and checking protocols and cipher suites. Every failure is an
 * {@link SslConfigurationException} naming the option and the file.
 */
final class TlsSetup {
    /** The protocols rpyc4j speaks, preferred first. */
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private TlsSetup() {
    }

    // ------------------------------------------------------------------ protocols and suites

    /**
     * {@code requested} as JSSE names, preferred first ({@link #PROTOCOLS} when empty). Accepts {@code TLSv1.2},
     * {@code TLSv1_2}, {@code PROTOCOL_TLSv1_2}, {@code 1.2}, ignoring case.
     *
     * @throws SslConfigurationException on anything but TLS 1.2 and 1.3
     */
    static List<String> protocols(List<String> requested) {
        if (requested.isEmpty()) {
            return PROTOCOLS;
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String p : requested) {
            String t = p.strip().toUpperCase(Locale.ROOT).replace('_', '.');
            t = t.startsWith("PROTOCOL.") ? t.substring("PROTOCOL.".length()) : t;
            t = t.startsWith("TLSV") ? t.substring(4) : t;
            switch (t) {
                case "1.2" -> wanted.add("TLSv1.2");
                case "1.3" -> wanted.add("TLSv1.3");
                default -> throw new SslConfigurationException("protocols: '" + p
                        + "' is not supported; rpyc4j speaks TLSv1.2 and TLSv1.3 only");
            }
        }
        return PROTOCOLS.stream().filter(wanted::contains).toList();
    }

    /** The suites to enable (see {@link CipherSuites#resolve}). */
    static List<String> cipherSuites(List<String> requested, List<String> protocols, SSLContext context) {
        Set<String> supported = Set.of(context.getSupportedSSLParameters().getCipherSuites());
        return CipherSuites.resolve(requested, protocols, supported);
    }

    static SSLContext context(@Nullable KeyManager[] keys, @Nullable TrustManager[] trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new SslConfigurationException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ own certificate and key

    /**
     * Key managers presenting the certificate chain of {@code certfile} with the key of {@code keyfile} (or the
     * key in {@code certfile} itself when {@code keyfile} is null), or the key entries of {@code keystore};
     * {@code null} when neither is given.
     *
     * @param who whose identity, for messages and warnings ({@code "server"}, {@code "client"})
     */
    static @Nullable KeyManager[] keyManagers(String who, @Nullable Path keyfile, @Nullable Path certfile,
            @Nullable Path keystore, @Nullable String password, @Nullable String type, Logger log) {
        if (keystore != null) {
            if (password == null) {
                throw new SslConfigurationException("keystore " + keystore + ": a keystore password is needed to read its key");
            }
            KeyStore store = loadKeyStore("keystore", keystore, password, type);
            List<X509Certificate> leaves = new ArrayList<>();
            try {
                for (String alias : Collections.list(store.aliases())) {
                    if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate leaf) {
                        leaves.add(leaf);
                    }
                }
            } catch (GeneralSecurityException e) {
                throw new SslConfigurationException("keystore " + keystore + ": cannot be read: " + e.getMessage(), e);
            }
            if (leaves.isEmpty()) {
                throw new SslConfigurationException("keystore " + keystore + ": holds no private key with a certificate");
            }
            leaves.forEach(leaf -> warnIfNotValidNow(who, "keystore " + keystore, leaf, log));
            return keyManagers(store, password.toCharArray(), "keystore " + keystore);
        }
        if (certfile == null) {
            if (keyfile != null) {
                throw new SslConfigurationException("keyfile " + keyfile + " is given without a certfile");
            }
            return null;
        }
        List<X509Certificate> chain = prefixed("certfile", () -> Pem.readCertificates(certfile));
        PrivateKey key = keyfile != null ? prefixed("keyfile", () -> Pem.readPrivateKey(keyfile))
                : prefixed("certfile", () -> Pem.findPrivateKey(certfile)).orElseThrow(() -> new SslConfigurationException(
                        "certfile " + certfile + ": holds no private key, and no keyfile is given"));
        checkKeyMatches(key, chain, keyfile != null ? "keyfile " + keyfile : "the key in certfile " + certfile,
                certfile);
        warnIfNotValidNow(who, "certfile " + certfile, chain.getFirst(), log);
        try {
            char[] inMemory = "rpyc4j".toCharArray();   // protects nothing: the store never leaves memory
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(who, key, inMemory, chain.toArray(Certificate[]::new));
            return keyManagers(store, inMemory, "certfile " + certfile);
        } catch (GeneralSecurityException | IOException e) {
            throw new SslConfigurationException("certfile " + certfile + ": cannot use the certificate and key: "
                    + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(KeyStore store, char[] password, String what) {
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance("PKIX");
            factory.init(store, password);
            return factory.getKeyManagers();
        } catch (UnrecoverableKeyException e) {
            throw new SslConfigurationException(what + ": the key cannot be recovered with this password", e);
        } catch (GeneralSecurityException e) {
            throw new SslConfigurationException(what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Fails unless {@code key} is the private key of the first certificate of {@code chain}: it signs a random
     * challenge that the certificate's public key must verify.
     */
    static void checkKeyMatches(PrivateKey key, List<X509Certificate> chain, String keyWhat, Path certfile) {
        X509Certificate leaf = chain.getFirst();
        if (matches(key, leaf.getPublicKey())) {
            return;
        }
        for (int i = 1; i < chain.size(); i++) {
            if (matches(key, chain.get(i).getPublicKey())) {
                throw new SslConfigurationException("certfile " + certfile + ": the certificate of " + keyWhat
                        + " must come first, but it is number " + (i + 1) + " ("
                        + chain.get(i).getSubjectX500Principal().getName() + ")");
            }
        }
        String keyFamily = family(key.getAlgorithm());
        String certFamily = family(leaf.getPublicKey().getAlgorithm());
        throw new SslConfigurationException(keyWhat + " does not match the certificate in certfile " + certfile
                + " (" + leaf.getSubjectX500Principal().getName() + ")"
                + (keyFamily.equals(certFamily) ? ": it is the key of another certificate"
                : ": it is an " + keyFamily + " key, the certificate's key is " + certFamily));
    }

    private static boolean matches(PrivateKey key, PublicKey publicKey) {
        String family = family(key.getAlgorithm());
        if (!family.equals(family(publicKey.getAlgorithm()))) {
            return false;
        }
        try {
            Signature signer = signature(family);
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signed = signer.sign();
            Signature verifier = signature(family);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signed);
        } catch (GeneralSecurityException e) {
            return false;   // e.g. an EC key of another curve
        }
    }

    private static Signature signature(String family) throws GeneralSecurityException {
        return switch (family) {
            case "RSA" -> Signature.getInstance("SHA256withRSA");
            case "EC" -> Signature.getInstance("SHA256withECDSA");
            case "EdDSA" -> Signature.getInstance("EdDSA");
            case "DSA" -> Signature.getInstance("SHA256withDSA");
            case "RSASSA-PSS" -> {
                Signature s = Signature.getInstance("RSASSA-PSS");
                s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                yield s;
            }
            default -> throw new GeneralSecurityException("no signature for " + family);
        };
    }

    private static String family(String algorithm) {
        return switch (algorithm) {
            case "Ed25519", "Ed448", "EdDSA" -> "EdDSA";
            default -> algorithm;
        };
    }

    private static void warnIfNotValidNow(String who, String where, X509Certificate certificate, Logger log) {
        try {
            certificate.checkValidity();
        } catch (CertificateExpiredException e) {
            log.warn("{}: the {} certificate ({}) expired on {}; peers that verify it will refuse the connection",
                    where, who, certificate.getSubjectX500Principal().getName(), certificate.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            log.warn("{}: the {} certificate ({}) is not valid before {}; peers that verify it will refuse the connection",
                    where, who, certificate.getSubjectX500Principal().getName(), certificate.getNotBefore().toInstant());
        }
    }

    // ------------------------------------------------------------------ trusted certificates

    /**
     * Trust managers trusting the certificates of {@code cafile} and the trusted entries of {@code truststore};
     * {@code null} (the JVM's default CAs) when neither is given.
     */
    static @Nullable TrustManager[] trustManagers(@Nullable Path cafile, @Nullable Path truststore,
            @Nullable String password, @Nullable String type) {
        if (cafile == null && truststore == null) {
            return null;
        }
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            int count = 0;
            if (cafile != null) {
                for (X509Certificate ca : prefixed("cafile", () -> Pem.readCertificates(cafile))) {
                    anchors.setCertificateEntry("cafile-" + count++, ca);
                }
            }
            if (truststore != null) {
                KeyStore store = loadKeyStore("truststore", truststore, password, type);
                int before = count;
                for (String alias : Collections.list(store.aliases())) {
                    if (store.isCertificateEntry(alias)) {
                        anchors.setCertificateEntry("truststore-" + count++, store.getCertificate(alias));
                    }
                }
                if (count == before) {
                    throw new SslConfigurationException("truststore " + truststore + ": holds no trusted certificate "
                            + "(import CA certificates with keytool -importcert)");
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(anchors);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new SslConfigurationException("cannot set up the trusted certificates: " + e.getMessage(), e);
        }
    }

    private static KeyStore loadKeyStore(String option, Path file, @Nullable String password, @Nullable String type) {
        char[] pw = password == null ? null : password.toCharArray();
        try {
            if (type == null) {
                if (!Files.isRegularFile(file)) {
                    throw new NoSuchFileException(file.toString());
                }
                return KeyStore.getInstance(file.toFile(), pw);   // PKCS#12 or JKS, told apart by content
            }
            KeyStore store = KeyStore.getInstance(type);
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, pw);
            }
            return store;
        } catch (NoSuchFileException e) {
            throw new SslConfigurationException(option + " " + file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new SslConfigurationException(option + " " + file + ": permission denied", e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new SslConfigurationException(option + " " + file + ": wrong password", e);
            }
            throw new SslConfigurationException(option + " " + file + ": cannot be read as a keystore: " + e.getMessage(), e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SslConfigurationException(option + " " + file + ": cannot be read as a keystore"
                    + (type != null ? " of type " + type : "") + ": " + e.getMessage(), e);
        }
    }

    /** Runs {@code read}, putting {@code option} before the message of what it throws: "keyfile /x: ...". */
    private static <T> T prefixed(String option, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (SslConfigurationException e) {
            throw new SslConfigurationException(option + " " + e.getMessage(), e.getCause());
        }
    }
}
