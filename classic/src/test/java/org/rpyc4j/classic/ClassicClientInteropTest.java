package org.rpyc4j.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.error.RemoteArithmeticError;
import org.rpyc4j.api.error.RemoteException;
import org.rpyc4j.api.error.RemoteIndexError;
import org.rpyc4j.api.error.RemoteKeyError;
import org.rpyc4j.api.error.RemoteOSError;
import org.rpyc4j.api.error.RemoteTypeError;
import org.rpyc4j.api.error.RemoteValueError;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.core.protocol.RpycConnection;
import org.rpyc4j.testkit.PythonRpyc;

/**
 * The Java {@link ClassicClient} against stock Python {@code rpyc_classic} (rpyc 5.3.0 and 6.0.1): over TCP to
 * its threaded server, and over the standard streams of {@code rpyc_classic --mode stdio}, which talks back while
 * connecting (so the client's own classic service is exercised too).
 */
class ClassicClientInteropTest {
    static List<PythonRpyc> peers() {
        return PythonRpyc.all();
    }

    private static Dialect dialect(PythonRpyc peer) {
        return peer.major() == 5 ? Dialect.V5 : Dialect.V6;
    }

    /** A Python object seen through a Java interface. */
    public interface Greeter {
        String shout(String s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void overTcp(PythonRpyc peer) {
        peer.assumeAvailable();
        try (PythonClassicServer server = PythonClassicServer.start(peer);
             ClassicClient py = ClassicClient.connect("127.0.0.1", server.port())) {  // the dialect is found out
            assertEquals(dialect(peer), py.connection().dialect());
            assertEquals(0, ((RpycConnection) py.connection()).exportedObjectCount()); // a SlaveService server
            exercise(py);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("peers")
    void overStdio(PythonRpyc peer) {
        peer.assumeAvailable();
        try (ClassicClient py = ClassicClient.connectSubprocess(PythonClassicServer.stdioCommand(peer),
                dialect(peer))) {
            exercise(py);
            // the stdio server is a ClassicService: while connecting (served while this side waited for its own
            // replies) it fetched this side's getmodule, builtins, importlib.util, eval, execute and namespace
            int held = ((RpycConnection) py.connection()).exportedObjectCount();
            assertTrue(held >= 6, () -> "objects the server holds: " + held);
        }
    }

    private static void exercise(ClassicClient py) {
        // eval / execute / namespace
        assertEquals(2L, py.eval("1 + 1"));
        py.execute("x = 5");
        assertEquals(10L, py.eval("x * 2"));
        Map<Object, Object> ns = py.namespace();
        assertEquals(5L, ns.get("x"));
        ns.put("y", 7L);
        assertEquals(8L, py.eval("y + 1"));
        assertTrue(ns.containsKey("y"));
        assertNull(ns.get("no_such_name"));
        // modules, both forms
        NetRef getcwd = (NetRef) py.modules("os").getattr("getcwd");
        assertInstanceOf(String.class, getcwd.call());
        assertEquals("a/b", py.modules("os.path").callMethod("join", "a", "b"));
        assertTrue(py.hasModule("os"));
        assertFalse(py.hasModule("no_such_module_here"));
        assertEquals(3L, py.builtins().callMethod("len", Tuple.of(1, 2, 3)));
        // Python objects as Java views
        py.execute("lst = [1, 2, 3]\nd = {'a': 1}");
        List<Object> lst = ((NetRef) ns.get("lst")).asList();
        assertEquals(3, lst.size());
        assertEquals(1L, lst.get(0));
        lst.add(4L);
        lst.set(0, 10L);
        assertEquals(2L, lst.remove(1));
        lst.add(1, 20L);
        assertEquals(List.of(10L, 20L, 3L, 4L), new ArrayList<>(lst));
        assertEquals(List.of(10L, 20L, 3L, 4L), ((NetRef) py.eval("lst")).asList());
        assertThrows(IndexOutOfBoundsException.class, () -> lst.get(99));
        Map<Object, Object> d = ((NetRef) ns.get("d")).asMap();
        assertEquals(1L, d.get("a"));
        assertNull(d.get("zz"));
        assertNull(d.put("b", 2L));
        assertEquals(2L, py.eval("d['b']"));
        assertEquals(1L, d.remove("a"));
        assertEquals(Map.of("b", 2L), new LinkedHashMap<>(d));
        Function<Object, Object> triple = ((NetRef) py.eval("lambda v: v * 3")).asFunction();
        assertEquals(12L, triple.apply(4L));
        py.execute("class G:\n    def shout(self, s):\n        return s.upper() + '!'\ng = G()");
        assertEquals("HI!", ((NetRef) ns.get("g")).as(Greeter.class).shout("hi"));
        Iterator<Object> it = ((NetRef) py.eval("range(3)")).iterator();
        assertEquals(List.of(0L, 1L, 2L), List.of(it.next(), it.next(), it.next()));
        // Java objects and callbacks handed to Python
        NetRef applyTwice = (NetRef) py.eval("lambda f, v: f(f(v))");
        Function<Object, Object> doubler = v -> (Long) v * 2;
        assertEquals(20L, applyTwice.call(doubler, 5L));
        assertEquals(2L, ((NetRef) py.eval("len")).call(new ArrayList<>(List.of("a", "b"))));
        // Python exceptions as Java exceptions
        assertThrows(RemoteArithmeticError.class, () -> py.eval("1 / 0"));
        assertThrows(RemoteIndexError.class, () -> py.eval("[][1]"));
        assertThrows(RemoteKeyError.class, () -> py.eval("{}['k']"));
        assertThrows(RemoteValueError.class, () -> py.eval("int('x')"));
        assertThrows(RemoteTypeError.class, () -> py.eval("None + 1"));
        assertThrows(RemoteOSError.class, () -> py.eval("open('/no/such/file')"));
        RemoteException name = assertThrows(RemoteException.class, () -> py.eval("undefined_name"));
        assertEquals("NameError", name.pythonType());
        assertTrue(name.remoteTraceback().contains("Traceback (most recent call last)"), name::remoteTraceback);
    }
}
