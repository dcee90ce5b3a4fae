package org.rpyc4j.auth.ssl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects to RPyC servers over TLS, like Python's {@code rpyc.ssl_connect}: to rpyc4j servers with an
 * {@link SslAuthenticator} and to Python servers with rpyc's {@code SSLAuthenticator}.
 *
 * <pre>{@code
 * try (Connection conn = SslClient.connect("db.example.com", 18821, null, null, Path.of("ca.pem"))) {
 *     conn.root().callMethod("add", 1, 2);
 * }
 * }</pre>
 *
 * <p>The server's certificate and host name are verified by default (see {@link SslClientOptions} for how that
 * differs from rpyc). An instance made with {@link #create} reads its files once and connects any number of
 * times, resuming TLS sessions with a server it has met (the JDK's client session cache); the static
 * {@code connect} methods make one for a single connection.
 *
 * <p>{@code rpyc.classic.ssl_connect(host)} is, with the classic module,
 * {@code ClassicClient.of(SslClient.connect(host, SslOptions.CLASSIC_SSL_PORT,
 * SslClientOptions.builder().cafile(ca).connect(ClassicClient.options()).build()))}.
 */
public final class SslClient {
    private static final Logger LOG = LoggerFactory.getLogger(SslClient.class);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final SslClientOptions options;
    private final SSLSocketFactory factory;
    private final List<String> protocols;
    private final List<String> suites;

    private SslClient(SslClientOptions options) {
        this.options = options;
        TrustManager[] trust = options.verify()
                ? TlsSetup.trustManagers(options.cafile(), options.truststore(), options.truststorePassword(),
                        options.truststoreType())
                : new TrustManager[] {new TrustingAnyServer()};
        SSLContext context = TlsSetup.context(
                TlsSetup.keyManagers("client", options.keyfile(), options.certfile(), options.keystore(),
                        options.keystorePassword(), options.keystoreType(), LOG),
                trust);
        this.protocols = TlsSetup.protocols(options.protocols());
        this.suites = TlsSetup.cipherSuites(options.ciphers(), protocols, context);
        this.factory = context.getSocketFactory();
    }

    /**
     * A client reading its key material now.
     *
     * @throws SslConfigurationException when a file is missing or unusable, or an option unsupported
     */
    public static SslClient create(SslClientOptions options) {
        return new SslClient(options);
    }

    /**
     * rpyc's {@code ssl_connect(host, port, keyfile, certfile, ca_certs)}, verifying the server's certificate
     * against {@code cafile} and its host name (the JVM's default CAs without a cafile).
     *
     * @param keyfile the client's key, for servers that require client certificates; may be null
     * @param certfile the client's certificate; may be null
     * @param cafile the CA that signed the server's certificate; may be null
     * @throws UncheckedIOException when the connection or the TLS handshake fails; the message says why
     * @throws SslConfigurationException when a file is missing or unusable
     */
    public static Connection connect(String host, int port, @Nullable Path keyfile, @Nullable Path certfile,
            @Nullable Path cafile) {
        return connect(host, port, SslClientOptions.builder().keyfile(keyfile).certfile(certfile).cafile(cafile).build());
    }

    /** Connects to {@code host:port} over TLS as {@code options} say; see {@link #connect(String, int)}. */
    public static Connection connect(String host, int port, SslClientOptions options) {
        return create(options).connect(host, port);
    }

    /** The options this client was made from. */
    public SslClientOptions options() {
        return options;
    }

    /**
     * An RPyC connection over TLS to {@code host:port}; the handshake has completed when this returns.
     *
     * @throws UncheckedIOException when the connection or the TLS handshake fails; the message says why (for
     *     example that the server's certificate is not trusted or does not name the host)
     */
    public Connection connect(String host, int port) {
        SSLSocket socket;
        try {
            socket = open(host, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        try {
            return Rpyc.connect(Transport.of(socket), options.connect());
        } catch (IOException | RuntimeException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already failing
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /**
     * A TLS socket connected to {@code host:port}, its handshake complete: for protocols other than RPyC, or
     * to look at the session.
     *
     * @throws IOException when the connection or the handshake fails; the message says why
     */
    public SSLSocket open(String host, int port) throws IOException {
        String where = host + ":" + port;
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress(host, port), (int) options.connect().connectTimeout().toMillis());
            raw.setTcpNoDelay(true);
        } catch (IOException e) {
            raw.close();
            throw new IOException("cannot connect to " + where + ": " + e.getMessage(), e);
        }
        String name = options.serverName() != null ? options.serverName() : host;
        SSLSocket tls;
        HandshakeDeadline deadline;
        try {
            deadline = HandshakeDeadline.start(raw, options.handshakeTimeout());
        } catch (IOException e) {
            raw.close();
            throw new IOException("cannot connect to " + where + ": " + e.getMessage(), e);
        }
        try (deadline) {
            tls = (SSLSocket) factory.createSocket(raw, name, port, true);
            SSLParameters p = tls.getSSLParameters();
            p.setProtocols(protocols.toArray(String[]::new));
            p.setCipherSuites(suites.toArray(String[]::new));
            if (options.verify() && options.checkHostname()) {
                p.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (!isIpLiteral(name)) {
                p.setServerNames(List.of(new SNIHostName(name)));
            }
            tls.setSSLParameters(p);
            tls.startHandshake();
        } catch (IOException e) {
            raw.close();
            if (deadline.expired() || e instanceof SocketTimeoutException) {
                throw new IOException("TLS handshake with " + where + " did not complete within "
                        + options.handshakeTimeout().toMillis() + " ms", e);
            }
            throw new IOException("TLS handshake with " + where + " failed: " + HandshakeFailures.explain(e, "server", name), e);
        }
        return tls;
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
    }

    @Override
    public String toString() {
        return "SslClient" + options;
    }

    /** Accepts any server certificate: {@link SslClientOptions#verify()} off, rpyc's default without ca_certs. */
    private static final class TrustingAnyServer extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("a client does not verify clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("a client does not verify clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client does not verify clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
