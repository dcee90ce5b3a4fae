package org.rpyc4j.server.stdio;

import java.util.List;
import org.rpyc4j.server.testkit.DemoService;
import org.rpyc4j.spi.support.JavaCommand;

/** The command starting a stdio server of {@link DemoService} in a new JVM. */
final class StdioCommand {
    private StdioCommand() {
    }

    static List<String> demo() {
        return JavaCommand.runningLikeThisJvm("org.rpyc4j.server.stdio", StdioServer.class.getName())
                .jvmOption("-XX:+UseSerialGC")
                .arguments(DemoService.class.getName())
                .build();
    }
}
