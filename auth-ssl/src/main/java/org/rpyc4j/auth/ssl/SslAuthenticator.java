package org.rpyc4j.auth.ssl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.annotation.Nullable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.rpyc4j.api.AuthenticationException;
import org.rpyc4j.api.Authenticator;
import org.rpyc4j.api.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * rpyc's {@code SSLAuthenticator}: wraps each accepted TCP connection in TLS (1.2 or 1.3) as a server, and, when
 * a CA is configured, requires a client certificate signed by it. The service sees the client certificate as
 * {@link SslCredentials} in {@link org.rpyc4j.api.Connection#credentials()} ({@code null} when the client
 * presented none).
 *
 * <pre>{@code
 * Authenticator tls = new SslAuthenticator(SslOptions.of(Path.of("server.key"), Path.of("server.pem"), null));
 * Server server = new ThreadedServer(MyService.class, ServerOptions.builder().port(18821).authenticator(tls).build());
 * }</pre>
 *
 * <p>Everything is read and checked when the authenticator is made (files, key against certificate,
 * protocols, ciphers), so a bad configuration fails at start-up with a message naming the file; a certificate
 * that has expired or is not yet valid is logged as a warning. The handshake runs on the connection's own
 * thread (servers never authenticate on the accept loop) and must complete within
 * {@link SslOptions#handshakeTimeout()}. A peer that sends something other than a TLS handshake (plain RPyC,
 * HTTP, garbage) is refused at its first bytes, with the message saying what it sent.
 */
