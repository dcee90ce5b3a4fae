package org.rpyc4j.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.api.Exposed;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.ServiceFactory;

/**
 * {@link NetRef#asList()}, {@link NetRef#asMap()} and {@link NetRef#asFunction()} over a Java peer under rpyc's
 * default configuration (the views use special methods only), and views going back to the peer as its own objects.
 */
class NetRefViewsTest {
    public static class Holder {
        final List<Object> list = new ArrayList<>(List.of("a", "b"));
        final Map<Object, Object> map = new LinkedHashMap<>(Map.of("k", 1L));

        @Exposed
        public List<Object> list() {
            return list;
        }

        @Exposed
        public Map<Object, Object> map() {
            return map;
        }

        @Exposed
        public Function<Object, Object> twice() {
            return x -> (Long) x * 2;
        }

        @Exposed
        public boolean same(Object a, Object b) {
            return a == b;
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void viewsOfAJavaPeer(Dialect dialect) throws Exception {
        Holder holder = new Holder();
        try (LoopbackPair pair = LoopbackPair.open(ServiceFactory.shared(holder), dialect)) {
            NetRef root = pair.client.root();
            NetRef remoteList = (NetRef) root.callMethod("list");
            List<Object> list = remoteList.asList();
            assertEquals(List.of("a", "b"), new ArrayList<>(list));
            assertTrue(list.add("c"));
            list.add(0, "z");
            assertEquals("a", list.set(1, "A"));
            assertEquals("b", list.remove(2));
            assertEquals(List.of("z", "A", "c"), holder.list);
            assertTrue(list.contains("c"));
            assertThrows(IndexOutOfBoundsException.class, () -> list.get(10));
            list.clear();
            assertTrue(holder.list.isEmpty());

            Map<Object, Object> map = ((NetRef) root.callMethod("map")).asMap();
            assertEquals(1L, map.get("k"));
            assertNull(map.get("missing"));
            assertNull(map.put("j", 2L));
            assertEquals(2L, map.remove("j"));
            assertTrue(map.containsKey("k"));
            assertEquals(Map.of("k", 1L), new LinkedHashMap<>(map)); // entries: items() refused, keys + lookups
            assertEquals(Map.of("k", 1L), holder.map);

            Function<Object, Object> twice = ((NetRef) root.callMethod("twice")).asFunction();
            assertEquals(42L, twice.apply(21L));
            // a view sent back is the peer's own object again
            assertEquals(true, root.callMethod("same", list, remoteList));
            assertSame(remoteList, ((NetRefImpl.View) list).netRef());
        }
    }
}
