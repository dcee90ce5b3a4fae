package org.rpyc4j.classic;

import java.io.File;
import java.lang.module.ResolvedModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs {@link StdioMain} in a child JVM, with this JVM's own modules or class path. */
final class JavaCommand {
    private JavaCommand() {
    }

    static List<String> stdioServer() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xshare:auto");
        command.add("-XX:TieredStopAtLevel=1"); // a short-lived server: start fast
        Module classic = ClassicService.class.getModule();
        if (classic.isNamed() && classic.getLayer() != null) {
            // exactly the modules the classic service needs, where this JVM loaded them from
            List<String> path = new ArrayList<>();
            for (String name : List.of("org.rpyc4j.classic", "org.rpyc4j.core", "org.rpyc4j.api", "org.slf4j")) {
                ResolvedModule m = classic.getLayer().configuration().findModule(name).orElseThrow();
                path.add(Path.of(m.reference().location().orElseThrow()).toString());
            }
            command.addAll(List.of("--module-path", String.join(File.pathSeparator, path),
                    "-m", "org.rpyc4j.classic/" + StdioMain.class.getName()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), StdioMain.class.getName()));
        }
        return command;
    }
}
