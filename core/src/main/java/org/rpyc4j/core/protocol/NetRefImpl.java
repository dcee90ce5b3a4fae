package org.rpyc4j.core.protocol;

import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import javax.annotation.Nullable;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.error.ProtocolException;
import org.rpyc4j.api.error.PythonError;
import org.rpyc4j.api.value.Slice;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.core.object.RemoteInterfaces;

/**
 * A proxy for one of the peer's objects. Operations are requests on the owning connection; the number of
 * references received for this id_pack is kept in {@link #refs} and released in one DEL when the proxy
 * becomes unreachable.
 */
final class NetRefImpl implements NetRef {
    /** How many items BUFFITER asks for at first, and the most it asks for (rpyc's buffiter doubles up to it). */
    private static final int FIRST_BATCH = 10;
    private static final int MAX_BATCH = 1000;

    final RpycConnection conn;
    final IdPack id;
    /** References the peer has sent for this id_pack; shared with the cleanup action. */
    final AtomicLong refs;

    NetRefImpl(RpycConnection conn, IdPack id, AtomicLong refs) {
        this.conn = conn;
        this.id = id;
        this.refs = refs;
    }

    @Override
    public Connection connection() {
        return conn;
    }

    @Override
    public String typeName() {
        return id.namePack();
    }

    @Override
    public boolean isClass() {
        return id.isClass();
    }

    @Override
    @Nullable
    public Object getattr(String name) {
        return conn.sync(HandlerCode.GETATTR, this, name);
    }

    @Override
    public void setattr(String name, @Nullable Object value) {
        conn.sync(HandlerCode.SETATTR, this, name, value);
    }

    @Override
    public void delattr(String name) {
        conn.sync(HandlerCode.DELATTR, this, name);
    }

    @Override
    @Nullable
    public Object call(@Nullable Object... args) {
        return conn.sync(HandlerCode.CALL, this, tuple(args), Tuple.EMPTY);
    }

    @Override
    @Nullable
    public Object call(List<?> args, Map<String, ?> kwargs) {
        return conn.sync(HandlerCode.CALL, this, new Tuple(new ArrayList<>(args)), kwargs(kwargs));
    }

    @Override
    @Nullable
    public Object callMethod(String name, @Nullable Object... args) {
        return conn.sync(HandlerCode.CALLATTR, this, name, tuple(args), Tuple.EMPTY);
    }

    @Override
    @Nullable
    public Object callMethod(String name, List<?> args, Map<String, ?> kwargs) {
        return conn.sync(HandlerCode.CALLATTR, this, name, new Tuple(new ArrayList<>(args)), kwargs(kwargs));
    }

    @Override
    public CompletableFuture<Object> callAsync(@Nullable Object... args) {
        return conn.async(HandlerCode.CALL, this, tuple(args), Tuple.EMPTY);
    }

    @Override
    public CompletableFuture<Object> callMethodAsync(String name, @Nullable Object... args) {
        return conn.async(HandlerCode.CALLATTR, this, name, tuple(args), Tuple.EMPTY);
    }

    @Override
    public String str() {
        return text(conn.sync(HandlerCode.STR, this));
    }

    @Override
    public String repr() {
        return text(conn.sync(HandlerCode.REPR, this));
    }

    @Override
    public long pyHash() {
        return number(conn.sync(HandlerCode.HASH, this)).longValue();
    }

    @Override
    public boolean pyEquals(@Nullable Object other) {
        return Boolean.TRUE.equals(conn.sync(HandlerCode.CMP, this, other, "__eq__"));
    }

    @Override
    public List<String> dir() {
        Object names = conn.sync(HandlerCode.DIR, this);
        if (names instanceof Tuple t) {
            return t.items().stream().map(String::valueOf).toList();
        }
        throw new ProtocolException("DIR answered " + names);
    }

    @Override
    public int len() {
        return Math.toIntExact(number(callMethod("__len__")).longValue());
    }

    @Override
    @Nullable
    public Object getItem(@Nullable Object key) {
        return callMethod("__getitem__", key);
    }

    @Override
    public void setItem(@Nullable Object key, @Nullable Object value) {
        callMethod("__setitem__", key, value);
    }

    @Override
    public void delItem(@Nullable Object key) {
        callMethod("__delitem__", key);
    }

    @Override
    public boolean contains(@Nullable Object item) {
        return Boolean.TRUE.equals(callMethod("__contains__", item));
    }

    @Override
    public Iterator<Object> iterator() {
        Object it = callMethod("__iter__");
        if (!(it instanceof NetRefImpl remote)) {
            throw new ProtocolException("__iter__ answered a value, not an iterator: " + it);
        }
        return new BufferedIterator(remote);
    }

    @Override
    public <T> T as(Class<T> api) {
        return RemoteInterfaces.proxy(this, api, false);
    }

    @Override
    public List<Object> asList() {
        return new ListView(this);
    }

    @Override
    public Map<Object, Object> asMap() {
        return new MapView(this);
    }

