package org.rpyc4j.api;

import java.net.InetSocketAddress;
import java.util.List;
import javax.annotation.Nullable;

/**
 * A client of an RPyC registry (rpyc's {@code UDPRegistryClient} / {@code TCPRegistryClient}): the
 * {@link Registrar} a server registers with, plus the queries a client asks. Get one by transport name with
 * {@code org.rpyc4j.spi.registry.Registries.client("UDP", options)}. Every call is one request and one
 * (optional) answer; a client holds no connection between calls, so it is safe to share between threads.
 */
public interface RegistryClient extends Registrar {
    /** rpyc's {@code REGISTRY_PORT}, for UDP and TCP alike. */
    int DEFAULT_PORT = 18811;

    /**
     * The servers registered for {@code name} (any alias, matched ignoring case), oldest keepalive first
     * (rpyc's {@code discover}); empty when there are none, or when no registry answered within the timeout.
     *
     * @throws org.rpyc4j.api.error.RpycException when the registry cannot be reached at all (a TCP registry
     *     refusing the connection)
     */
    List<InetSocketAddress> discover(String name);

    /**
     * The names of the registered services; {@code filterHost} keeps those with a server at that IP address
     * ({@code null}: all). Empty when no registry answered within the timeout (rpyc's {@code list}).
     *
     * @throws ListingForbiddenException when the registry does not allow listing (it answered {@code None})
     * @throws org.rpyc4j.api.error.RpycException when the registry cannot be reached at all (TCP)
     */
    List<String> list(@Nullable String filterHost);

    /** All registered service names: {@link #list(String) list(null)}. */
    default List<String> list() {
        return list(null);
    }

    /** Registers from any interface: {@link #register(List, int, String) register(aliases, port, "")}. */
    default boolean register(List<String> aliases, int port) {
        return register(aliases, port, "");
    }
}
