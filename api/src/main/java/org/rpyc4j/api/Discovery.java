package org.rpyc4j.api;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.rpyc4j.api.value.PyRepr;

/**
 * Finding servers through a registry, like rpyc's {@code rpyc.discover}, {@code rpyc.connect_by_service} and
 * {@code rpyc.list_services}. rpyc's default registry client is a broadcast UDP one; here the caller passes the
 * client, e.g. {@code Registries.client("UDP", RegistryClientOptions.defaults())} from
 * {@code org.rpyc4j.spi.registry}.
 */
public final class Discovery {
    private Discovery() {
    }

    /**
     * The servers exposing {@code serviceName}, oldest keepalive first; with {@code host}, only those at one of
     * that host's addresses.
     *
     * @throws DiscoveryException when there are none (on that host)
     */
    public static List<InetSocketAddress> discover(RegistryClient registry, String serviceName, @Nullable String host) {
        List<InetSocketAddress> found = registry.discover(serviceName);
        if (found.isEmpty()) {
            throw new DiscoveryException("no servers exposing " + PyRepr.of(serviceName) + " were found");
        }
        if (host != null && !host.isEmpty()) {
            Set<String> addresses;
            try {
                addresses = Arrays.stream(InetAddress.getAllByName(host)).map(InetAddress::getHostAddress)
                        .collect(Collectors.toSet());
            } catch (UnknownHostException e) {
                throw new DiscoveryException("no servers exposing " + serviceName + " were found on " + host
                        + " (unknown host)");
            }
            found = found.stream()
                    .filter(a -> addresses.contains(a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString()))
                    .toList();
            if (found.isEmpty()) {
                throw new DiscoveryException("no servers exposing " + serviceName + " were found on " + host);
            }
        }
        return found;
    }

    /** {@link #discover(RegistryClient, String, String) discover(registry, serviceName, null)}. */
    public static List<InetSocketAddress> discover(RegistryClient registry, String serviceName) {
        return discover(registry, serviceName, null);
    }

    /**
     * A connection to the first server exposing {@code serviceName} (on {@code host}, when given) that accepts
     * one; servers that cannot be reached are skipped, as the registry may still list servers that died.
     *
     * @throws DiscoveryException when none is found or none can be reached
     */
    public static Connection connectByService(RegistryClient registry, String serviceName, @Nullable String host,
            ConnectOptions options) {
        List<InetSocketAddress> found = discover(registry, serviceName, host);
        List<String> tried = new ArrayList<>();
        for (InetSocketAddress address : found) {
            String ip = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
            try {
                return Rpyc.connect(ip, address.getPort(), options);
            } catch (UncheckedIOException e) {
                tried.add("('" + ip + "', " + address.getPort() + ")");
            }
        }
        throw new DiscoveryException("All services are down: [" + String.join(", ", tried) + "]");
    }

    /**
     * The registered service names, with {@code filterHost} those with a server at that IP address.
     *
     * @throws ListingForbiddenException when the registry does not allow listing
     */
    public static List<String> listServices(RegistryClient registry, @Nullable String filterHost) {
        return registry.list(filterHost);
    }
}
