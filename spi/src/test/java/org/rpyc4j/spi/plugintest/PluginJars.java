package org.rpyc4j.spi.plugintest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds the plug-in fixtures ({@code src/test/plugins/NAME}: a module-info and its classes) into modular
 * jars, as a third party would ship them, and knows the module path they are built and run against.
 */
final class PluginJars {
    /** The modules a plug-in driver runs with: the platform, and no serving mode of ours. */
    static final Set<String> PLATFORM = Set.of("org.rpyc4j.api", "org.rpyc4j.spi", "org.rpyc4j.core", "org.slf4j");

    private PluginJars() {
    }

    /** Compiles fixture {@code name} and jars it into {@code target/plugin-fixtures/NAME.jar}. */
    static Path build(String name) throws IOException {
        Path sources = Path.of("src", "test", "plugins", name);
        Path out = Path.of("target", "plugin-fixtures");
        Path classes = out.resolve(name + "-classes");
        Files.createDirectories(classes);
        List<String> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("--release", "25", "-d", classes.toString(),
                "--module-path", modulePath()));
        args.addAll(files);
        StringWriter messages = new StringWriter();
        int status = javac.run(null, null, new java.io.PrintStream(OutputStream.nullOutputStream()) {
            @Override
            public void write(byte[] b, int off, int len) {
                messages.write(new String(b, off, len));
            }
        }, args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("fixture " + name + " does not compile:\n" + messages);
        }
        Path jar = out.resolve(name + ".jar");
        try (JarOutputStream zip = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return jar;
    }

    /** The class-path entries holding the {@link #PLATFORM} modules, as a module path. */
    static String modulePath() {
        return Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isBlank() && Files.exists(Path.of(entry)))
                .filter(entry -> ModuleFinder.of(Path.of(entry)).findAll().stream()
                        .map(ModuleReference::descriptor)
                        .anyMatch(d -> PLATFORM.contains(d.name())))
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }
}
