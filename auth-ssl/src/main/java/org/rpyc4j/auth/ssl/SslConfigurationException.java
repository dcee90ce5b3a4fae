package org.rpyc4j.auth.ssl;

import java.io.Serial;

/**
 * TLS cannot be set up as configured: a file is missing or unreadable, holds no key or certificate, the key
 * does not match the certificate, an option is unsupported. Thrown when an authenticator or client is made,
 * never later; the message names the option or the file.
 */
public class SslConfigurationException extends IllegalArgumentException {
    @Serial
    private static final long serialVersionUID = 1L;

    public SslConfigurationException(String message) {
        super(message);
    }

    public SslConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
