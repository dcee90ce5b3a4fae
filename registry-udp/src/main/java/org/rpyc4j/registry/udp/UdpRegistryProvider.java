package org.rpyc4j.registry.udp;

import org.rpyc4j.api.RegistryClient;
import org.rpyc4j.api.RegistryClientOptions;
import org.rpyc4j.api.RegistryServer;
import org.rpyc4j.api.RegistryServerOptions;
import org.rpyc4j.spi.registry.RegistryProvider;

/** The {@code UDP} registry transport. */
public final class UdpRegistryProvider implements RegistryProvider {
    /** Made by the service loader. */
    public UdpRegistryProvider() {
    }

    @Override
    public String name() {
        return "UDP";
    }

    @Override
    public String description() {
        return "one datagram per request and reply; clients broadcast to 255.255.255.255 by default";
    }

    @Override
    public RegistryServer createServer(RegistryServerOptions options) {
        return new UdpRegistryServer(options);
    }

    @Override
    public RegistryClient createClient(RegistryClientOptions options) {
        return new UdpRegistryClient(options);
    }
}
