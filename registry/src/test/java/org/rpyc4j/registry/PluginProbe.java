package org.rpyc4j.registry;

import java.nio.file.Path;
import org.rpyc4j.api.RegistryClient;
import org.rpyc4j.api.RegistryClientOptions;
import org.rpyc4j.spi.registry.Registries;
import org.rpyc4j.spi.registry.RegistryTransports;

/**
 * Run by {@link RegistriesPluginTest} in a JVM with the api and spi on the module path (plug-in layers need a
 * named spi module to build on): looks up the transports of the plug-in folder {@code args[0]} and, given a
 * name in {@code args[1]}, asks that transport's client to discover something. Prints what it found.
 */
public final class PluginProbe {
    private PluginProbe() {
    }

    public static void main(String[] args) {
        try {
            RegistryTransports transports = Registries.withPluginFolder(Path.of(args[0]));
            System.out.println("AVAILABLE " + transports.available().stream().map(i -> i.name() + " in " + i.module()).toList());
            if (args.length > 1) {
                RegistryClient client = transports.client(args[1], RegistryClientOptions.of("10.1.2.3", 4567));
                System.out.println("DISCOVER " + client.discover("anything"));
            }
        } catch (RuntimeException e) {
            System.out.println("ERROR " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
