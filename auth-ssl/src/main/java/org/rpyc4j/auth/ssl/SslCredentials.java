package org.rpyc4j.auth.ssl;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.annotation.Nullable;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

/**
 * What a TLS handshake established about a client that presented a certificate: the service sees it as
 * {@link org.rpyc4j.api.Connection#credentials()} (Python's service sees {@code getpeercert()}). Its string form
 * is the subject, which is what the server's {@code welcome} log line shows.
 *
 * @param subject the client certificate's subject, RFC 2253 ({@code CN=alice,O=Example})
 * @param issuer the client certificate's issuer, RFC 2253
 * @param chain the certificates the client presented, its own first
 * @param protocol the negotiated protocol ({@code TLSv1.3})
 * @param cipherSuite the negotiated cipher suite ({@code TLS_AES_128_GCM_SHA256})
 */
public record SslCredentials(String subject, String issuer, List<X509Certificate> chain, String protocol,
        String cipherSuite) {

    public SslCredentials {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(issuer, "issuer");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("credentials need the client's certificate");
        }
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(cipherSuite, "cipherSuite");
    }

    /** The credentials of {@code session}'s peer, or {@code null} when it presented no certificate. */
    public static @Nullable SslCredentials of(SSLSession session) {
        Certificate[] presented;
        try {
            presented = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate c : presented) {
            if (c instanceof X509Certificate x) {
                chain.add(x);
            }
        }
        if (chain.isEmpty()) {
            return null;
        }
        X509Certificate own = chain.getFirst();
        return new SslCredentials(own.getSubjectX500Principal().getName(X500Principal.RFC2253),
                own.getIssuerX500Principal().getName(X500Principal.RFC2253), chain, session.getProtocol(),
                session.getCipherSuite());
    }

    /** The client's own certificate. */
    public X509Certificate certificate() {
        return chain.getFirst();
    }

    /** The subject's (most specific) common name, the {@code CN} Python finds in {@code getpeercert()["subject"]}. */
    public Optional<String> commonName() {
        return attribute(subject, "CN");
    }

    /**
     * The value of attribute {@code type} ({@code CN}, {@code O}, ...) in the RFC 2253 name {@code name}: the
     * first one, which RFC 2253 order makes the most specific; backslash escapes undone.
     */
    static Optional<String> attribute(String name, String type) {
        List<String> rdns = split(name, ',');
        for (String rdn : rdns) {
            for (String ava : split(rdn, '+')) {
                int eq = ava.indexOf('=');
                if (eq > 0 && ava.substring(0, eq).strip().toUpperCase(Locale.ROOT).equals(type)) {
                    return Optional.of(unescape(ava.substring(eq + 1).strip()));
                }
            }
        }
        return Optional.empty();
    }

    /** Splits at {@code separator} where it is not escaped with a backslash. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
            } else if (c == separator) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                out.append(value.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The subject. */
    @Override
    public String toString() {
        return subject;
    }
}
