package org.rpyc4j.auth.ssl;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;

/** Why a TLS handshake failed, in words that say what to do, from the exception JSSE threw. */
final class HandshakeFailures {
    private HandshakeFailures() {
    }

    /**
     * The reason of {@code e}, with what usually causes it.
     *
     * @param peer whose certificate was checked: {@code "server"} (on the client) or {@code "client"} (on the server)
     * @param name the host name the client checked, for a name mismatch; null on the server
     */
    static String explain(Exception e, String peer, String name) {
        String message = e.getMessage() != null ? e.getMessage() : e.toString();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException) {
                return "the " + peer + "'s certificate has expired (" + message + ")";
            }
            if (t instanceof CertificateNotYetValidException) {
                return "the " + peer + "'s certificate is not valid yet (" + message + ")";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertPathValidatorException || t.getClass().getName().endsWith("SunCertPathBuilderException")) {
                return "the " + peer + "'s certificate is not trusted" + (peer.equals("server")
                        ? ": give the CA that signed it as cafile" : ": it is not signed by a CA of the cafile")
                        + " (" + message + ")";
            }
            if (name != null && t instanceof CertificateException && String.valueOf(t.getMessage()).contains("match")) {
                return "the server's certificate does not name " + name + " (" + t.getMessage()
                        + "); checkHostname(false) skips this check, as rpyc's ssl_connect does with ca_certs";
            }
        }
        return message;
    }
}
