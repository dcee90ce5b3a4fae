package org.rpyc4j.registry.tcp;

import org.rpyc4j.api.RegistryClient;
import org.rpyc4j.api.RegistryClientOptions;
import org.rpyc4j.api.RegistryServer;
import org.rpyc4j.api.RegistryServerOptions;
import org.rpyc4j.spi.registry.RegistryProvider;

/** The {@code TCP} registry transport. */
public final class TcpRegistryProvider implements RegistryProvider {
    /** Made by the service loader. */
    public TcpRegistryProvider() {
    }

    @Override
    public String name() {
        return "TCP";
    }

    @Override
    public String description() {
        return "one request per TCP connection; clients need the registry's host";
    }

    @Override
    public RegistryServer createServer(RegistryServerOptions options) {
        return new TcpRegistryServer(options);
    }

    /** @throws IllegalArgumentException when the options have no host */
    @Override
    public RegistryClient createClient(RegistryClientOptions options) {
        return new TcpRegistryClient(options);
    }
}
