package org.rpyc4j.auth.ssl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.annotation.Nullable;

/**
 * Reads certificates and private keys from PEM files as openssl writes them, the files Python's
 * {@code ssl.SSLContext.load_cert_chain} and {@code load_verify_locations} read: certificates (one, a chain,
 * or a CA bundle) and unencrypted private keys in PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY})
 * or SEC1 ({@code EC PRIVATE KEY}, with or without the {@code EC PARAMETERS} block {@code openssl ecparam}
 * writes before it). Text around the blocks (as {@code openssl x509 -text} writes) is ignored. Encrypted keys
 * are refused: rpyc gives Python no password for them either.
 *
 * <p>Failures are {@link SslConfigurationException}s whose message starts with the file's path.
 */
public final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\r?\\n(.*?)-----END \\1-----", Pattern.DOTALL);

    private static final String RSA = "1.2.840.113549.1.1.1";
    private static final String EC = "1.2.840.10045.2.1";
    private static final Map<String, String> KEY_ALGORITHMS = Map.of(
            RSA, "RSA",
            "1.2.840.113549.1.1.10", "RSASSA-PSS",
            EC, "EC",
            "1.3.101.112", "Ed25519",
            "1.3.101.113", "Ed448",
            "1.2.840.10040.4.1", "DSA");

    private Pem() {
    }

    /** One PEM block: its label ({@code CERTIFICATE}, {@code PRIVATE KEY}), its headers and its decoded bytes. */
    private record Block(String label, String headers, byte[] der) {
    }

    // ------------------------------------------------------------------ certificates

    /**
     * Every certificate in {@code file}, in file order (for a chain: the leaf first, as openssl and Python
     * expect it).
     *
     * @throws SslConfigurationException when the file cannot be read or holds no certificate
     */
    public static List<X509Certificate> readCertificates(Path file) {
        return parseCertificates(read(file), file.toString());
    }

    /**
     * Every certificate in the PEM text {@code pem}.
     *
     * @param source names the text in messages (a file's path)
     * @throws SslConfigurationException when it holds no certificate or a certificate does not parse
     */
    public static List<X509Certificate> parseCertificates(String pem, String source) {
        List<Block> blocks = blocks(pem, source);
        List<X509Certificate> certificates = new ArrayList<>();
        CertificateFactory factory = certificateFactory();
        for (Block block : blocks) {
            if (!block.label().endsWith("CERTIFICATE") || block.label().equals("CERTIFICATE REQUEST")) {
                continue;
            }
            try {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
            } catch (CertificateException e) {
                throw new SslConfigurationException(source + ": certificate " + (certificates.size() + 1)
                        + " does not parse: " + e.getMessage(), e);
            }
        }
        if (certificates.isEmpty()) {
            throw new SslConfigurationException(source + ": no certificate in it (" + found(blocks)
                    + "); expected a PEM block -----BEGIN CERTIFICATE-----");
        }
        return List.copyOf(certificates);
    }

    // ------------------------------------------------------------------ private keys

    /**
     * The private key in {@code file}.
     *
     * @throws SslConfigurationException when the file cannot be read, holds no private key, more than one, an
     *     encrypted one, or one that does not parse
     */
    public static PrivateKey readPrivateKey(Path file) {
        return parsePrivateKey(read(file), file.toString());
    }

    /**
     * The private key in the PEM text {@code pem}.
     *
     * @param source names the text in messages (a file's path)
     * @throws SslConfigurationException as {@link #readPrivateKey(Path)}
     */
    public static PrivateKey parsePrivateKey(String pem, String source) {
        List<Block> blocks = blocks(pem, source);
        return findPrivateKey(blocks, source).orElseThrow(() -> new SslConfigurationException(source
                + ": no private key in it (" + found(blocks) + "); expected a PEM block PRIVATE KEY (PKCS#8), "
                + "RSA PRIVATE KEY (PKCS#1) or EC PRIVATE KEY (SEC1)"));
    }

    /**
     * The private key in {@code file}, if it has one (a certificate file may hold the key too, as
     * {@code load_cert_chain} allows).
     *
     * @throws SslConfigurationException when the file cannot be read, or its key is unusable
     */
    public static Optional<PrivateKey> findPrivateKey(Path file) {
        String source = file.toString();
        return findPrivateKey(blocks(read(file), source), source);
    }

    private static Optional<PrivateKey> findPrivateKey(List<Block> blocks, String source) {
        PrivateKey key = null;
        byte[] curveFromParameters = null;   // an EC PARAMETERS block before a SEC1 key names its curve
        for (Block block : blocks) {
            PrivateKey found = switch (block.label()) {
                case "EC PARAMETERS" -> {
                    curveFromParameters = block.der();
                    yield null;
                }
                case "PRIVATE KEY" -> pkcs8(block.der(), source);
                case "RSA PRIVATE KEY" -> {
                    refuseLegacyEncryption(block, source);
                    yield generate("RSA", rsaToPkcs8(block.der()), source, "RSA PRIVATE KEY (PKCS#1)");
                }
                case "EC PRIVATE KEY" -> {
                    refuseLegacyEncryption(block, source);
                    yield generate("EC", ecToPkcs8(block.der(), curveFromParameters, source), source,
                            "EC PRIVATE KEY (SEC1)");
                }
                case "ENCRYPTED PRIVATE KEY" -> throw encrypted(source);
                case "DSA PRIVATE KEY" -> throw new SslConfigurationException(source
                        + ": DSA keys are not supported (TLS 1.3 has no DSA); use an RSA or EC key");
                case "OPENSSH PRIVATE KEY" -> throw new SslConfigurationException(source
                        + ": an OpenSSH key, not a TLS key; make one with openssl (genpkey, genrsa or ecparam)");
                default -> null;
            };
            if (found != null) {
                if (key != null) {
                    throw new SslConfigurationException(source + ": more than one private key in it");
                }
                key = found;
            }
        }
        return Optional.ofNullable(key);
    }

    private static void refuseLegacyEncryption(Block block, String source) {
        if (block.headers().contains("ENCRYPTED")) {
            throw encrypted(source);
        }
    }

    private static SslConfigurationException encrypted(String source) {
        return new SslConfigurationException(source + ": the private key is encrypted, which is not supported "
                + "(rpyc gives Python no password for it either); decrypt it with: openssl pkey -in " + source
                + " -out <new key file>");
    }

    private static PrivateKey pkcs8(byte[] der, String source) {
        String oid;
        try {
            Der.Reader fields = Der.Reader.of(der).next(Der.SEQUENCE).children();
            fields.next(Der.INTEGER);
            oid = fields.next(Der.SEQUENCE).children().next(Der.OID).oid();
        } catch (Der.DerException e) {
            throw new SslConfigurationException(source + ": the PRIVATE KEY block is not PKCS#8: " + e.getMessage(), e);
        }
        String algorithm = KEY_ALGORITHMS.get(oid);
        if (algorithm == null) {
            throw new SslConfigurationException(source + ": unsupported private key algorithm " + oid
                    + " (supported: RSA, RSASSA-PSS, EC, Ed25519, Ed448)");
        }
        return generate(algorithm, der, source, "PRIVATE KEY (PKCS#8, " + algorithm + ")");
    }

    /** PKCS#1 RSAPrivateKey into PKCS#8: the algorithm rsaEncryption with NULL parameters, the key as is. */
    static byte[] rsaToPkcs8(byte[] pkcs1) {
        return Der.sequence(Der.integer(0), Der.sequence(Der.oid(RSA), Der.nullValue()), Der.octetString(pkcs1));
    }

    /**
     * SEC1 ECPrivateKey into PKCS#8: the algorithm id-ecPublicKey with the key's named curve (from its
     * {@code [0]} field, else from a preceding EC PARAMETERS block), the key as is.
     */
    static byte[] ecToPkcs8(byte[] sec1, @Nullable byte[] parametersBlock, String source) {
        byte[] curve = null;
        try {
            Der.Reader fields = Der.Reader.of(sec1).next(Der.SEQUENCE).children();
            int version = fields.next(Der.INTEGER).intValue();
            if (version != 1) {
                throw new Der.DerException("version " + version + ", expected 1");
            }
            fields.next(Der.OCTET_STRING);
            while (fields.hasNext()) {
                Der.Element field = fields.next();
                if (field.tag() == Der.CONTEXT_0) {
                    curve = field.children().next().encoded();
                }
            }
            if (curve == null && parametersBlock != null) {
                curve = Der.Reader.of(parametersBlock).next().encoded();
            }
        } catch (Der.DerException e) {
            throw new SslConfigurationException(source + ": the EC PRIVATE KEY block is not SEC1: " + e.getMessage(), e);
        }
        if (curve == null) {
            throw new SslConfigurationException(source + ": the EC PRIVATE KEY names no curve; convert it with: "
                    + "openssl pkey -in " + source + " -out <new key file>");
        }
        if (curve[0] != Der.OID) {
            throw new SslConfigurationException(source + ": the EC key has explicit curve parameters; only named "
                    + "curves are supported (openssl ecparam -name prime256v1 ...)");
        }
        return Der.sequence(Der.integer(0), Der.sequence(Der.oid(EC), curve), Der.octetString(sec1));
    }

    private static PrivateKey generate(String algorithm, byte[] pkcs8, String source, String what) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SslConfigurationException(source + ": the " + what + " does not parse: " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ PEM text

    /** Reads {@code file} as text; PEM is ASCII. */
    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new SslConfigurationException(file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new SslConfigurationException(file + ": permission denied", e);
        } catch (IOException e) {
            throw new SslConfigurationException(file + ": cannot be read: " + e, e);
        }
    }

    private static List<Block> blocks(String pem, String source) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String body = m.group(2);
            String headers = "";
            int blank = body.indexOf("\n\n") >= 0 ? body.indexOf("\n\n") : body.indexOf("\r\n\r\n");
            if (body.contains(":") && blank >= 0) {   // RFC 1421 headers (Proc-Type, DEK-Info), then a blank line
                headers = body.substring(0, blank);
                body = body.substring(blank);
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(body.replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw new SslConfigurationException(source + ": the " + m.group(1) + " block is not valid base64", e);
            }
            blocks.add(new Block(m.group(1), headers, der));
        }
        if (blocks.isEmpty()) {
            boolean binary = pem.chars().limit(64).anyMatch(c -> c < 0x09 || c > 0x7e && c < 0xa0);
            throw new SslConfigurationException(source + ": not a PEM file (no -----BEGIN ...----- line)"
                    + (binary ? "; DER? convert it with openssl (x509 -inform der, or pkey -inform der)" : ""));
        }
        return blocks;
    }

    private static String found(List<Block> blocks) {
        return "found " + blocks.stream().map(Block::label).distinct().collect(Collectors.joining(", "));
    }

    private static CertificateFactory certificateFactory() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("this JVM has no X.509 certificate factory", e);
        }
    }
}
