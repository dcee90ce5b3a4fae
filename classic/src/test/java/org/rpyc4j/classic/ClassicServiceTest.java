package org.rpyc4j.classic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.error.RemoteIndexError;
import org.rpyc4j.api.error.RemoteException;
import org.rpyc4j.testkit.JavaTestServer;

/** The Java classic client against the Java classic service, in one JVM (no Python needed). */
class ClassicServiceTest {
    private static JavaTestServer server;
    private static ClassicClient client;

    @BeforeAll
    static void connect() throws Exception {
        server = JavaTestServer.start(ClassicService.factory(), ClassicService.config());
        client = ClassicClient.connect("127.0.0.1", server.port(), ClassicClient.options().withDialect(Dialect.V6));
    }

    @AfterAll
    static void close() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void evalAndExecutePersist() {
        assertEquals(2L, client.eval("1 + 1"));
        client.execute("int x = 5;");
        assertEquals(10L, client.eval("x * 2"));
        assertEquals("abc", client.eval("\"a\" + \"bc\""));
        assertEquals("c", client.eval("'c'"));
        assertEquals(1.5, client.eval("1.5f"));
        assertNull(client.eval("System.out.print(\"\")"));
        client.execute("int twice(int v) { return 2 * v; } class Box { public int v = 3; }");
        assertEquals(14L, client.eval("twice(7)"));
        NetRef box = (NetRef) client.eval("new Box()");
        assertEquals(3L, box.getattr("v"));
        assertEquals(List.of(1L, 2L), ((NetRef) client.eval("new ArrayList<>(List.of(1, 2))")).asList());
    }

    @Test
    void namespaceIsTheSessionsVariables() {
        client.execute("String greeting = \"hi\";");
        Map<Object, Object> ns = client.namespace();
        assertEquals("hi", ns.get("greeting"));
        ns.put("y", 7L);
        assertEquals(8L, client.eval("y + 1"));
        assertTrue(ns.containsKey("y"));
        ns.put("y", "now a string");
        assertEquals(12L, client.eval("y.length()"));
        ns.remove("y");
        assertTrue(!ns.containsKey("y"));
        assertTrue(ns.keySet().contains("greeting"));
    }

    @Test
    void errorsArriveAsPythonExceptions() {
        RemoteException syntax = assertThrows(RemoteException.class, () -> client.eval("1 +"));
        assertEquals("SyntaxError", syntax.pythonType());
        assertTrue(syntax.getMessage().contains("cannot compile"), syntax::getMessage);
        RemoteException name = assertThrows(RemoteException.class, () -> client.eval("undefinedName + 1"));
        assertEquals("NameError", name.pythonType());
        assertThrows(RemoteIndexError.class, () -> client.eval("List.of().get(3)"));
        RemoteException state = assertThrows(RemoteException.class,
                () -> client.eval("throw new IllegalStateException(\"broken\")"));
        assertEquals("java.lang.IllegalStateException", state.pythonType());
    }

    @Test
    void modulesAreClassesAndPackages() {
        NetRef arrayList = client.modules("java.util.ArrayList");
        assertTrue(arrayList.isClass());
        NetRef list = (NetRef) arrayList.call();
        list.callMethod("add", "a");
        assertEquals(1, list.len());
        NetRef java = client.modules("java");
        NetRef system = (NetRef) ((NetRef) java.getattr("lang")).getattr("System");
        assertInstanceOf(String.class, system.callMethod("getProperty", "java.version"));
        assertTrue(client.hasModule("java.util"));
        assertTrue(!client.hasModule("no.such.thing"));
        RemoteException missing = assertThrows(RemoteException.class, () -> client.modules("os"));
        assertEquals("ModuleNotFoundError", missing.pythonType());
        NetRef entry = client.modules("java.util.Map.Entry");
        assertTrue(entry.isClass());
        assertEquals(3L, client.builtins().callMethod("len", list("x", "y", "z")));
    }

    private static org.rpyc4j.api.value.Tuple list(Object... items) {
        return org.rpyc4j.api.value.Tuple.of(items);
    }
}
