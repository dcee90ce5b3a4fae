package org.rpyc4j.api.error;

/** A synchronous request got no reply within its timeout (rpyc's {@code sync_request_timeout}, 30 s by default). */
public class RequestTimeoutException extends RpycException {
    public RequestTimeoutException(String message) {
        super(message);
    }
}
