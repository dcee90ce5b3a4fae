package org.rpyc4j.core.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.core.testing.Resources;
import org.rpyc4j.testkit.JavaTestServer;
import org.rpyc4j.testkit.PythonProcess;
import org.rpyc4j.testkit.PythonRpyc;

/**
 * Stock Python rpyc clients (5.3.0 and 6.0.1) against an rpyc4j server serving {@link JavaTestService}. The
 * client script ({@code interop/java_server_client.py}) asserts what it can itself and prints the rest.
 */
class JavaServerInteropTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String CLIENT = Resources.text("interop/java_server_client.py");

    static List<PythonRpyc> peers() {
        return PythonRpyc.all();
    }

    /** Runs one section of the client script against a fresh server; its output lines up to DONE. */
    private static List<String> run(PythonRpyc peer, String section) throws Exception {
        peer.assumeAvailable();
        try (JavaTestServer server = JavaTestServer.start(c -> new JavaTestService());
             PythonProcess client = PythonProcess.start(peer, CLIENT, String.valueOf(server.port()), section)) {
            List<String> lines = new ArrayList<>();
            for (String line = client.readLine(TIMEOUT); !"DONE".equals(line); line = client.readLine(TIMEOUT)) {
                assertNotNull(line, () -> "the client ended early: " + lines + "\n" + client.stderr());
                lines.add(line);
            }
            assertEquals(0, client.waitFor(TIMEOUT), client::stderr);
            return lines;
        }
    }

    private static List<String> linesStarting(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix + " ")).map(l -> l.substring(prefix.length() + 1))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void everyBrineTypeRoundTrips(PythonRpyc peer) throws Exception {
        List<String> lines = run(peer, "values");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("none", "null");
        for (String b : List.of("true", "false")) {
            expected.put(b, "Boolean");
        }
        for (String i : List.of("int_0", "int_-48", "int_159", "int_160", "int_-49")) {
            expected.put(i, "Long");
        }
        for (String i : List.of("int_2**63", "int_-(2**100)", "int_10**254")) {
            expected.put(i, "BigInteger");
        }
        for (String f : List.of("float", "float_-0.0", "float_inf", "float_-inf", "float_nan", "float_nan_payload")) {
            expected.put(f, "Double");
        }
        expected.put("complex", "Complex");
        for (String b : List.of("bytes_0", "bytes_1", "bytes_2", "bytes_3", "bytes_4", "bytes_255", "bytes_256",
                "bytes_70000")) {
            expected.put(b, "byte[]");
        }
        for (String s : List.of("str_ascii", "str_emoji", "str_e128")) {
            expected.put(s, "String");
        }
        for (String t : List.of("tuple_empty", "tuple_nested", "tuple_300")) {
            expected.put(t, "Tuple");
        }
        expected.put("frozenset", "FrozenSet");
        expected.put("slice", "Slice");
        expected.put("ellipsis", "PyConstant");
        expected.put("notimplemented", "PyConstant");
        expected.put("str_large", "String");
        List<String> want = expected.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList();
        assertEquals(want, linesStarting(lines, "VALUE"));
        // Python compressed what it sent and inflated what rpyc4j sent
        assertEquals(List.of("True True"), linesStarting(lines, "COMPRESSION"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void javaExceptionsArriveAsPythonExceptions(PythonRpyc peer) throws Exception {
        List<String> lines = run(peer, "exceptions");
        String ok = " isinstance=True banner=True javaframe=True warning=False";
        assertEquals(List.of(
                "index IndexError builtins" + ok,
                "argument ValueError builtins" + ok,
                "number ValueError builtins" + ok,
                "cast TypeError builtins" + ok,
                "zero ZeroDivisionError builtins" + ok,
                "unsupported NotImplementedError builtins" + ok,
                "io OSError builtins" + ok,
                "notfound FileNotFoundError builtins" + ok,
                "state java.lang.IllegalStateException rpyc.core.vinegar/java.lang" + ok),
                linesStarting(lines, "EXCEPTION"));
        // the text names the Java exception
        Map<String, String> texts = linesStarting(lines, "TEXT").stream()
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(' ')), l -> l.substring(l.indexOf(' ') + 1)));
        assertEquals("java.lang.IndexOutOfBoundsException: Index 3 out of bounds for length 0", texts.get("index"));
        assertEquals("java.lang.IllegalArgumentException: bad argument", texts.get("argument"));
        assertTrue(texts.get("number").startsWith("java.lang.NumberFormatException: "), texts::toString);
        assertTrue(texts.get("cast").startsWith("java.lang.ClassCastException: "), texts::toString);
        assertEquals("java.lang.ArithmeticException: / by zero", texts.get("zero"));
        assertEquals("java.lang.UnsupportedOperationException", texts.get("unsupported"));
        assertEquals("java.io.IOException: disk on fire", texts.get("io"));
        assertEquals("java.io.FileNotFoundException: /no/such/file", texts.get("notfound"));
        assertEquals("java.lang.IllegalStateException: broken state", texts.get("state"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void pythonCallbacksAreCalledAndNest(PythonRpyc peer) throws Exception {
        List<String> lines = run(peer, "callbacks");
        assertEquals(List.of("4/3/2/1/bottom python_depth=5 java_depth=5"), linesStarting(lines, "NESTED"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void javaCollectionsAndCloseablesWorkByReference(PythonRpyc peer) throws Exception {
        List<String> lines = run(peer, "collections");
        assertEquals(List.of("(('a', 'B', 'c'), (('one', 1), ('two', 2)))"), linesStarting(lines, "SNAPSHOT"));
        assertEquals(List.of("closed=True"), linesStarting(lines, "WITH"));
        assertEquals(List.of("closed=True"), linesStarting(lines, "WITH_RAISE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void droppedProxiesReleaseJavaObjects(PythonRpyc peer) throws Exception {
        List<String> lines = run(peer, "release");
        assertEquals(List.of("start=%d held=1000 after=0".formatted(startCount(lines))),
                linesStarting(lines, "RELEASE"));
    }

    private static int startCount(List<String> lines) {
        String line = linesStarting(lines, "RELEASE").getFirst();
        int start = Integer.parseInt(line.substring("start=".length(), line.indexOf(' ')));
        assertTrue(start > 0, "the root and the two bound methods are exported: " + line);
        return start;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void concurrentPythonThreadsShareOneConnection(PythonRpyc peer) throws Exception {
        List<String> lines = run(peer, "threads");
        assertEquals(List.of("alive=0 errors=[]"), linesStarting(lines, "THREADS"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void serviceNameAliasesAndPing(PythonRpyc peer) throws Exception {
        List<String> lines = run(peer, "service");
        String dialect = peer.major() == 5 ? "V5" : "V6";
        assertEquals(List.of("JAVATEST ('JAVATEST',) " + dialect), linesStarting(lines, "SERVICE"));
    }

    /** A 5.x and a 6.x client on the same server at the same time: the dialect is detected per connection. */
    @Test
    void fiveAndSixClientsShareOneServer() throws Exception {
        PythonRpyc.v5().assumeAvailable();
        PythonRpyc.v6().assumeAvailable();
        String script = Resources.text("interop/mixed_client.py");
        try (JavaTestServer server = JavaTestServer.start(c -> new JavaTestService());
             PythonProcess five = PythonProcess.start(PythonRpyc.v5(), script, String.valueOf(server.port()));
             PythonProcess six = PythonProcess.start(PythonRpyc.v6(), script, String.valueOf(server.port()))) {
            assertEquals("READY 5.3.0 V5", five.readLine(TIMEOUT), five::stderr);
            assertEquals("READY 6.0.1 V6", six.readLine(TIMEOUT), six::stderr);
            // both connections are open at once, each in its own dialect
            assertEquals(Set.of(Dialect.V5, Dialect.V6),
                    server.connections().stream().map(org.rpyc4j.api.Connection::dialect).collect(Collectors.toSet()));
            five.writeLine("GO");
            six.writeLine("GO");
            assertEquals("DONE 200", five.readLine(TIMEOUT), five::stderr);
            assertEquals("DONE 200", six.readLine(TIMEOUT), six::stderr);
            assertEquals(0, five.waitFor(TIMEOUT), five::stderr);
            assertEquals(0, six.waitFor(TIMEOUT), six::stderr);
        }
    }
}
