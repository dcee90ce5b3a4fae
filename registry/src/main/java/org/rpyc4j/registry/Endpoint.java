package org.rpyc4j.registry;

import java.util.Objects;

/**
 * One registered server: the IP address the registration came from, as Python prints it, and the port the
 * server listens on.
 */
public record Endpoint(String host, int port) {
    public Endpoint {
        Objects.requireNonNull(host, "host");
    }

    /** {@code host:port}, as rpyc's log lines print an endpoint. */
    @Override
    public String toString() {
        return host + ":" + port;
    }
}
