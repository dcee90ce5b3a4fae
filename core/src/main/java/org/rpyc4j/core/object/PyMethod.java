package org.rpyc4j.core.object;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import javax.annotation.Nullable;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.value.FrozenSet;
import org.rpyc4j.api.value.Tuple;

/**
 * The Python methods of Python's {@code dict}, {@code list} and {@code set} on Java maps, lists and sets, under
 * their Python names: what a Python user (or a Python client whose proxy class is {@code builtins.dict}) calls
 * ({@code m.keys()}, {@code m.items()}, {@code l.append(x)}, {@code l.sort()}). A Java method of the same name
 * wins when one of its overloads fits the arguments ({@code list.sort(comparator)} is Java's,
 * {@code list.sort(key=f)} Python's; {@code list.remove(x)} stays Java's), except for a {@link #primary()} method,
 * whose Python semantics include the Java ones ({@code map.get(k)} also finds an {@code Integer} key for a
 * Python int). They are ordinary public members: the attribute policy decides, as for any member, whether the
 * peer reaches them (the classic configuration does; rpyc's default, like rpyc itself, refuses {@code keys} and
 * {@code append}).
 *
 * <p>{@code keys()} and {@code items()} return tuples, i.e. a snapshot sent by value in one round trip, rather
 * than live views; {@code values()} is Java's own {@code Map.values()}, a live collection (by reference).
 */
