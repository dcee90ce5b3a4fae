package org.rpyc4j.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rpyc4j.testkit.PythonRpyc;

/**
 * A stock Python classic client that spawns the rpyc4j classic service as a child JVM and talks to it over the
 * child's standard input and output ({@code rpyc.utils.factory.connect_subproc(..., rpyc.classic.SlaveService)},
 * the way {@code rpyc.classic.connect_subproc} runs a Python classic server), with {@link StdioMain}.
 */
class ClassicStdioInteropTest {
    static List<PythonRpyc> peers() {
        return PythonRpyc.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void classicServiceOverStandardStreams(PythonRpyc peer) {
        peer.assumeAvailable();
        List<String> args = new ArrayList<>(List.of("stdio", "connect", "evaluation", "modules", "collections", "--"));
        args.addAll(JavaCommand.stdioServer());
        List<String> lines = ClassicServiceInteropTest.runClient(peer, args);
        assertEquals(List.of("SLAVE ('SLAVE', 'CLASSIC')"), ClassicServiceInteropTest.linesStarting(lines, "SERVICE"));
        assertEquals(List.of("ok"), ClassicServiceInteropTest.linesStarting(lines, "EVALUATION"));
        assertEquals(List.of("True"), ClassicServiceInteropTest.linesStarting(lines, "MODULES"));
        assertEquals(List.of("ok"), ClassicServiceInteropTest.linesStarting(lines, "COLLECTIONS"));
    }
}
