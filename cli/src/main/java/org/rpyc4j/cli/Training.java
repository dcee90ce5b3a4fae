package org.rpyc4j.cli;

import java.nio.file.Path;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.RegistryServer;
import org.rpyc4j.api.RegistryServerOptions;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.Server;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.classic.ClassicService;
import org.rpyc4j.cli.log.LogSettings;
import org.rpyc4j.spi.ServerModes;
import org.rpyc4j.spi.Servers;
import org.rpyc4j.spi.auth.Authenticators;
import org.rpyc4j.spi.registry.Registries;
import org.rpyc4j.spi.registry.RegistryTransports;

/**
 * The class-data-sharing training run of the image build: what the launchers load up to "server started" and a
 * first connection (lookups, a threaded classic server, a registry, a loopback round trip), then exit.
 */
public final class Training {
    private Training() {
    }

    public static void main(String[] args) throws Exception {
        LogSettings.quiet();
        Path plugins = Path.of(System.getProperty(Launcher.PLUGINS_PROPERTY, "/nonexistent"));
        ClassicMain.switches().parse(new String[] {"-m", "threaded", "-p", "0", "--host", "127.0.0.1"});
        RegistryMain.switches().parse(new String[] {"-m", "UDP", "-l", "true"});
        ServerModes modes = Servers.withPluginFolder(plugins);
        RegistryTransports transports = Registries.withPluginFolder(plugins);
        Authenticators.withPluginFolder(plugins).available();
        ServerOptions options = ServerOptions.builder().host("127.0.0.1").port(0)
                .protocolConfig(ClassicService.config()).build();
        try (Server server = modes.create("threaded", org.rpyc4j.api.ClassServiceFactory.of(ClassicService.class), options).start();
                Connection c = Rpyc.connect("127.0.0.1", server.port())) {
            c.ping();
        }
        for (String transport : new String[] {"UDP", "TCP"}) {
            try (RegistryServer registry = transports.server(transport,
                    RegistryServerOptions.builder().host("127.0.0.1").port(0).build()).start()) {
                registry.port();
            }
        }
        System.exit(0);
    }
}
