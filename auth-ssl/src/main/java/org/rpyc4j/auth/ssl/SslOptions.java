package org.rpyc4j.auth.ssl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;

/**
 * How an {@link SslAuthenticator} sets up TLS: rpyc's {@code SSLAuthenticator(keyfile, certfile, ca_certs,
 * cert_reqs, ssl_version, ciphers)} plus a keystore alternative for Java users and a handshake timeout.
 * Immutable; make one with {@link #builder()} or {@link #of(Path, Path, Path)}.
 *
 * <table>
 * <caption>Options, defaults and meaning</caption>
 * <tr><th>option</th><th>default</th><th>meaning</th></tr>
 * <tr><td>keyfile</td><td>none</td><td>the server's private key, PEM: PKCS#8, PKCS#1 (RSA) or SEC1 (EC), as
 *     openssl writes them; unencrypted. Unset: the key is read from certfile ({@code --ssl-keyfile})</td></tr>
 * <tr><td>certfile</td><td>none</td><td>the server's certificate, PEM, optionally followed by its intermediate
 *     CAs ({@code --ssl-certfile})</td></tr>
 * <tr><td>cafile</td><td>none</td><td>PEM certificates of the CAs that sign client certificates; given, clients
 *     must present one ({@code --ssl-cafile}, rpyc's {@code ca_certs})</td></tr>
 * <tr><td>keystore, keystorePassword, keystoreType</td><td>none</td><td>instead of keyfile and certfile: a
 *     PKCS#12 or JKS keystore with the server's key and certificate chain (the type is told from the content
 *     when unset)</td></tr>
 * <tr><td>truststore, truststorePassword, truststoreType</td><td>none</td><td>with or instead of cafile: a
 *     keystore of trusted CA certificates</td></tr>
 * <tr><td>clientAuth</td><td>{@code REQUIRED} with a cafile or truststore, else {@code NONE}</td><td>rpyc's
 *     {@code cert_reqs}</td></tr>
 * <tr><td>protocols</td><td>TLSv1.3, TLSv1.2</td><td>a subset of these two (rpyc's {@code ssl_version})</td></tr>
 * <tr><td>ciphers</td><td>TLS 1.3's suites and TLS 1.2's forward-secret AEAD suites</td><td>cipher suites by
 *     OpenSSL or IANA name (rpyc's {@code ciphers}); like Python's, a list of TLS 1.2 suites leaves TLS 1.3's
 *     as they are. OpenSSL cipher expressions ({@code HIGH:!aNULL}) are refused</td></tr>
 * <tr><td>handshakeTimeout</td><td>10 s</td><td>how long a client may take to complete the TLS handshake; a
 *     client that connects and says nothing is dropped after it</td></tr>
 * </table>
 */
public record SslOptions(
        @Nullable Path keyfile,
        @Nullable Path certfile,
        @Nullable Path cafile,
        @Nullable Path keystore,
        @Nullable String keystorePassword,
        @Nullable String keystoreType,
        @Nullable Path truststore,
        @Nullable String truststorePassword,
        @Nullable String truststoreType,
        @Nullable ClientAuth clientAuth,
        List<String> protocols,
        List<String> ciphers,
        Duration handshakeTimeout) implements TlsEndpoint {

    /** The handshake timeout unless set. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    /** The port {@code rpyc_classic} listens on with SSL (18812 without). */
    public static final int CLASSIC_SSL_PORT = 18821;

    /**
     * Validates what can be checked without reading files.
     *
     * @throws SslConfigurationException when there is no server certificate (certfile or keystore), both kinds
     *     are given, a keyfile comes without a certfile, or the handshake timeout is not positive
     */
    public SslOptions {
        protocols = List.copyOf(protocols);
        ciphers = List.copyOf(ciphers);
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        if (keystore != null && (certfile != null || keyfile != null)) {
            throw new SslConfigurationException("give either keyfile and certfile or a keystore, not both");
        }
        if (keyfile != null && certfile == null) {
            throw new SslConfigurationException("keyfile " + keyfile + " is given without a certfile; the server "
                    + "needs its certificate too (rpyc_classic: --ssl-keyfile goes with --ssl-certfile)");
        }
        if (keystore == null && certfile == null) {
            throw new SslConfigurationException("a TLS server needs its certificate and key: give certfile and keyfile "
                    + "(or a keystore)");
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new SslConfigurationException("handshakeTimeout must be positive: " + handshakeTimeout);
        }
    }

    /**
     * rpyc's {@code SSLAuthenticator(keyfile, certfile, ca_certs)}: the server's key and certificate, and
     * optionally the CA that client certificates must be signed by (then they are required).
     */
    public static SslOptions of(Path keyfile, Path certfile, @Nullable Path cafile) {
        return builder().keyfile(keyfile).certfile(certfile).cafile(cafile).build();
    }

    /** Whether clients are asked for a certificate: as set, else required exactly when a CA is given (rpyc's rule). */
    public ClientAuth effectiveClientAuth() {
        if (clientAuth != null) {
            return clientAuth;
        }
        return cafile != null || truststore != null ? ClientAuth.REQUIRED : ClientAuth.NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The options, passwords masked. */
    @Override
    public String toString() {
        return "SslOptions[keyfile=" + keyfile + ", certfile=" + certfile + ", cafile=" + cafile + ", keystore="
                + keystore + (keystorePassword != null ? " (password ***)" : "") + ", keystoreType=" + keystoreType
                + ", truststore=" + truststore + (truststorePassword != null ? " (password ***)" : "")
                + ", truststoreType=" + truststoreType + ", clientAuth=" + effectiveClientAuth()
                + ", protocols=" + (protocols.isEmpty() ? TlsSetup.PROTOCOLS : protocols)
                + ", ciphers=" + (ciphers.isEmpty() ? "default" : ciphers)
                + ", handshakeTimeout=" + handshakeTimeout + "]";
    }

    /**
     * Builds {@link SslOptions}; starts from the defaults. Sets the server's key and certificate (keyfile and
     * certfile, or a keystore), the CAs client certificates must be signed by (cafile and/or truststore; given,
     * clients must present one unless {@link #clientAuth} says otherwise), protocols, ciphers and the handshake
     * timeout.
     */
    public static final class Builder extends TlsEndpointBuilder<Builder> {
        private @Nullable ClientAuth clientAuth;

        private Builder() {
        }

        private Builder(SslOptions o) {
            super(o);
            clientAuth = o.clientAuth;
        }

        /** Whether clients must present a certificate; unset: required exactly when a CA is given. */
        public Builder clientAuth(@Nullable ClientAuth v) { clientAuth = v; return this; }

        /**
         * The options.
         *
         * @throws SslConfigurationException see {@link SslOptions#SslOptions}
         */
        public SslOptions build() {
            return new SslOptions(keyfile, certfile, cafile, keystore, keystorePassword, keystoreType, truststore,
                    truststorePassword, truststoreType, clientAuth, protocols, ciphers, handshakeTimeout);
        }
    }
}
