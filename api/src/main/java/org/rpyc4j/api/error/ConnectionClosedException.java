package org.rpyc4j.api.error;

import javax.annotation.Nullable;

/** The connection ended (closed by either side, or the peer vanished) before the request was answered. */
public class ConnectionClosedException extends RpycException {
    public ConnectionClosedException(String message) {
        super(message);
    }

    public ConnectionClosedException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
