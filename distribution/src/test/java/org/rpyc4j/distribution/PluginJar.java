package org.rpyc4j.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/**
 * A third party's serving-mode plug-in, built the way a user builds one: a module compiled against the
 * rpyc4j modules the image is made of, packed as a jar, dropped into a plug-in folder.
 */
final class PluginJar {
    /** The mode the plug-in adds. */
    static final String MODE = "plugged";

    private static final String MODULE_INFO = """
            module com.example.plugged {
                requires org.rpyc4j.server.threaded;
                provides org.rpyc4j.spi.ServerProvider with com.example.plugged.PluggedProvider;
            }
            """;

    private static final String PROVIDER = """
            package com.example.plugged;

            import org.rpyc4j.api.Server;
            import org.rpyc4j.spi.ServerContext;
            import org.rpyc4j.spi.ServerProvider;
            import org.rpyc4j.server.threaded.ThreadedServer;

            /** A third-party mode: threaded serving under another name, enough to prove it was found. */
            public final class PluggedProvider implements ServerProvider {
                @Override
                public String name() {
                    return "%s";
                }

                @Override
                public String description() {
                    return "a serving mode from a plug-in jar";
                }

                @Override
                public Server create(ServerContext context) {
                    return new ThreadedServer(context);
                }
            }
            """.formatted(MODE);

    private PluginJar() {
    }

    /** Builds the plug-in into {@code folder}/plugged.jar and returns the folder. */
    static Path buildInto(Path folder) throws IOException {
        Path src = Files.createDirectories(folder.resolve("src"));
        Path classes = Files.createDirectories(folder.resolve("classes"));
        Path plugins = Files.createDirectories(folder.resolve("plugins"));
        Files.writeString(src.resolve("module-info.java"), MODULE_INFO);
        Path pkg = Files.createDirectories(src.resolve("com/example/plugged"));
        Files.writeString(pkg.resolve("PluggedProvider.java"), PROVIDER);
        // the jars the image was linked from (distribution/target/image-modules)
        Path modules = Launched.IMAGE.resolveSibling("image-modules");
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "--module-path", modules.toString(), src.resolve("module-info.java").toString(),
                pkg.resolve("PluggedProvider.java").toString());
        assertEquals(0, rc, "the plug-in compiles");
        try (OutputStream file = Files.newOutputStream(plugins.resolve("plugged.jar"));
                JarOutputStream jar = new JarOutputStream(file);
                Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, jar);
                jar.closeEntry();
            }
        }
        return plugins;
    }

    /** The launcher arguments that point at {@code plugins}. */
    static List<String> args(Path plugins) {
        return List.of("--plugins", plugins.toString());
    }
}