public final class SslAuthenticator implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(SslAuthenticator.class);
    /** A TLS record header: content type, version (2), length (2). */
    private static final int RECORD_HEADER = 5;

    private final SslOptions options;
    private final SSLSocketFactory factory;
    private final SSLParameters parameters;

    /**
     * Reads the key material and sets TLS up.
     *
     * @throws SslConfigurationException when a file is missing, unreadable or holds no usable key or
     *     certificate, the key does not match the certificate, or a protocol or cipher is unsupported; the
     *     message names the file or option
     */
    public SslAuthenticator(SslOptions options) {
        this.options = options;
        SSLContext context = TlsSetup.context(
                TlsSetup.keyManagers("server", options.keyfile(), options.certfile(), options.keystore(),
                        options.keystorePassword(), options.keystoreType(), LOG),
                TlsSetup.trustManagers(options.cafile(), options.truststore(), options.truststorePassword(),
                        options.truststoreType()));
        List<String> protocols = TlsSetup.protocols(options.protocols());
        List<String> suites = TlsSetup.cipherSuites(options.ciphers(), protocols, context);
        SSLParameters p = context.getDefaultSSLParameters();
        p.setProtocols(protocols.toArray(String[]::new));
        p.setCipherSuites(suites.toArray(String[]::new));
        p.setUseCipherSuitesOrder(true);
        switch (options.effectiveClientAuth()) {
            case REQUIRED -> p.setNeedClientAuth(true);
            case OPTIONAL -> p.setWantClientAuth(true);
            case NONE -> p.setNeedClientAuth(false);
        }
        this.parameters = p;
        this.factory = context.getSocketFactory();
    }

    /** rpyc's {@code SSLAuthenticator(keyfile, certfile, ca_certs)}; {@code cafile} may be null. */
    public SslAuthenticator(Path keyfile, Path certfile, @Nullable Path cafile) {
        this(SslOptions.of(keyfile, certfile, cafile));
    }

    /** The options this authenticator was made from. */
    public SslOptions options() {
        return options;
    }

    /** The protocols it accepts, preferred first. */
    public List<String> protocols() {
        return List.of(parameters.getProtocols());
    }

    /** The cipher suites it accepts, preferred first. */
    public List<String> cipherSuites() {
        return List.of(parameters.getCipherSuites());
    }

    /**
     * Runs the server side of the TLS handshake on {@code socket}.
     *
     * @return the TLS stream and the client's {@link SslCredentials} ({@code null} without a client certificate)
     * @throws AuthenticationException when the peer does not speak TLS, the handshake fails (no or an untrusted
     *     client certificate, no common protocol or cipher) or does not complete within the handshake timeout;
     *     also for a connection without a TCP socket (a Unix domain socket)
     */
    @Override
    public Authenticated authenticate(Transport transport, @Nullable Socket socket) throws AuthenticationException {
        if (socket == null) {
            throw new AuthenticationException("TLS needs a TCP connection; " + transport.peer() + " is not one");
        }
        Duration timeout = options.handshakeTimeout();
        HandshakeDeadline deadline;
        try {
            deadline = HandshakeDeadline.start(socket, timeout);
        } catch (IOException e) {
            throw new AuthenticationException("the connection from " + transport.peer() + " failed: " + e, e);
        }
        try (deadline) {
            byte[] header = socket.getInputStream().readNBytes(RECORD_HEADER);
            if (header.length < RECORD_HEADER) {
                throw new AuthenticationException(transport.peer() + " closed the connection before the TLS handshake"
                        + (header.length == 0 ? "" : " (after " + header.length + " bytes)"));
            }
            String foreign = describeForeign(header);
            if (foreign != null) {
                throw new AuthenticationException("not a TLS handshake: " + transport.peer() + " sent " + foreign);
            }
            SSLSocket tls = (SSLSocket) factory.createSocket(socket, new ByteArrayInputStream(header), true);
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            SslCredentials credentials = SslCredentials.of(tls.getSession());
            if (deadline.expired()) {
                throw timedOut(transport, timeout, null);
            }
            return new Authenticated(Transport.of(tls), credentials);
        } catch (SocketTimeoutException e) {
            throw timedOut(transport, timeout, e);
        } catch (SSLException | SocketException e) {
            if (deadline.expired()) {
                throw timedOut(transport, timeout, e);
            }
            throw new AuthenticationException("TLS handshake with " + transport.peer() + " failed: "
                    + HandshakeFailures.explain(e, "client", null), e);
        } catch (IOException e) {
            if (deadline.expired()) {
                throw timedOut(transport, timeout, e);
            }
            throw new AuthenticationException("TLS handshake with " + transport.peer() + " failed: " + e, e);
        }
    }

    private static AuthenticationException timedOut(Transport transport, Duration timeout, @Nullable Exception cause) {
        return new AuthenticationException("no TLS handshake from " + transport.peer() + " within "
                + timeout.toMillis() + " ms", cause);
    }

    /**
     * What the first five bytes of a connection are if they do not start a TLS handshake, or {@code null} if
     * they do (a handshake record of TLS 1.x).
     */
    static @Nullable String describeForeign(byte[] first5) {
        if (first5[0] == 0x16 && first5[1] == 0x03) {
            return null;
        }
        String ascii = new String(first5, 0, 4, StandardCharsets.ISO_8859_1);
        if (List.of("GET ", "POST", "PUT ", "HEAD", "DELE", "OPTI", "PATC", "CONN", "PRI ").contains(ascii)) {
            return "an HTTP request";
        }
        if (ascii.equals("SSH-")) {
            return "an SSH client's greeting";
        }
        if ((first5[0] & 0x80) != 0 && first5[2] == 0x01) {
            return "an SSLv2-style hello (SSL 2 and 3 are not supported)";
        }
        long length = ((first5[0] & 0xffL) << 24) | ((first5[1] & 0xff) << 16) | ((first5[2] & 0xff) << 8) | (first5[3] & 0xff);
        if ((first5[4] == 0 || first5[4] == 1) && length > 0 && length < (64 << 20)) {
            return "plain (unencrypted) RPyC: is the client using ssl_connect?";
        }
        return "bytes " + HexFormat.ofDelimiter(" ").formatHex(first5);
    }

    @Override
    public String toString() {
        return "SslAuthenticator" + options;
    }
}
