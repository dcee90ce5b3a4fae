package org.rpyc4j.spi.plugintest;

import java.nio.file.Path;
import org.rpyc4j.api.ClassServiceFactory;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.Exposed;
import org.rpyc4j.api.Rpyc;
import org.rpyc4j.api.Server;
import org.rpyc4j.api.ServerOptions;
import org.rpyc4j.spi.ModeInfo;
import org.rpyc4j.spi.ServerModes;
import org.rpyc4j.spi.Servers;

/**
 * Runs in a JVM of its own whose module path holds the platform modules (api, spi, core), so that plug-in
 * modules can resolve against them: lists the modes of a plug-in folder, then serves a real connection with
 * one of them. Prints what it sees, one fact per line.
 */
public final class PluginFolderDriver {
    private PluginFolderDriver() {
    }

    /** A service for the driver's connection. */
    public static final class SumService {
        @Exposed
        public long add(long a, long b) {
            return a + b;
        }
    }

    /** {@code FOLDER [MODE]}: list the modes of FOLDER, then serve one connection with MODE. */
    public static void main(String[] args) {
        System.out.println("PLATFORM " + Servers.class.getModule());
        ServerModes modes;
        try {
            modes = Servers.withPluginFolder(Path.of(args[0]));
        } catch (RuntimeException e) {
            System.out.println("LOOKUP FAILED " + e.getMessage());
            return;
        }
        for (ModeInfo mode : modes.available()) {
            System.out.println("MODE " + mode.name() + " | " + mode.module() + " | " + (mode.available() ? "available" : "unavailable"));
        }
        if (args.length < 2) {
            return;
        }
        try (Server server = modes.create(args[1], ClassServiceFactory.of(SumService.class), ServerOptions.defaults())) {
            server.start();
            System.out.println("SERVER " + server.getClass().getName() + " in " + server.getClass().getModule());
            try (Connection client = Rpyc.connect(server.host(), server.port())) {
                System.out.println("RESULT " + client.root().callMethod("add", 2, 3));
            }
        } catch (RuntimeException e) {
            System.out.println("CREATE FAILED " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
