package org.rpyc4j.core.object;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rpyc4j.api.ProtocolConfig;
import org.rpyc4j.api.value.Slice;
import org.rpyc4j.api.value.Tuple;

/** The object model's behaviour for Java objects, without a connection. */
class ObjectModelTest {
    private record Ctx(ProtocolConfig config) implements ObjectContext {
        @Override
        public boolean isRoot(Object object) {
            return false;
        }

        @Override
        public List<String> serviceAliases() {
            return List.of("TEST");
        }
    }

    private static final ObjectContext CLASSIC = new Ctx(ProtocolConfig.classic());
    private static final ObjectContext DEFAULT = new Ctx(ProtocolConfig.defaults());

    private static Object call(ObjectContext ctx, Object obj, String name, Object... args) {
        return ObjectModel.callAttr(ctx, obj, name, java.util.Arrays.asList(args), Map.of());
    }

    @Test
    void membersAreReachedThroughPublicTypes() {
        // ArrayList's iterator is a private class: next() is found on java.util.Iterator
        Object it = call(CLASSIC, new ArrayList<>(List.of(1, 2)), "iterator");
        assertEquals(1, call(CLASSIC, it, "next"));
        assertTrue((Boolean) call(CLASSIC, it, "hasNext"));
        // a member class of a class
        assertSame(Map.Entry.class, ObjectModel.getAttr(CLASSIC, Map.class, "Entry"));
    }

    @Test
    void intOverloadsWinWhenTheValueFits() {
        assertEquals(7L, ((Number) call(CLASSIC, Math.class, "max", 3L, 7L)).longValue());
        assertInstanceOf(Integer.class, call(CLASSIC, Math.class, "max", 3L, 7L));
        assertInstanceOf(Long.class, call(CLASSIC, Math.class, "max", 3L, 1L << 40));
        PyException e = assertThrows(PyException.class, () -> call(CLASSIC, Math.class, "max", "a", "b"));
        assertTrue(e.getMessage().startsWith("no overload of max accepts (str, str); candidates: "), e::getMessage);
    }

    @Test
    void pythonMethodsOfMaps() {
        Map<Object, Object> m = new LinkedHashMap<>(Map.of("a", 1L));
        Map<Object, Object> ints = new LinkedHashMap<>(Map.of(1, "one"));
        assertEquals(Tuple.of("a"), call(CLASSIC, m, "keys"));
        assertEquals(Tuple.of(Tuple.of("a", 1L)), call(CLASSIC, m, "items"));
        assertEquals("one", call(CLASSIC, ints, "get", 1L));        // a Python int finds an Integer key
        assertEquals(0L, call(CLASSIC, m, "get", "z", 0L));
        assertEquals(5L, call(CLASSIC, m, "setdefault", "b", 5L));
        call(CLASSIC, m, "update", Tuple.of(Tuple.of("c", 3L)));
        assertEquals(3L, call(CLASSIC, m, "pop", "c"));
        assertEquals(PyException.class, assertThrows(PyException.class, () -> call(CLASSIC, m, "pop", "c")).getClass());
        assertEquals("KeyError", assertThrows(PyException.class, () -> call(CLASSIC, m, "pop", "c")).pythonType());
        assertEquals(Map.of("a", 1L, "b", 5L), call(CLASSIC, m, "copy"));
        // the policy stays rpyc's: refused under the default configuration
        assertThrows(PyException.class, () -> ObjectModel.getAttr(DEFAULT, m, "keys"));
    }

    @Test
    void pythonMethodsOfLists() {
        List<Object> l = new ArrayList<>(List.of("b", "a"));
        call(CLASSIC, l, "append", "c");
        call(CLASSIC, l, "extend", Tuple.of("d", "e"));
        call(CLASSIC, l, "insert", -1L, "x");
        assertEquals(List.of("b", "a", "c", "d", "x", "e"), l);
        assertEquals("e", call(CLASSIC, l, "pop"));
        assertEquals("b", call(CLASSIC, l, "pop", 0L));
        assertEquals(1L, call(CLASSIC, l, "index", "c"));
        assertEquals(1L, call(CLASSIC, l, "count", "x"));
        ObjectModel.callAttr(CLASSIC, l, "sort", List.of(), Map.of("reverse", true)); // Python's sort
        assertEquals(List.of("x", "d", "c", "a"), l);
        call(CLASSIC, l, "sort", (java.util.Comparator<Object>) (x, y) -> ((String) x).compareTo((String) y));
        assertEquals(List.of("a", "c", "d", "x"), l);                                  // Java's sort
        call(CLASSIC, l, "reverse");
        assertEquals(List.of("x", "d", "c", "a"), l);
        assertEquals("ValueError", assertThrows(PyException.class, () -> call(CLASSIC, l, "index", "q")).pythonType());
        Set<Object> s = new LinkedHashSet<>(List.of(1L, 2L));
        call(CLASSIC, s, "discard", 1L);
        assertEquals(Set.of(2L), s);
    }

    @Test
    void sequencesSliceAndExtend() {
        List<Object> l = new ArrayList<>(List.of(0L, 1L, 2L, 3L, 4L));
        call(DEFAULT, l, "__setitem__", new Slice(1L, 3L, null), Tuple.of("a", "b", "c"));
        assertEquals(List.of(0L, "a", "b", "c", 3L, 4L), l);
        call(DEFAULT, l, "__delitem__", new Slice(null, null, 2L));
        assertEquals(List.of("a", "c", 4L), l);
        assertSame(l, call(DEFAULT, l, "__iadd__", Tuple.of(5L)));
        assertEquals(List.of("a", "c", 4L, 5L), l);
        int[] a = {1, 2, 3};
        call(DEFAULT, a, "__setitem__", new Slice(null, null, -1L), Tuple.of(7L, 8L, 9L));
        assertArrayEquals(new int[] {9, 8, 7}, a);
        assertEquals("ValueError", assertThrows(PyException.class,
                () -> call(DEFAULT, a, "__setitem__", new Slice(null, null, null), Tuple.of(1L))).pythonType());
    }

    @Test
    void pickleOfPlainData() {
        assertEquals("80045d284b018c0161652e", HexFormat.of().formatHex(Pickler.dumps(List.of(1L, "a"))));
        assertEquals("80045d284dffff4a000001004affffffff65" + "2e",
                HexFormat.of().formatHex(Pickler.dumps(List.of(65535L, 65536L, -1L))));
        Map<String, Object> big = new LinkedHashMap<>();
        big.put("k", BigInteger.ONE.shiftLeft(64));
        assertEquals("80047d288c016b8a09000000000000000001752e", HexFormat.of().formatHex(Pickler.dumps(big)));
        assertEquals("TypeError", assertThrows(PyException.class, () -> Pickler.dumps(new Object())).pythonType());
        List<Object> loop = new ArrayList<>();
        loop.add(loop);
        assertEquals("ValueError", assertThrows(PyException.class, () -> Pickler.dumps(loop)).pythonType());
        assertThrows(PyException.class, () -> ObjectModel.pickle(DEFAULT, List.of()));   // pickling is disabled
    }
}
