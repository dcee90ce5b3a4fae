package org.rpyc4j.api;

import java.io.Serial;

/** An {@link Authenticator} refused a connection (rpyc's {@code AuthenticationError}). */
public class AuthenticationException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(message);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
