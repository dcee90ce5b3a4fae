package org.rpyc4j.classic;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.Nullable;
import org.rpyc4j.core.object.NamePacked;

/**
 * The classic service's {@code namespace}: the Java session's variables as a live map. Reading a name reads the
 * variable, assigning declares or assigns it ({@code conn.namespace['y'] = 7} makes {@code eval("y + 1")} 8),
 * deleting drops it. Sent as a {@code builtins.dict}, as Python's namespace is, so a Python client needs no
 * INSPECT and uses it with dict syntax and methods ({@code keys()}, {@code items()}, {@code get()}, ...), which
 * the object model answers for every Java map.
 */
final class Namespace extends AbstractMap<String, Object> implements NamePacked {
    private final JavaSession session;

    Namespace(JavaSession session) {
        this.session = session;
    }

    @Override
    public String namePack() {
        return "builtins.dict";
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
        return key instanceof String name && session.has(name);
    }

    @Override
    @Nullable
    public Object get(@Nullable Object key) {
        if (!(key instanceof String name)) {
            return null;
        }
        Object value = session.get(name);
        return value == JavaSession.ABSENT ? null : value;
    }

    @Override
    @Nullable
    public Object put(String key, @Nullable Object value) {
        Object old = get(key);
        session.set(key, value);
        return old;
    }

    @Override
    @Nullable
    public Object remove(@Nullable Object key) {
        if (!(key instanceof String name)) {
            return null;
        }
        Object old = get(name);
        session.remove(name);
        return old;
    }

    @Override
    public int size() {
        return session.names().size();
    }

    @Override
    public Set<String> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<String> iterator() {
                return names(name -> name);
            }

            @Override
            public int size() {
                return Namespace.this.size();
            }

            @Override
            public boolean contains(@Nullable Object o) {
                return containsKey(o);
            }
        };
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return names(name -> new AbstractMap.SimpleEntry<>(name, Namespace.this.get(name)) {
                    @Override
                    public Object setValue(Object value) {
                        session.set(name, value);
                        return super.setValue(value);
                    }
                });
            }

            @Override
            public int size() {
                return Namespace.this.size();
            }
        };
    }

    /** The session's names, as {@code view} shows each; {@code remove()} removes the name from the session. */
    private <T> Iterator<T> names(Function<String, T> view) {
        Iterator<String> it = session.names().iterator();
        return new Iterator<>() {
            private @Nullable String last;

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public T next() {
                last = it.next();
                return view.apply(last);
            }

            @Override
            public void remove() {
                if (last == null) {
                    throw new IllegalStateException();
                }
                session.remove(last);
                last = null;
            }
        };
    }

    @Override
    public String toString() {
        return "<namespace of " + session + ">";
    }
}
