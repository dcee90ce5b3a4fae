package org.rpyc4j.auth.ssl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;
import org.rpyc4j.api.ConnectOptions;

/**
 * How an {@link SslClient} connects: rpyc's {@code ssl_connect(host, port, keyfile, certfile, ca_certs,
 * cert_reqs, ssl_version, ciphers)}, plus keystores for Java users. Immutable; make one with
 * {@link #builder()}.
 *
 * <p>Verification is stricter than rpyc's by default: the server's certificate must chain to a trusted CA (the
 * cafile or truststore, else the JVM's default CAs) and name the host connected to (as HTTPS checks it). rpyc
 * accepts any server certificate without {@code ca_certs}, and checks no host name with it;
 * {@link Builder#rpycVerification()} does the same, {@link Builder#verify(boolean)} and
 * {@link Builder#checkHostname(boolean)} turn each check off on its own.
 *
 * @param keyfile the client's private key (PEM) for servers that require client certificates; unset, it is
 *     read from certfile
 * @param certfile the client's certificate or chain (PEM)
 * @param cafile the CAs to trust for the server's certificate (PEM; rpyc's {@code ca_certs})
 * @param keystore a PKCS#12 or JKS keystore with the client's key and certificate, instead of keyfile and certfile
 * @param keystorePassword its password
 * @param keystoreType its type; unset, it is told from the content
 * @param truststore a keystore of CA certificates to trust, with or instead of cafile
 * @param truststorePassword its password, if any
 * @param truststoreType its type; unset, it is told from the content
 * @param verify whether the server's certificate must be trusted (default true)
 * @param checkHostname whether it must name the host (default true; only with verify)
 * @param serverName the host name to send (SNI) and to check; unset: the host connected to
 * @param protocols {@code TLSv1.2} and/or {@code TLSv1.3}; empty: both
 * @param ciphers cipher suites by OpenSSL or IANA name; empty: the defaults
 * @param handshakeTimeout how long the TLS handshake may take (default 10 s)
 * @param connect the RPyC side: dialect, local service, protocol configuration, TCP connect timeout
 */
public record SslClientOptions(
        @Nullable Path keyfile,
        @Nullable Path certfile,
        @Nullable Path cafile,
        @Nullable Path keystore,
        @Nullable String keystorePassword,
        @Nullable String keystoreType,
        @Nullable Path truststore,
        @Nullable String truststorePassword,
        @Nullable String truststoreType,
        boolean verify,
        boolean checkHostname,
        @Nullable String serverName,
        List<String> protocols,
        List<String> ciphers,
        Duration handshakeTimeout,
        ConnectOptions connect) implements TlsEndpoint {

    /**
     * Validates what can be checked without reading files.
     *
     * @throws SslConfigurationException when a keyfile comes without a certfile, both PEM files and a keystore
     *     are given, or the handshake timeout is not positive
     */
    public SslClientOptions {
        protocols = List.copyOf(protocols);
        ciphers = List.copyOf(ciphers);
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(connect, "connect");
        if (keystore != null && (certfile != null || keyfile != null)) {
            throw new SslConfigurationException("give either keyfile and certfile or a keystore, not both");
        }
        if (keyfile != null && certfile == null) {
            throw new SslConfigurationException("keyfile " + keyfile + " is given without a certfile");
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new SslConfigurationException("handshakeTimeout must be positive: " + handshakeTimeout);
        }
    }

    /** Verification of the server's certificate and host name against the JVM's default CAs; no client certificate. */
    public static SslClientOptions defaults() {
        return builder().build();
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
        return "SslClientOptions[keyfile=" + keyfile + ", certfile=" + certfile + ", cafile=" + cafile
                + ", keystore=" + keystore + (keystorePassword != null ? " (password ***)" : "")
                + ", truststore=" + truststore + (truststorePassword != null ? " (password ***)" : "")
                + ", verify=" + verify + ", checkHostname=" + checkHostname + ", serverName=" + serverName
                + ", protocols=" + (protocols.isEmpty() ? TlsSetup.PROTOCOLS : protocols)
                + ", ciphers=" + (ciphers.isEmpty() ? "default" : ciphers)
                + ", handshakeTimeout=" + handshakeTimeout + ", connect=" + connect + "]";
    }

    /**
     * Builds {@link SslClientOptions}; starts from the defaults. Sets the client's key and certificate (keyfile
     * and certfile, or a keystore) for servers that require one, the CAs to trust for the server's certificate
     * (cafile and/or truststore), how it is verified, protocols, ciphers, the handshake timeout and the RPyC side.
     */
    public static final class Builder extends TlsEndpointBuilder<Builder> {
        private boolean verify = true;
        private boolean checkHostname = true;
        private @Nullable String serverName;
        private ConnectOptions connect = ConnectOptions.defaults();

        private Builder() {
        }

        private Builder(SslClientOptions o) {
            super(o);
            verify = o.verify;
            checkHostname = o.checkHostname;
            serverName = o.serverName;
            connect = o.connect;
        }

        /** Whether the server's certificate must be trusted; {@code false} accepts any (insecure). */
        public Builder verify(boolean v) { verify = v; return this; }
        /** Whether the server's certificate must name the host. */
        public Builder checkHostname(boolean v) { checkHostname = v; return this; }
        /** The host name to send (SNI) and check, when it is not the host connected to. */
        public Builder serverName(@Nullable String v) { serverName = v; return this; }
        /**
         * Verifies as rpyc's {@code ssl_connect} does: the server's certificate against the cafile when one is
         * set (and no host name), and not at all without one. Call after {@link #cafile}.
         */
        public Builder rpycVerification() {
            verify = cafile != null || truststore != null;
            checkHostname = false;
            return this;
        }
        /** The RPyC side of the connection: dialect, local service, configuration, TCP connect timeout. */
        public Builder connect(ConnectOptions v) { connect = v; return this; }

        public SslClientOptions build() {
            return new SslClientOptions(keyfile, certfile, cafile, keystore, keystorePassword, keystoreType, truststore,
                    truststorePassword, truststoreType, verify, checkHostname, serverName, protocols, ciphers,
                    handshakeTimeout, connect);
        }
    }
}
