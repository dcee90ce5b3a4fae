package org.rpyc4j.registry;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import javax.annotation.Nullable;
import org.rpyc4j.api.error.RpycException;
import org.slf4j.Logger;

/** Addresses for registry clients: the registry's, and the local one a registrar sends from. */
public final class ClientSockets {
    private ClientSockets() {
    }

    /**
     * The registry's address, resolved now (as Python resolves at each send).
     *
     * @throws RpycException when {@code host} does not resolve
     */
    public static InetSocketAddress target(String host, int port) {
        InetSocketAddress target = new InetSocketAddress(host, port);
        if (target.isUnresolved()) {
            throw new RpycException("cannot resolve the registry host " + host);
        }
        return target;
    }

    /**
     * The local address a registrar binds before sending to {@code target}, as rpyc binds {@code (interface, 0)}:
     * {@code interfaceHost} with port 0, or {@code null} (any interface) when it is empty, does not resolve, or is
     * of the other address family than the target (rpyc would fail there; a server listening on {@code ::} still
     * registers with an IPv4 registry).
     */
    public static @Nullable InetSocketAddress bindAddress(@Nullable String interfaceHost, InetSocketAddress target,
            Logger log) {
        if (interfaceHost == null || interfaceHost.isEmpty()) {
            return null;
        }
        InetAddress local;
        try {
            local = InetAddress.getByName(interfaceHost);
        } catch (UnknownHostException e) {
            log.debug("interface {} does not resolve; sending from any interface", interfaceHost);
            return null;
        }
        if (local.isAnyLocalAddress()
                || (local instanceof Inet4Address) != (target.getAddress() instanceof Inet4Address)) {
            return null;
        }
        return new InetSocketAddress(local, 0);
    }
}
