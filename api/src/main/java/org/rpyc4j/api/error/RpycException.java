package org.rpyc4j.api.error;

import javax.annotation.Nullable;

/** A failure of rpyc4j itself or of the connection, as opposed to an exception raised by the peer's code. */
public class RpycException extends RuntimeException {
    public RpycException(String message) {
        super(message);
    }

    public RpycException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
