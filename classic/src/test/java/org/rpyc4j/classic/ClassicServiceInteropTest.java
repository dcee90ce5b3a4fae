package org.rpyc4j.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rpyc4j.testkit.JavaTestServer;
import org.rpyc4j.testkit.PythonProcess;
import org.rpyc4j.testkit.PythonRpyc;

/**
 * A stock Python classic client ({@code rpyc.classic.connect}, rpyc 5.3.0 and 6.0.1) against the rpyc4j classic
 * service over TCP: eval/execute, the namespace, modules, every row of the object mapping (docs/OBJECTS.md),
 * callbacks, exceptions, releasing proxies. The client script ({@code classic/classic_client.py}) asserts what it
 * can itself and prints the rest.
 */
class ClassicServiceInteropTest {
    static final Duration TIMEOUT = Duration.ofSeconds(90);
    static final String CLIENT = text("classic/classic_client.py");

    static List<PythonRpyc> peers() {
        return PythonRpyc.all();
    }

    static String text(String resource) {
        try (InputStream in = ClassicServiceInteropTest.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs sections of the client script against a fresh classic server; its output lines up to DONE. */
    static List<String> run(PythonRpyc peer, String... sections) throws Exception {
        peer.assumeAvailable();
        try (JavaTestServer server = JavaTestServer.start(ClassicService.factory(), ClassicService.config())) {
            List<String> args = new ArrayList<>(List.of("tcp", String.valueOf(server.port())));
            args.addAll(List.of(sections));
            return runClient(peer, args);
        }
    }

    static List<String> runClient(PythonRpyc peer, List<String> args) {
        try (PythonProcess client = PythonProcess.start(peer, Duration.ofSeconds(180), CLIENT,
                args.toArray(String[]::new))) {
            List<String> lines = new ArrayList<>();
            for (String line = client.readLine(TIMEOUT); !"DONE".equals(line); line = client.readLine(TIMEOUT)) {
                assertNotNull(line, () -> "the client ended early: " + lines + "\n" + client.stderr());
                lines.add(line);
            }
            assertEquals(0, client.waitFor(TIMEOUT), client::stderr);
            return lines;
        }
    }

    static List<String> linesStarting(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix + " ")).map(l -> l.substring(prefix.length() + 1))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void classicConnectSequenceSucceeds(PythonRpyc peer) throws Exception {
        List<String> lines = run(peer, "connect");
        assertEquals(List.of("SLAVE ('SLAVE', 'CLASSIC')"), linesStarting(lines, "SERVICE"));
        assertEquals(List.of("org.rpyc4j.classic.ClassicService builtins.dict"), linesStarting(lines, "ROOT"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void evalExecuteAndNamespacePersist(PythonRpyc peer) throws Exception {
        List<String> lines = run(peer, "evaluation");
        assertEquals(List.of("ok"), linesStarting(lines, "EVALUATION"));
        assertTrue(linesStarting(lines, "SYNTAX").getFirst().startsWith("cannot compile `1 +`"), lines::toString);
        assertEquals(List.of("java.lang.IndexOutOfBoundsException: Index 3 out of bounds for length 0"),
                linesStarting(lines, "EVAL_INDEX"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void modulesAreClassesAndPackages(PythonRpyc peer) throws Exception {
        assertEquals(List.of("True"), linesStarting(run(peer, "modules"), "MODULES"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void javaObjectsBehaveLikePythonObjects(PythonRpyc peer) throws Exception {
        List<String> lines = run(peer, "objects");
        assertEquals(List.of("ok"), linesStarting(lines, "OBJECTS"));
        String overload = linesStarting(lines, "OVERLOAD").getFirst();
        assertTrue(overload.startsWith("no overload of num accepts (str); candidates: "), overload);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void pythonCallablesBecomeFunctionalInterfaces(PythonRpyc peer) throws Exception {
        assertEquals(List.of("ok"), linesStarting(run(peer, "callbacks"), "CALLBACKS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void collectionsAreSequencesMappingsAndIterables(PythonRpyc peer) throws Exception {
        assertEquals(List.of("ok"), linesStarting(run(peer, "collections"), "COLLECTIONS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void javaExceptionsArriveAsTheNaturalPythonExceptions(PythonRpyc peer) throws Exception {
        List<String> lines = run(peer, "exceptions");
        String ok = " banner=True javaframe=True";
        assertEquals(List.of(
                "index IndexError" + ok,
                "argument ValueError" + ok,
                "number ValueError" + ok,
                "cast TypeError" + ok,
                "zero ZeroDivisionError" + ok,
                "arith ArithmeticError" + ok,
                "unsupported NotImplementedError" + ok,
                "io OSError" + ok,
                "notfound FileNotFoundError" + ok,
                "state java.lang.IllegalStateException" + ok,
                "mapkey KeyError args=('absent',)"),
                linesStarting(lines, "EXCEPTION"));
        Map<String, String> texts = linesStarting(lines, "TEXT").stream()
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(' ')), l -> l.substring(l.indexOf(' ') + 1)));
        assertTrue(texts.get("index").startsWith("java.lang.IndexOutOfBoundsException: "), texts::toString);
        assertTrue(texts.get("number").startsWith("java.lang.NumberFormatException: "), texts::toString);
        assertTrue(texts.get("cast").startsWith("java.lang.ClassCastException: "), texts::toString);
        assertEquals("java.lang.ArithmeticException: / by zero", texts.get("zero"));
        assertEquals("java.io.IOException: disk on fire", texts.get("io"));
        assertEquals("java.nio.file.NoSuchFileException: /no/such/file", texts.get("notfound"));
        assertEquals("java.lang.IllegalStateException: broken", texts.get("state"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void tenThousandProxiesAreReleased(PythonRpyc peer) throws Exception {
        List<String> lines = run(peer, "release");
        String line = linesStarting(lines, "RELEASE").getFirst();
        assertTrue(line.endsWith(" held=10000 after=0"), line);
    }
}
