package org.rpyc4j.classic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.value.PyRepr;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.core.object.NamePacked;
import org.rpyc4j.core.object.ObjectContext;
import org.rpyc4j.core.object.ObjectModel;
import org.rpyc4j.core.object.PyException;

/**
 * The classic service's {@code builtins} module ({@code conn.builtins}, {@code conn.modules.builtins}): Python's
 * builtin functions that make sense for Java objects, applied by the server to its own objects.
 * {@code conn.builtins.tuple(java_list)} is a one-round-trip copy of a whole collection (a tuple travels by
 * value), as it is against a Python classic server. Attribute functions ({@code getattr}, {@code dir}, ...) apply
 * the connection's attribute policy.
 */
@SuppressWarnings("exports") // NamePacked is exported to this module only: it is how rpyc4j names the object
public final class PyBuiltins implements NamePacked {
    private final Supplier<ObjectContext> context;

    PyBuiltins(Supplier<ObjectContext> context) {
        this.context = context;
    }

    private ObjectContext ctx() {
        ObjectContext c = context.get();
        if (c == null) {
            throw PyException.of("RuntimeError", "the classic service is not connected");
        }
        return c;
    }

    /** {@code len(x)}. */
    public long len(@Nullable Object x) {
        return ObjectModel.pyLen(x);
    }

    /** {@code str(x)}. */
    public String str(@Nullable Object x) {
        return switch (x) {
            case null -> "None";
            case NetRef r -> r.str();
            case Boolean b -> b ? "True" : "False";
            case Tuple t -> PyRepr.of(t);
            case byte[] b -> PyRepr.of(b);
            default -> String.valueOf(x);
        };
    }

    /** {@code repr(x)}. */
    public String repr(@Nullable Object x) {
        return switch (x) {
            case null -> "None";
            case NetRef r -> r.repr();
            case String s -> PyRepr.of(s);
            case Boolean b -> PyRepr.of(b);
            case Number n -> PyRepr.of(n);
            case Tuple t -> PyRepr.of(t);
            case byte[] b -> PyRepr.of(b);
            default -> ObjectModel.repr(x);
        };
    }

    /** {@code hash(x)}. */
    public long hash(@Nullable Object x) {
        return x == null ? 0 : x instanceof NetRef r ? r.pyHash() : x.hashCode();
    }

    /** {@code id(x)}: the identity hash code. */
    public long id(@Nullable Object x) {
        return System.identityHashCode(x);
    }

    /** {@code type(x)}: the object's Java class. */
    @Nullable
    public Class<?> type(@Nullable Object x) {
        return x == null ? Void.class : x.getClass();
    }

    /** {@code isinstance(x, cls)}, {@code cls} a class or a tuple of classes. */
    public boolean isinstance(@Nullable Object x, Object cls) {
        return switch (cls) {
            case Class<?> c -> c.isInstance(x);
            case Tuple t -> t.items().stream().anyMatch(c -> isinstance(x, c));
            default -> throw PyException.typeError("isinstance() arg 2 must be a Java class or a tuple of classes");
        };
    }

    /** {@code issubclass(sub, cls)}. */
    public boolean issubclass(Class<?> sub, Object cls) {
        return switch (cls) {
            case Class<?> c -> c.isAssignableFrom(sub);
            case Tuple t -> t.items().stream().anyMatch(c -> issubclass(sub, c));
            default -> throw PyException.typeError("issubclass() arg 2 must be a Java class or a tuple of classes");
        };
    }

    /** {@code callable(x)}. */
    public boolean callable(@Nullable Object x) {
        return x != null && ObjectModel.isCallable(x);
    }

    /** {@code getattr(x, name)}, under the connection's attribute policy. */
    @Nullable
    public Object getattr(Object x, String name) {
        return ObjectModel.getAttr(ctx(), x, name);
    }

    /** {@code getattr(x, name, default)}. */
    @Nullable
    public Object getattr(Object x, String name, @Nullable Object dflt) {
        try {
            return ObjectModel.getAttr(ctx(), x, name);
        } catch (PyException e) {
            if (e.pythonType().equals("AttributeError")) {
                return dflt;
            }
            throw e;
        }
    }

