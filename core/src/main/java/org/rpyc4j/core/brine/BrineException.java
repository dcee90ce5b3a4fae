package org.rpyc4j.core.brine;

import javax.annotation.Nullable;
import org.rpyc4j.api.error.ProtocolException;

/**
 * A value cannot be encoded in brine (it is not dumpable), or bytes are not valid brine (unknown tag,
 * truncation, too deep, malformed int text or UTF-8).
 */
public class BrineException extends ProtocolException {
    public BrineException(String message) {
        super(message);
    }

    public BrineException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
