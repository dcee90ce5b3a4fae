package org.rpyc4j.auth.ssl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.annotation.Nullable;

/**
 * What both ends of a TLS connection configure, as {@link SslOptions} (the server) and {@link SslClientOptions}
 * (the client) hold it: this side's key and certificate (PEM files or a keystore), the CAs it trusts for the
 * peer's certificate (a PEM file and/or a truststore), and the protocols, cipher suites and handshake timeout.
 * The records' components implement it; {@link TlsEndpointBuilder} is the matching part of their builders.
 */
interface TlsEndpoint {
    @Nullable Path keyfile();

    @Nullable Path certfile();

    @Nullable Path cafile();

    @Nullable Path keystore();

    @Nullable String keystorePassword();

    @Nullable String keystoreType();

    @Nullable Path truststore();

    @Nullable String truststorePassword();

    @Nullable String truststoreType();

    List<String> protocols();

    List<String> ciphers();

    Duration handshakeTimeout();
}