    /** {@code hasattr(x, name)}. */
    public boolean hasattr(Object x, String name) {
        try {
            ObjectModel.getAttr(ctx(), x, name);
            return true;
        } catch (PyException e) {
            if (e.pythonType().equals("AttributeError")) {
                return false;
            }
            throw e;
        }
    }

    /** {@code setattr(x, name, value)}, under the connection's attribute policy. */
    public void setattr(Object x, String name, @Nullable Object value) {
        ObjectModel.setAttr(ctx(), x, name, value);
    }

    /** {@code dir(x)}. */
    public Tuple dir(Object x) {
        return ObjectModel.dir(ctx(), x);
    }

    /** {@code iter(x)}: a Java iterator. */
    public java.util.Iterator<?> iter(@Nullable Object x) {
        return ObjectModel.pyIterable(x).iterator();
    }

    /** {@code next(iterator)}: StopIteration at the end. */
    @Nullable
    public Object next(java.util.Iterator<?> it) {
        if (!it.hasNext()) {
            throw PyException.stopIteration();
        }
        return it.next();
    }

    /** {@code next(iterator, default)}. */
    @Nullable
    public Object next(java.util.Iterator<?> it, @Nullable Object dflt) {
        return it.hasNext() ? it.next() : dflt;
    }

    /** {@code tuple(iterable)}: a copy sent by value (its non-value members by reference), in one round trip. */
    public Tuple tuple(@Nullable Object iterable) {
        List<Object> items = new ArrayList<>();
        ObjectModel.pyIterable(iterable).forEach(items::add);
        return new Tuple(items);
    }

    /** {@code list()}: a new, empty {@code ArrayList}. */
    public List<Object> list() {
        return new ArrayList<>();
    }

    /** {@code list(iterable)}: a new {@code ArrayList}. */
    public List<Object> list(@Nullable Object iterable) {
        List<Object> items = new ArrayList<>();
        ObjectModel.pyIterable(iterable).forEach(items::add);
        return items;
    }

    /** {@code dict()}: a new, empty {@code LinkedHashMap}. */
    public Map<Object, Object> dict() {
        return new LinkedHashMap<>();
    }

    /** {@code dict(mapping)}: a {@code LinkedHashMap} copy of a Java map or of the peer's dict. */
    public Map<Object, Object> dict(Object mapping) {
        return switch (mapping) {
            case Map<?, ?> m -> new LinkedHashMap<>(m);
            case NetRef r -> new LinkedHashMap<>(r.asMap());
            default -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Object pair : ObjectModel.pyIterable(mapping)) {
                    List<Object> kv = list(pair);
                    if (kv.size() != 2) {
                        throw PyException.valueError("dictionary update sequence element has length " + kv.size()
                                + "; 2 is required");
                    }
                    out.put(kv.get(0), kv.get(1));
                }
                yield out;
            }
        };
    }

    /** {@code set(iterable)}: a new {@code LinkedHashSet}. */
    public Set<Object> set(@Nullable Object iterable) {
        Set<Object> out = new LinkedHashSet<>();
        ObjectModel.pyIterable(iterable).forEach(out::add);
        return out;
    }

    /** {@code sorted(iterable, key=None, reverse=False)}: a new sorted {@code ArrayList}. */
    public List<Object> sorted(@Nullable Object iterable) {
        return sorted(iterable, null, false);
    }

    /** {@code sorted(iterable, key=f)}. */
    public List<Object> sorted(@Nullable Object iterable, @Nullable Object key) {
        return sorted(iterable, key, false);
    }

    /** {@code sorted(iterable, reverse=True)}. */
    public List<Object> sorted(@Nullable Object iterable, boolean reverse) {
        return sorted(iterable, null, reverse);
    }

    /** {@code sorted(iterable, key=None, reverse=False)}: a new sorted {@code ArrayList}. */
    public List<Object> sorted(@Nullable Object iterable, @Nullable Object key, boolean reverse) {
        List<Object> items = list(iterable);
        ObjectModel.pySort(items, key, reverse);
        return items;
    }

    /** {@code print(*values)}: to this JVM's standard output, separated by spaces. */
    public void print(Object... values) {
        System.out.println(java.util.Arrays.stream(values).map(this::str).collect(Collectors.joining(" ")));
    }

    @Override
    public String namePack() {
        return "builtins";
    }

    @Override
    public String toString() {
        return "<module 'builtins' (rpyc4j classic service)>";
    }
}
