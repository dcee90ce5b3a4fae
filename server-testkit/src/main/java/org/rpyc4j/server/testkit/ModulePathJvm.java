package org.rpyc4j.server.testkit;

import java.io.File;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A JVM running with this test's dependencies on the module path, as an application deploys rpyc4j (the
 * tests themselves run on the class path): every class-path entry holding a module, or usable as an
 * automatic one, goes on the module path; the test classes stay on the class path for the main class.
 */
public final class ModulePathJvm {
    private ModulePathJvm() {
    }

    /** The command running {@code mainClass} (from the test classes) with {@code jvmOptions} and {@code args}. */
    public static List<String> command(Class<?> mainClass, List<String> jvmOptions, String... args) {
        Path testClasses = Path.of("target", "test-classes").toAbsolutePath();
        String modulePath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry).toAbsolutePath())
                .filter(entry -> !entry.equals(testClasses) && Files.exists(entry) && isModule(entry))
                .map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath, "--add-modules", "ALL-MODULE-PATH"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", testClasses.toString(), mainClass.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private static boolean isModule(Path entry) {
        try {
            return !ModuleFinder.of(entry).findAll().isEmpty();
        } catch (FindException e) {
            return false;   // not usable as a module (e.g. an invalid automatic module name)
        }
    }
}
