package org.rpyc4j.auth.ssl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The part of {@link SslOptions.Builder} and {@link SslClientOptions.Builder} that sets a {@link TlsEndpoint}:
 * this side's key and certificate, the CAs it trusts, protocols, ciphers and handshake timeout. Each setter
 * returns the concrete builder {@code B}; the fields are left for its {@code build()} to read.
 *
 * @param <B> the concrete builder
 */
abstract class TlsEndpointBuilder<B extends TlsEndpointBuilder<B>> {
    @Nullable Path keyfile;
    @Nullable Path certfile;
    @Nullable Path cafile;
    @Nullable Path keystore;
    @Nullable String keystorePassword;
    @Nullable String keystoreType;
    @Nullable Path truststore;
    @Nullable String truststorePassword;
    @Nullable String truststoreType;
    List<String> protocols = List.of();
    List<String> ciphers = List.of();
    Duration handshakeTimeout = SslOptions.DEFAULT_HANDSHAKE_TIMEOUT;

    /** Starts from the defaults: no key material, both protocols, the default ciphers, a 10 s handshake. */
    TlsEndpointBuilder() {
    }

    /** Starts from what {@code o} sets. */
    TlsEndpointBuilder(TlsEndpoint o) {
        keyfile = o.keyfile();
        certfile = o.certfile();
        cafile = o.cafile();
        keystore = o.keystore();
        keystorePassword = o.keystorePassword();
        keystoreType = o.keystoreType();
        truststore = o.truststore();
        truststorePassword = o.truststorePassword();
        truststoreType = o.truststoreType();
        protocols = o.protocols();
        ciphers = o.ciphers();
        handshakeTimeout = o.handshakeTimeout();
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** This side's private key (PEM); unset, it is read from the certfile. */
    public B keyfile(@Nullable Path v) { keyfile = v; return self(); }
    /** This side's certificate, or its chain leaf first (PEM). */
    public B certfile(@Nullable Path v) { certfile = v; return self(); }
    /**
     * The CAs to trust for the peer's certificate (PEM): on a server, client certificates must be signed by them
     * and clients must present one; on a client, the server's certificate.
     */
    public B cafile(@Nullable Path v) { cafile = v; return self(); }
    /** A PKCS#12 or JKS keystore with this side's key and certificate, instead of keyfile and certfile. */
    public B keystore(@Nullable Path v, @Nullable String password) {
        keystore = v;
        keystorePassword = password;
        return self();
    }
    /** The keystore's type ({@code PKCS12}, {@code JKS}); unset, it is told from the content. */
    public B keystoreType(@Nullable String v) { keystoreType = v; return self(); }
    /** A keystore of CA certificates to trust for the peer's certificate, with or instead of a cafile. */
    public B truststore(@Nullable Path v, @Nullable String password) {
        truststore = v;
        truststorePassword = password;
        return self();
    }
    /** The truststore's type ({@code PKCS12}, {@code JKS}); unset, it is told from the content. */
    public B truststoreType(@Nullable String v) { truststoreType = v; return self(); }
    /** {@code TLSv1.2} and/or {@code TLSv1.3}; none: both. */
    public B protocols(String... v) { protocols = List.of(v); return self(); }
    /** {@code TLSv1.2} and/or {@code TLSv1.3}; empty: both. */
    public B protocols(List<String> v) { protocols = List.copyOf(v); return self(); }
    /** Cipher suites by OpenSSL or IANA name; none: the defaults. */
    public B ciphers(String... v) { ciphers = List.of(v); return self(); }
    /** Cipher suites by OpenSSL or IANA name; empty: the defaults. */
    public B ciphers(List<String> v) { ciphers = List.copyOf(v); return self(); }
    /** How long the TLS handshake may take (default 10 s). */
    public B handshakeTimeout(Duration v) { handshakeTimeout = v; return self(); }
}
