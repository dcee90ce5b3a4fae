package org.rpyc4j.spi.support;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The command line of a new JVM that sees what this one sees: the same {@code java}, module path, class
 * path, module options ({@code --add-opens}, {@code --patch-module}, ...) and {@code -D} system properties;
 * for a server that serves in another process (forking) or a test spawning a server. Debugger and agent
 * options and {@code -X} tuning are not carried over: the new JVM gets its own with {@link #jvmOption}.
 */
public final class JavaCommand {
    private static final List<String> CARRIED_PREFIXES = List.of("--add-reads=", "--add-exports=", "--add-opens=",
            "--patch-module=", "--add-modules=", "--enable-native-access=", "--limit-modules=",
            "--upgrade-module-path=", "-D");
    /** Set by the launcher for the main module, or describing paths given separately: never carried. */
    private static final List<String> DROPPED_PREFIXES = List.of("-Djdk.module.", "-Djava.class.path=",
            "-Djava.library.path=");

    private final List<String> jvmOptions = new ArrayList<>();
    private final List<String> arguments = new ArrayList<>();
    private final String module;
    private final String mainClass;

    private JavaCommand(String module, String mainClass) {
        this.module = Objects.requireNonNull(module, "module");
        this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
    }

    /**
     * A command running {@code mainClass}, in module {@code module} when this JVM runs that module from the
     * module path, else from the class path.
     */
    public static JavaCommand runningLikeThisJvm(String module, String mainClass) {
        return new JavaCommand(module, mainClass);
    }

    /** Adds a JVM option (before the main class), e.g. {@code -Xmx64m}. */
    public JavaCommand jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** Adds JVM options. */
    public JavaCommand jvmOptions(List<String> options) {
        jvmOptions.addAll(options);
        return this;
    }

    /** Adds program arguments (after the main class). */
    public JavaCommand arguments(String... args) {
        arguments.addAll(List.of(args));
        return this;
    }

    /** The full command line. */
    public List<String> build() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (CARRIED_PREFIXES.stream().anyMatch(option::startsWith)
                    && DROPPED_PREFIXES.stream().noneMatch(option::startsWith)) {
                command.add(option);
            }
        }
        String modulePath = System.getProperty("jdk.module.path", "");
        String classPath = System.getProperty("java.class.path", "");
        // a module of the boot layer runs as a module: from the module path, or linked into the runtime image (jlink)
        boolean modular = ModuleLayer.boot().findModule(module).isPresent();
        if (!modulePath.isEmpty()) {
            command.add("--module-path=" + modulePath);
            command.add("--add-modules=ALL-MODULE-PATH");   // the service's module need not be required by anyone
        }
        if (!classPath.isEmpty()) {
            command.add("-cp");
            command.add(classPath);
        }
        command.addAll(jvmOptions);
        if (modular) {
            command.add("-m");
            command.add(module + "/" + mainClass);
        } else {
            command.add(mainClass);
        }
        command.addAll(arguments);
        return command;
    }
}