enum PyMethod {
    KEYS("keys", Kinds.MAP, false, "keys() -> tuple: the keys, a snapshot sent by value", 0, 0,
            (self, args) -> new Tuple(new ArrayList<>(map(self).keySet()))),
    ITEMS("items", Kinds.MAP, false, "items() -> tuple of (key, value): a snapshot sent by value", 0, 0,
            (self, args) -> {
                List<Object> out = new ArrayList<>();
                map(self).forEach((k, v) -> out.add(Tuple.of(k, v)));
                return new Tuple(out);
            }),
    GET("get", Kinds.MAP, true, "get(key, default=None): the value, or default when the key is absent", 1, 2,
            (self, args) -> {
                Map<?, ?> map = map(self);
                Object k = Keys.find(map, args.getFirst());
                return k == Keys.ABSENT ? (args.size() > 1 ? args.get(1) : null) : map.get(k);
            }),
    MAP_POP("pop", Kinds.MAP, false, "pop(key[, default]): removes the key and returns its value", 1, 2,
            (self, args) -> {
                Map<?, ?> map = map(self);
                Object k = Keys.find(map, args.getFirst());
                if (k == Keys.ABSENT) {
                    if (args.size() > 1) {
                        return args.get(1);
                    }
                    throw PyException.keyError(args.getFirst());
                }
                return map.remove(k);
            }),
    SETDEFAULT("setdefault", Kinds.MAP, false, "setdefault(key, default=None): the value, inserting default if absent",
            1, 2, (self, args) -> {
                Map<Object, Object> map = map(self);
                Object k = Keys.find(map, args.getFirst());
                if (k != Keys.ABSENT) {
                    return map.get(k);
                }
                Object value = args.size() > 1 ? args.get(1) : null;
                map.put(args.getFirst(), value);
                return value;
            }),
    MAP_UPDATE("update", Kinds.MAP, false, "update([other], **kwargs): puts the pairs of a mapping or of an iterable",
            (self, args, kwargs) -> {
                if (args.size() > 1) {
                    throw PyException.typeError("update expected at most 1 argument, got " + args.size());
                }
                Map<Object, Object> map = map(self);
                if (!args.isEmpty()) {
                    Object other = args.getFirst();
                    Map<?, ?> source = other instanceof Map<?, ?> m ? m
                            : other instanceof NetRef r && Conversions.isMapping(r) ? r.asMap() : null;
                    if (source != null) {
                        source.forEach((k, v) -> put(map, k, v));
                    } else {
                        for (Object pair : iterable(other)) {
                            List<Object> kv = items(pair);
                            if (kv.size() != 2) {
                                throw PyException.valueError("dictionary update sequence element has length "
                                        + kv.size() + "; 2 is required");
                            }
                            put(map, kv.get(0), kv.get(1));
                        }
                    }
                }
                kwargs.forEach((k, v) -> put(map, k, v));
                return null;
            }),
    MAP_COPY("copy", Kinds.MAP, false, "copy(): a shallow copy (a LinkedHashMap)", 0, 0,
            (self, args) -> new LinkedHashMap<>(map(self))),
    APPEND("append", Kinds.LIST, false, "append(x): adds x at the end", 1, 1,
            returningNone((self, args) -> list(self).add(args.getFirst()))),
    EXTEND("extend", Kinds.LIST, false, "extend(iterable): adds the items at the end", 1, 1,
            returningNone((self, args) -> addAll(list(self), args.getFirst()))),
    INSERT("insert", Kinds.LIST, false, "insert(index, x): inserts x before index", 2, 2,
            returningNone((self, args) -> {
                List<Object> list = list(self);
                long i = integer(args.getFirst());
                int n = list.size();
                long j = i < 0 ? Math.max(0, i + n) : Math.min(i, n);
                list.add((int) j, args.get(1));
            })),
    LIST_POP("pop", Kinds.LIST, false, "pop(index=-1): removes and returns the item at index", 0, 1,
            (self, args) -> {
                List<Object> list = list(self);
                if (list.isEmpty()) {
                    throw PyException.indexError("pop from empty list");
                }
                int i = args.isEmpty() ? list.size() - 1 : Dunder.index(list, args.getFirst());
                return list.remove(i);
            }),
    INDEX("index", Kinds.LIST, false, "index(x[, start[, stop]]): the first index of x, ValueError if absent", 1, 3,
            (self, args) -> {
                List<Object> list = list(self);
                int n = list.size();
                long start = args.size() > 1 ? clamp(integer(args.get(1)), n) : 0;
                long stop = args.size() > 2 ? clamp(integer(args.get(2)), n) : n;
                for (int i = (int) start; i < stop; i++) {
                    if (same(list.get(i), args.getFirst())) {
                        return (long) i;
                    }
                }
                throw PyException.valueError(args.getFirst() + " is not in list");
            }),
    COUNT("count", Kinds.LIST, false, "count(x): how many items equal x", 1, 1,
            (self, args) -> list(self).stream().filter(e -> same(e, args.getFirst())).count()),
    REVERSE("reverse", Kinds.LIST, false, "reverse(): reverses the list in place", 0, 0,
            returningNone((self, args) -> Collections.reverse(list(self)))),
    SORT("sort", Kinds.LIST, false, "sort(*, key=None, reverse=False): sorts in place, as Python does",
            (self, args, kwargs) -> {
                if (!args.isEmpty()) {
                    throw PyException.typeError("sort() takes no positional arguments");
                }
                for (String k : kwargs.keySet()) {
                    if (!k.equals("key") && !k.equals("reverse")) {
                        throw PyException.typeError("'" + k + "' is an invalid keyword argument for sort()");
                    }
                }
                sortPython(list(self), kwargs.get("key"), truthy(kwargs.get("reverse")));
                return null;
            }),
    LIST_COPY("copy", Kinds.LIST, false, "copy(): a shallow copy (an ArrayList)", 0, 0,
            (self, args) -> new ArrayList<>(list(self))),
    DISCARD("discard", Kinds.SET, false, "discard(x): removes x if present", 1, 1,
            returningNone((self, args) -> set(self).remove(args.getFirst()))),
    SET_UPDATE("update", Kinds.SET, false, "update(iterable): adds the items", 1, 1,
            returningNone((self, args) -> addAll(set(self), args.getFirst()))),
    SET_COPY("copy", Kinds.SET, false, "copy(): a shallow copy (a LinkedHashSet)", 0, 0,
            (self, args) -> new LinkedHashSet<>(set(self)));

