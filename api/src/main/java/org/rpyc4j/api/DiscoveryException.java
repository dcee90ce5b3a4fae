package org.rpyc4j.api;

import org.rpyc4j.api.error.RpycException;

/** No server exposing the requested service was found, or none of them could be reached (rpyc's {@code DiscoveryError}). */
public class DiscoveryException extends RpycException {
    public DiscoveryException(String message) {
        super(message);
    }
}
