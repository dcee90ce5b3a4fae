package org.rpyc4j.auth.ssl;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rpyc4j.api.Authenticator;
import org.rpyc4j.spi.auth.AuthenticatorOptions;
import org.rpyc4j.spi.auth.AuthenticatorProvider;

/**
 * The {@code ssl} authenticator for {@link org.rpyc4j.spi.auth.Authenticators}: an {@link SslAuthenticator}
 * from text options named like rpyc_classic's switches without their {@code --ssl-} prefix
 * ({@code --ssl-keyfile K} is {@code keyfile=K}), plus the {@link SslOptions} a Java user may want.
 */
public final class SslAuthenticatorProvider implements AuthenticatorProvider {
    private static final Map<String, String> OPTIONS = describeOptions();

    /** For {@link java.util.ServiceLoader}. */
    public SslAuthenticatorProvider() {
    }

    @Override
    public String name() {
        return "ssl";
    }

    @Override
    public String description() {
        return "TLS 1.2/1.3 with X.509 certificates, rpyc's SSLAuthenticator: client certificates required when a CA is given";
    }

    @Override
    public Map<String, String> options() {
        return OPTIONS;
    }

    /**
     * An {@link SslAuthenticator}; the files are read now.
     *
     * @throws IllegalArgumentException (an {@link SslConfigurationException} for files and TLS settings) naming
     *     the option or file that is wrong
     */
    @Override
    public Authenticator create(AuthenticatorOptions options) {
        return new SslAuthenticator(toSslOptions(options));
    }

    /** The {@link SslOptions} the text options stand for. */
    public static SslOptions toSslOptions(AuthenticatorOptions o) {
        SslOptions.Builder b = SslOptions.builder()
                .keyfile(o.path("keyfile").orElse(null))
                .certfile(o.path("certfile").orElse(null))
                .cafile(o.path("cafile").or(() -> o.path("ca-certs")).orElse(null))
                .keystore(o.path("keystore").orElse(null), o.get("keystore-password").orElse(null))
                .keystoreType(o.get("keystore-type").orElse(null))
                .truststore(o.path("truststore").orElse(null), o.get("truststore-password").orElse(null))
                .truststoreType(o.get("truststore-type").orElse(null))
                .protocols(o.list("protocols"))
                .ciphers(o.get("ciphers").map(CipherSuites::split).orElse(java.util.List.of()));
        if (o.has("cafile") && o.has("ca-certs")) {
            throw new IllegalArgumentException("option 'ca-certs' is another name of 'cafile': give one of them");
        }
        o.get("cert-reqs").ifPresent(v -> {
            try {
                b.clientAuth(ClientAuth.parse(v));
            } catch (IllegalArgumentException e) {
                throw AuthenticatorOptions.invalid("cert-reqs", v, e.getMessage());
            }
        });
        o.duration("handshake-timeout").ifPresent(b::handshakeTimeout);
        return b.build();
    }

    private static Map<String, String> describeOptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("keyfile", "the server's private key, PEM (PKCS#8, PKCS#1 or SEC1); unset: read from certfile");
        m.put("certfile", "the server's certificate, or its chain leaf first, PEM");
        m.put("cafile", "PEM certificates of the CAs client certificates must be signed by; given, clients must present one");
        m.put("ca-certs", "another name of cafile (rpyc's ca_certs)");
        m.put("cert-reqs", "none, optional or required: whether clients must present a certificate (default: required with a CA)");
        m.put("protocols", "TLSv1.2 and/or TLSv1.3, comma separated (default: both)");
        m.put("ciphers", "cipher suites by OpenSSL or IANA name, colon or comma separated (default: forward-secret AEAD suites)");
        m.put("handshake-timeout", "seconds a client may take to complete the handshake (default: 10)");
        m.put("keystore", "a PKCS#12 or JKS keystore with the server's key and certificate, instead of keyfile and certfile");
        m.put("keystore-password", "the keystore's password");
        m.put("keystore-type", "PKCS12 or JKS (default: told from the content)");
        m.put("truststore", "a keystore of CA certificates for client certificates, with or instead of cafile");
        m.put("truststore-password", "the truststore's password, if any");
        m.put("truststore-type", "PKCS12 or JKS (default: told from the content)");
        return java.util.Collections.unmodifiableMap(m);
    }
}