    final String pyName;
    final String doc;
    private final Predicate<Class<?>> appliesTo;
    private final boolean primary;
    private final Body body;

    /** A method that takes keyword arguments, or checks its arguments itself. */
    PyMethod(String pyName, Predicate<Class<?>> appliesTo, boolean primary, String doc, Body body) {
        this.pyName = pyName;
        this.appliesTo = appliesTo;
        this.primary = primary;
        this.doc = doc;
        this.body = body;
    }

    /** A method of {@code minArgs} to {@code maxArgs} positional arguments and no keyword arguments. */
    PyMethod(String pyName, Predicate<Class<?>> appliesTo, boolean primary, String doc, int minArgs, int maxArgs,
            Positional body) {
        this(pyName, appliesTo, primary, doc, (self, args, kwargs) -> {
            arity(args, kwargs, minArgs, maxArgs);
            return body.invoke(self, args);
        });
    }

    boolean appliesTo(Class<?> type) {
        return appliesTo.test(type);
    }

    /** Whether the Python method is called even when a Java overload of the same name would fit. */
    boolean primary() {
        return primary;
    }

    @Nullable
    Object invoke(Object self, List<Object> args, Map<String, Object> kwargs) {
        return body.invoke(self, args, kwargs);
    }

    /** What a method does with the object it is called on and its arguments. */
    @FunctionalInterface
    private interface Body {
        @Nullable
        Object invoke(Object self, List<Object> args, Map<String, Object> kwargs);
    }

    /** What a method of positional arguments only does, its arguments counted already. */
    @FunctionalInterface
    private interface Positional {
        @Nullable
        Object invoke(Object self, List<Object> args);
    }

    /** What a method that returns {@code None} does. */
    @FunctionalInterface
    private interface Effect {
        void apply(Object self, List<Object> args);
    }

    private static Positional returningNone(Effect effect) {
        return (self, args) -> {
            effect.apply(self, args);
            return null;
        };
    }

    private static final class Kinds {
        static final Predicate<Class<?>> MAP = Map.class::isAssignableFrom;
        static final Predicate<Class<?>> LIST = List.class::isAssignableFrom;
        static final Predicate<Class<?>> SET = Set.class::isAssignableFrom;
    }