    @Override
    public Function<Object, Object> asFunction() {
        return new FunctionView(this);
    }

    @Override
    public String toString() {
        return "<netref " + id.namePack() + " #" + id.instanceId() + ">";
    }

    /** A Java view of a proxy; sent back to the peer, it is the peer's own object again. */
    interface View {
        NetRefImpl netRef();
    }

    /** Whether {@code e} is the peer's {@code name} exception (e.g. {@code KeyError}). */
    private static boolean isPython(RuntimeException e, String name) {
        return e instanceof PythonError p && p.info().name().equals(name);
    }

    /** {@link NetRef#asList()}: only special methods, so that rpyc's default policy lets every operation through. */
    private static final class ListView extends AbstractList<Object> implements View {
        private final NetRefImpl ref;

        ListView(NetRefImpl ref) {
            this.ref = ref;
        }

        @Override
        public NetRefImpl netRef() {
            return ref;
        }

        private static long checked(int index) {
            if (index < 0) {
                throw new IndexOutOfBoundsException("Index " + index + " out of bounds");
            }
            return index;
        }

        @Override
        public int size() {
            return ref.len();
        }

        @Override
        @Nullable
        public Object get(int index) {
            return ref.getItem(checked(index));
        }

        @Override
        @Nullable
        public Object set(int index, @Nullable Object element) {
            Object old = get(index);
            ref.setItem(checked(index), element);
            return old;
        }

        @Override
        public boolean add(@Nullable Object element) {
            ref.callMethod("__iadd__", Tuple.of(element)); // list += (x,): one request
            modCount++;
            return true;
        }

        @Override
        public void add(int index, @Nullable Object element) {
            long i = checked(index);
            ref.setItem(new Slice(i, i, null), Tuple.of(element)); // list[i:i] = (x,)
            modCount++;
        }

        @Override
        @Nullable
        public Object remove(int index) {
            Object old = get(index);
            ref.delItem(checked(index));
            modCount++;
            return old;
        }

        @Override
        public void clear() {
            ref.delItem(new Slice(null, null, null)); // del list[:]
            modCount++;
        }

        @Override
        public boolean contains(@Nullable Object o) {
            return ref.contains(o);
        }

        @Override
        public Iterator<Object> iterator() {
            return ref.iterator();
        }

        @Override
        public String toString() {
            return "list view of " + ref;
        }
    }

    /** {@link NetRef#asMap()}. */
    private static final class MapView extends AbstractMap<Object, Object> implements View {
        private final NetRefImpl ref;

        MapView(NetRefImpl ref) {
            this.ref = ref;
        }

        @Override
        public NetRefImpl netRef() {
            return ref;
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

    /** {@link NetRef#asFunction()}. */
    private record FunctionView(NetRefImpl netRef) implements Function<Object, Object>, View {
        @Override
        @Nullable
        public Object apply(@Nullable Object x) {
            return netRef.call(x);
        }

        @Override
        public String toString() {
            return "function view of " + netRef;
        }
    }

    private static Tuple tuple(@Nullable Object[] args) {
        return args == null || args.length == 0 ? Tuple.EMPTY : new Tuple(Arrays.asList(args));
    }

    private static Tuple kwargs(Map<String, ?> kwargs) {
        if (kwargs.isEmpty()) {
            return Tuple.EMPTY;
        }
        List<Object> pairs = new ArrayList<>(kwargs.size());
        new LinkedHashMap<>(kwargs).forEach((k, v) -> pairs.add(Tuple.of(k, v)));
        return new Tuple(pairs);
    }

    private static String text(@Nullable Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw new ProtocolException("expected a str, got " + value);
    }

    private static Number number(@Nullable Object value) {
        if (value instanceof Number n) {
            return n;
        }
        throw new ProtocolException("expected an int, got " + value);
    }

    /** Fetches items with BUFFITER in growing batches, as rpyc's {@code buffiter} does. */
    private static final class BufferedIterator implements Iterator<Object> {
        private final NetRefImpl remote;
        private final ArrayDeque<Object> buffer = new ArrayDeque<>();
        private int batch = FIRST_BATCH;
        private boolean exhausted;

        BufferedIterator(NetRefImpl remote) {
            this.remote = remote;
        }

        @Override
        public boolean hasNext() {
            if (buffer.isEmpty() && !exhausted) {
                Object items = remote.conn.sync(HandlerCode.BUFFITER, remote, (long) batch);
                if (!(items instanceof Tuple t)) {
                    throw new ProtocolException("BUFFITER answered " + items);
                }
                if (t.size() == 0) {
                    exhausted = true;
                } else {
                    // ArrayDeque refuses null, and None is a legal item
                    t.items().forEach(item -> buffer.add(item == null ? NULL : item));
                }
                batch = Math.min(batch * 2, MAX_BATCH);
            }
            return !buffer.isEmpty();
        }

        @Override
        @Nullable
        public Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Object item = buffer.poll();
            return item == NULL ? null : item;
        }

        private static final Object NULL = new Object();
    }
}
