package org.rpyc4j.core.protocol;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.error.ProtocolException;
import org.rpyc4j.api.error.PythonError;
import org.rpyc4j.api.value.Tuple;

/** {@link NetRef#asMap()}. */
final class ProxyMapView extends AbstractMap<Object, Object> implements ProxyView {
    private final PeerObjectProxy ref;

    ProxyMapView(PeerObjectProxy ref) {
        this.ref = ref;
    }

    @Override
    public PeerObjectProxy netRef() {
        return ref;
    }

    /** Whether {@code e} is the peer's {@code name} exception (e.g. {@code KeyError}). */
    private static boolean isPython(RuntimeException e, String name) {
        return e instanceof PythonError p && p.info().name().equals(name);
    }

    @Override
    public int size() {
        return ref.len();
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
        return ref.contains(key);
    }

    @Override
    @Nullable
    public Object get(@Nullable Object key) {
        try {
            return ref.getItem(key);
        } catch (RuntimeException e) {
            if (isPython(e, "KeyError")) {
                return null;
            }
            throw e;
        }
    }

    @Override
    @Nullable
    public Object put(@Nullable Object key, @Nullable Object value) {
        Object old = get(key);
        ref.setItem(key, value);
        return old;
    }

    @Override
    @Nullable
    public Object remove(@Nullable Object key) {
        Object old;
        try {
            old = ref.getItem(key);
        } catch (RuntimeException e) {
            if (isPython(e, "KeyError")) {
                return null;
            }
            throw e;
        }
        ref.delItem(key);
        return old;
    }

    @Override
    public void clear() {
        try {
            ref.callMethod("clear");
        } catch (RuntimeException e) {
            if (!isPython(e, "AttributeError")) {
                throw e;
            }
            List<Object> keys = new ArrayList<>();
            ref.iterator().forEachRemaining(keys::add);
            keys.forEach(ref::delItem);
        }
    }

    @Override
    public Set<Object> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Object> iterator() {
                return ref.iterator();
            }

            @Override
            public int size() {
                return ref.len();
            }

            @Override
            public boolean contains(@Nullable Object o) {
                return ref.contains(o);
            }
        };
    }

    @Override
    public Set<Map.Entry<Object, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<Object, Object>> iterator() {
                return entries();
            }

            @Override
            public int size() {
                return ref.len();
            }
        };
    }

    /** Entries through {@code items()} (pairs in batches), or keys and a lookup each where that is refused. */
    private Iterator<Map.Entry<Object, Object>> entries() {
        Object items;
        try {
            items = ref.callMethod("items");
        } catch (RuntimeException e) {
            if (!isPython(e, "AttributeError")) {
                throw e;
            }
            Iterator<Object> keys = ref.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return keys.hasNext();
                }

                @Override
                public Map.Entry<Object, Object> next() {
                    Object k = keys.next();
                    return new Entry(k, ref.getItem(k));
                }
            };
        }
        Iterator<?> pairs = items instanceof NetRef r ? r.iterator()
                : items instanceof Tuple t ? t.items().iterator() : List.of().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return pairs.hasNext();
            }

            @Override
            public Map.Entry<Object, Object> next() {
                if (!(pairs.next() instanceof Tuple pair) || pair.size() != 2) {
                    throw new ProtocolException("items() yielded something other than pairs");
                }
                return new Entry(pair.get(0), pair.get(1));
            }
        };
    }

    /** An entry whose {@code setValue} writes through. */
    private final class Entry extends SimpleEntry<Object, Object> {
        Entry(@Nullable Object key, @Nullable Object value) {
            super(key, value);
        }

        @Override
        @Nullable
        public Object setValue(@Nullable Object value) {
            ref.setItem(getKey(), value);
            return super.setValue(value);
        }
    }

    @Override
    public String toString() {
        return "dict view of " + ref;
    }
}