    private static void arity(List<Object> args, Map<String, Object> kwargs, int min, int max) {
        if (!kwargs.isEmpty()) {
            throw PyException.typeError("takes no keyword arguments");
        }
        if (args.size() < min || args.size() > max) {
            throw PyException.typeError("expected " + (min == max ? String.valueOf(min) : min + " to " + max)
                    + " arguments, got " + args.size());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> map(Object self) {
        return (Map<Object, Object>) self;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object self) {
        return (List<Object>) self;
    }

    @SuppressWarnings("unchecked")
    private static Set<Object> set(Object self) {
        return (Set<Object>) self;
    }

    private static void put(Map<Object, Object> map, @Nullable Object key, @Nullable Object value) {
        Object k = Keys.find(map, key);
        map.put(k == Keys.ABSENT ? key : k, value);
    }

    private static long integer(@Nullable Object value) {
        return switch (value) {
            case Long l -> l;
            case Integer i -> i;
            case Boolean b -> b ? 1 : 0;
            case null, default -> throw PyException.typeError("'" + ObjectModel.pythonTypeName(value)
                    + "' object cannot be interpreted as an integer");
        };
    }

    private static long clamp(long i, int n) {
        long j = i < 0 ? i + n : i;
        return Math.max(0, Math.min(j, n));
    }

    private static boolean same(@Nullable Object a, @Nullable Object b) {
        return Objects.equals(a, b) || Conversions.sameNumber(a, b);
    }

    private static boolean truthy(@Nullable Object value) {
        return switch (value) {
            case null -> false;
            case Boolean b -> b;
            case Number n -> n.doubleValue() != 0;
            default -> true;
        };
    }

    /** The members of a pair (a tuple, a Java list or array, a Map.Entry, a remote sequence). */
    private static List<Object> items(@Nullable Object pair) {
        if (pair instanceof Map.Entry<?, ?> e) {
            List<Object> kv = new ArrayList<>(2);
            kv.add(e.getKey());
            kv.add(e.getValue());
            return kv;
        }
        List<Object> out = new ArrayList<>();
        iterable(pair).forEach(out::add);
        return out;
    }

    /** What Python's iteration of {@code value} yields. */
    @SuppressWarnings("unchecked")
    static Iterable<?> iterable(@Nullable Object value) {
        return switch (value) {
            case Tuple t -> t.items();
            case FrozenSet f -> f.members();
            case String s -> s.codePoints().mapToObj(Character::toString).toList();
            case null -> throw PyException.typeError("'NoneType' object is not iterable");
            default -> {
                if (value instanceof Iterable<?> || value instanceof Map<?, ?> || value instanceof Iterator<?>
                        || value instanceof java.util.stream.BaseStream<?, ?> || value.getClass().isArray()) {
                    Iterator<?> it = Dunder.iterator(value);
                    yield () -> (Iterator<Object>) (Iterator<?>) it;
                }
                throw PyException.typeError("'" + ObjectModel.pythonTypeName(value) + "' object is not iterable");
            }
        };
    }

    /** Python's {@code list.sort(key=..., reverse=...)}: stable, keys compared as Python compares them. */
    static void sortPython(List<Object> list, @Nullable Object key, boolean reverse) {
        List<Object[]> decorated = new ArrayList<>(list.size());
        for (Object item : list) {
            Object k = key == null ? item : ObjectModel.call(key, java.util.Collections.singletonList(item), Map.of());
            decorated.add(new Object[] {k, item});
        }
        Comparator<Object[]> order = (a, b) -> compare(a[0], b[0]);
        decorated.sort(reverse ? order.reversed() : order);
        for (int i = 0; i < decorated.size(); i++) {
            list.set(i, decorated.get(i)[1]);
        }
    }

    /** Python's ordering of two values: numbers by value, strings, tuples and lists item by item, else Comparable. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(@Nullable Object a, @Nullable Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            if (x instanceof Double || x instanceof Float || y instanceof Double || y instanceof Float) {
                return Double.compare(x.doubleValue(), y.doubleValue());
            }
            return toBig(x).compareTo(toBig(y));
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        if (sequence(a) != null && sequence(b) != null) {
            List<?> x = sequence(a);
            List<?> y = sequence(b);
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                int c = compare(x.get(i), y.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        if (a instanceof Comparable ca && b != null) {
            try {
                return ca.compareTo(b);
            } catch (ClassCastException e) {
                // not comparable with each other: Python's TypeError below
            }
        }
        throw PyException.typeError("'<' not supported between instances of '" + ObjectModel.pythonTypeName(a)
                + "' and '" + ObjectModel.pythonTypeName(b) + "'");
    }

    @Nullable
    private static List<?> sequence(@Nullable Object v) {
        return switch (v) {
            case Tuple t -> t.items();
            case List<?> l -> l;
            case null, default -> v != null && v.getClass().isArray() && !(v instanceof byte[]) ? arrayList(v) : null;
        };
    }

    private static List<Object> arrayList(Object array) {
        int n = Array.getLength(array);
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(Array.get(array, i));
        }
        return out;
    }

    private static BigDecimal toBig(Number n) {
        return switch (n) {
            case BigDecimal d -> d;
            case BigInteger i -> new BigDecimal(i);
            default -> BigDecimal.valueOf(n.longValue());
        };
    }

    /** Adds the items of a Python iterable, collected first so that a collection can be extended by itself. */
    private static void addAll(java.util.Collection<Object> target, @Nullable Object iterable) {
        List<Object> items = new ArrayList<>();
        iterable(iterable).forEach(items::add);
        target.addAll(items);
    }
}
