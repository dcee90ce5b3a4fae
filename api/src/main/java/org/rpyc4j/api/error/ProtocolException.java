package org.rpyc4j.api.error;

import javax.annotation.Nullable;

/** The peer sent something that is not valid RPyC: a malformed frame, undecodable brine, a wrong envelope. */
public class ProtocolException extends RpycException {
    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
