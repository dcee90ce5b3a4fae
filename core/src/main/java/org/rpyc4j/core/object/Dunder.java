package org.rpyc4j.core.object;

import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import java.util.stream.BaseStream;
import javax.annotation.Nullable;
import org.rpyc4j.api.value.PyConstant;
import org.rpyc4j.api.value.Slice;

/**
 * The Python special methods a Java object supports, by what it is: {@code List}/arrays are sequences,
 * {@code Map}s are mappings, {@code Iterable}s iterate, {@code AutoCloseable}s work with {@code with},
 * {@code Comparable}s order. Python builds proxy classes from the names a type advertises (INSPECT), so only
 * what applies to a type is listed for it.
 */
enum Dunder {
    LEN("__len__", Kinds.SIZED) {
        @Override
        Object invoke(Object self, List<Object> args) {
            arity(args, 0);
            return (long) size(self);
        }
    },
    GETITEM("__getitem__", Kinds.INDEXABLE) {
        @Override
        @Nullable
        Object invoke(Object self, List<Object> args) {
            arity(args, 1);
            Object key = args.getFirst();
            if (self instanceof Map<?, ?> map) {
                Object k = Keys.find(map, key);
                if (k == Keys.ABSENT) {
                    throw PyException.keyError(key);
                }
                return map.get(k);
            }
            if (key instanceof Slice slice) {
                return sliceOf(self, slice);
            }
            int i = index(self, key);
            return switch (self) {
                case List<?> list -> list.get(i);
                case CharSequence cs -> String.valueOf(cs.charAt(i));
                default -> Array.get(self, i);
            };
        }
    },
    SETITEM("__setitem__", Kinds.WRITABLE) {
        @Override
        @Nullable
        @SuppressWarnings("unchecked")
        Object invoke(Object self, List<Object> args) {
            arity(args, 2);
            Object key = args.get(0);
            Object value = args.get(1);
            if (self instanceof Map<?, ?> map) {
                Object k = Keys.find(map, key);
                ((Map<Object, Object>) map).put(k == Keys.ABSENT ? key : k, value);
                return null;
            }
            if (key instanceof Slice slice) {
                setSlice(self, slice, value);
                return null;
            }
            int i = index(self, key);
            if (self instanceof List<?> list) {
                Object old = list.get(i);
                ((List<Object>) list).set(i, old == null ? value : Conversions.likeExisting(value, old.getClass()));
            } else {
                Array.set(self, i, Conversions.toJava(value, self.getClass().getComponentType()));
            }
            return null;
        }
    },
    DELITEM("__delitem__", Kinds.DELETABLE) {
        @Override
        @Nullable
        Object invoke(Object self, List<Object> args) {
            arity(args, 1);
            Object key = args.getFirst();
            if (self instanceof Map<?, ?> map) {
                Object k = Keys.find(map, key);
                if (k == Keys.ABSENT) {
                    throw PyException.keyError(key);
                }
                map.remove(k);
                return null;
            }
            if (key instanceof Slice slice) {
                List<?> list = (List<?>) self;
                long[] r = range(size(self), slice);
                if (r[2] == 1) {
                    list.subList((int) r[0], (int) Math.max(r[0], r[1])).clear();
                } else {
                    List<Integer> indices = indices(r);
                    for (int j = indices.size() - 1; j >= 0; j--) {
                        list.remove((int) indices.get(j));
                    }
                    // removing from the end first keeps the other indices valid (they descend for a negative step)
                }
                return null;
            }
            ((List<?>) self).remove(index(self, key));
            return null;
        }
    },
    CONTAINS("__contains__", Kinds.SIZED) {
        @Override
        Object invoke(Object self, List<Object> args) {
            arity(args, 1);
            Object item = args.getFirst();
            return switch (self) {
                case Map<?, ?> map -> Keys.find(map, item) != Keys.ABSENT;
                case Collection<?> c -> c.contains(item) || (item instanceof Number && c.stream()
                        .anyMatch(e -> Conversions.sameNumber(e, item)));
                case CharSequence cs -> item instanceof String s && cs.toString().contains(s);
                default -> {
                    for (int i = 0, n = Array.getLength(self); i < n; i++) {
                        Object e = Array.get(self, i);
                        if (java.util.Objects.equals(e, item) || Conversions.sameNumber(e, item)) {
                            yield true;
                        }
                    }
                    yield false;
                }
            };
        }
    },
    IADD("__iadd__", Kinds.LIST) {
        @Override
        @SuppressWarnings("unchecked")
        Object invoke(Object self, List<Object> args) {
            arity(args, 1);
            List<Object> items = new ArrayList<>();
            PyMethod.iterable(args.getFirst()).forEach(items::add); // collected first: list += list
            ((List<Object>) self).addAll(items);
            return self; // list += iterable extends in place
        }
    },
    ITER("__iter__", Kinds.ITERABLE) {
        @Override
        Object invoke(Object self, List<Object> args) {
            arity(args, 0);
            return iterator(self);
        }
    },
    NEXT("__next__", Kinds.ITERATOR) {
        @Override
        @Nullable
        Object invoke(Object self, List<Object> args) {
            arity(args, 0);
            Iterator<?> it = (Iterator<?>) self;
            try {
                if (it.hasNext()) {
                    return it.next();
                }
            } catch (NoSuchElementException e) {
                // a racing consumer drained it: the iteration is over all the same
            }
            throw PyException.stopIteration();
        }
    },
    ENTER("__enter__", Kinds.CLOSEABLE) {
        @Override
        Object invoke(Object self, List<Object> args) {
            return self;
        }
    },
    EXIT("__exit__", Kinds.CLOSEABLE) {
        @Override
        Object invoke(Object self, List<Object> args) {
            try {
                ((AutoCloseable) self).close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new java.io.UncheckedIOException(new java.io.IOException(e.toString(), e));
            }
            return Boolean.FALSE; // never swallow the exception that ended the block
        }
    },
    LT("__lt__", Kinds.COMPARABLE) {
        @Override
        Object invoke(Object self, List<Object> args) {
            return compare(self, args, c -> c < 0);
        }
    },
    LE("__le__", Kinds.COMPARABLE) {
        @Override
        Object invoke(Object self, List<Object> args) {
            return compare(self, args, c -> c <= 0);
        }
    },
    GT("__gt__", Kinds.COMPARABLE) {
        @Override
        Object invoke(Object self, List<Object> args) {
            return compare(self, args, c -> c > 0);
        }
    },
    GE("__ge__", Kinds.COMPARABLE) {
        @Override
        Object invoke(Object self, List<Object> args) {
            return compare(self, args, c -> c >= 0);
        }
    },
    EQ("__eq__", Kinds.ANY) {
        @Override
        Object invoke(Object self, List<Object> args) {
            arity(args, 1);
            return self.equals(args.getFirst());
        }
    },
    NE("__ne__", Kinds.ANY) {
        @Override
        Object invoke(Object self, List<Object> args) {
            arity(args, 1);
            return !self.equals(args.getFirst());
        }
    },
    HASH("__hash__", Kinds.ANY) {
        @Override
        Object invoke(Object self, List<Object> args) {
            arity(args, 0);
            return (long) self.hashCode();
        }
    },
    STR("__str__", Kinds.ANY) {
        @Override
        Object invoke(Object self, List<Object> args) {
            arity(args, 0);
            return String.valueOf(self);
        }
    },
    REPR("__repr__", Kinds.ANY) {
        @Override
        Object invoke(Object self, List<Object> args) {
            arity(args, 0);
            return ObjectModel.repr(self);
        }
    };

    /** The names Python's proxy base class implements itself; INSPECT replies leave them out. */
    static final java.util.Set<String> LOCAL_ATTRS = java.util.Set.of("__eq__", "__ne__", "__lt__", "__le__",
            "__gt__", "__ge__", "__hash__", "__repr__", "__str__", "__exit__");

    final String pyName;
    private final Predicate<Class<?>> appliesTo;

    Dunder(String pyName, Predicate<Class<?>> appliesTo) {
        this.pyName = pyName;
        this.appliesTo = appliesTo;
    }

    /** Whether instances of {@code type} support this special method. */
    boolean appliesTo(Class<?> type) {
        return appliesTo.test(type);
    }

    /** The kinds of Java types that support a special method. */
    private static final class Kinds {
        static final Predicate<Class<?>> ANY = t -> true;
        static final Predicate<Class<?>> SIZED = t -> Collection.class.isAssignableFrom(t)
                || Map.class.isAssignableFrom(t) || t.isArray() || CharSequence.class.isAssignableFrom(t);
        static final Predicate<Class<?>> INDEXABLE = t -> List.class.isAssignableFrom(t)
                || Map.class.isAssignableFrom(t) || t.isArray() || CharSequence.class.isAssignableFrom(t);
        static final Predicate<Class<?>> WRITABLE = t -> List.class.isAssignableFrom(t)
                || Map.class.isAssignableFrom(t) || t.isArray();
        static final Predicate<Class<?>> DELETABLE = t -> List.class.isAssignableFrom(t)
                || Map.class.isAssignableFrom(t);
        static final Predicate<Class<?>> ITERABLE = t -> Iterable.class.isAssignableFrom(t)
                || Map.class.isAssignableFrom(t) || t.isArray() || Iterator.class.isAssignableFrom(t)
                || BaseStream.class.isAssignableFrom(t);
        static final Predicate<Class<?>> ITERATOR = Iterator.class::isAssignableFrom;
        static final Predicate<Class<?>> LIST = List.class::isAssignableFrom;
        static final Predicate<Class<?>> CLOSEABLE = AutoCloseable.class::isAssignableFrom;
        static final Predicate<Class<?>> COMPARABLE = Comparable.class::isAssignableFrom;
    }

    @Nullable
    abstract Object invoke(Object self, List<Object> args);

    static void arity(List<Object> args, int n) {
        if (args.size() != n) {
            throw PyException.typeError("expected " + n + " argument" + (n == 1 ? "" : "s") + ", got " + args.size());
        }
    }

    static int size(Object self) {
        return switch (self) {
            case Collection<?> c -> c.size();
            case Map<?, ?> m -> m.size();
            case CharSequence cs -> cs.length();
            default -> Array.getLength(self);
        };
    }

    /** A Python index (negative counts from the end) as a Java one, or IndexError. */
    static int index(Object self, @Nullable Object key) {
        long i = switch (key) {
            case Long l -> l;
            case Integer n -> n;
            case Boolean b -> b ? 1 : 0;
            case BigInteger big -> throw PyException.indexError("cannot fit 'int' into an index-sized integer");
            case null, default -> throw PyException.typeError("indices must be integers or slices, not "
                    + ObjectModel.pythonTypeName(key));
        };
        int n = size(self);
        long j = i < 0 ? i + n : i;
        if (j < 0 || j >= n) {
            throw PyException.indexError("index " + i + " out of range for length " + n);
        }
        return (int) j;
    }

    static Iterator<?> iterator(Object self) {
        return switch (self) {
            case Iterator<?> it -> it;
            case Iterable<?> it -> it.iterator();
            case Map<?, ?> m -> m.keySet().iterator();
            case BaseStream<?, ?> s -> s.iterator();
            default -> {
                int n = Array.getLength(self);
                List<Object> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    items.add(Array.get(self, i));
                }
                yield items.iterator();
            }
        };
    }

    /** {@code (start, stop, step)} of a slice of a sequence of {@code n} items, as Python's {@code slice.indices}. */
    private static long[] range(int n, Slice slice) {
        if (slice.step() != null && !(slice.step() instanceof Long)) {
            throw PyException.typeError("slice indices must be integers or None");
        }
        long step = slice.step() == null ? 1 : (Long) slice.step();
        if (step == 0) {
            throw PyException.valueError("slice step cannot be zero");
        }
        long start = bound(slice.start(), n, step < 0 ? n - 1 : 0, step);
        long stop = bound(slice.stop(), n, step < 0 ? -1 : n, step);
        return new long[] {start, stop, step};
    }

    /** The indices a slice range selects, in slice order. */
    private static List<Integer> indices(long[] r) {
        List<Integer> out = new ArrayList<>();
        for (long i = r[0]; r[2] > 0 ? i < r[1] : i > r[1]; i += r[2]) {
            out.add((int) i);
        }
        return out;
    }

    /** {@code seq[slice] = items}: replaces a contiguous range of a list, or assigns an extended slice item by item. */
    @SuppressWarnings("unchecked")
    private static void setSlice(Object self, Slice slice, @Nullable Object value) {
        List<Object> items = new ArrayList<>();
        PyMethod.iterable(value).forEach(items::add);
        long[] r = range(size(self), slice);
        if (r[2] == 1 && self instanceof List<?> list) {
            List<Object> target = ((List<Object>) list).subList((int) r[0], (int) Math.max(r[0], r[1]));
            target.clear();
            target.addAll(items);
            return;
        }
        List<Integer> indices = indices(r);
        if (indices.size() != items.size()) {
            throw PyException.valueError("attempt to assign sequence of size " + items.size()
                    + " to extended slice of size " + indices.size());
        }
        for (int j = 0; j < indices.size(); j++) {
            int i = indices.get(j);
            if (self instanceof List<?> list) {
                ((List<Object>) list).set(i, items.get(j));
            } else {
                Array.set(self, i, Conversions.toJava(items.get(j), self.getClass().getComponentType()));
            }
        }
    }

    /** Python slicing of a sequence: a new list (or string) with the selected items. */
    private static Object sliceOf(Object self, Slice slice) {
        int n = size(self);
        long[] r = range(n, slice);
        long start = r[0];
        long stop = r[1];
        long step = r[2];
        StringBuilder text = self instanceof CharSequence ? new StringBuilder() : null;
        List<Object> out = new ArrayList<>();
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
            int k = (int) i;
            switch (self) {
                case List<?> list -> out.add(list.get(k));
                case CharSequence cs -> text.append(cs.charAt(k));
                default -> out.add(Array.get(self, k));
            }
        }
        return text != null ? text.toString() : out;
    }

    private static long bound(@Nullable Object value, int n, long dflt, long step) {
        if (value == null) {
            return dflt;
        }
        if (!(value instanceof Long v)) {
            throw PyException.typeError("slice indices must be integers or None");
        }
        long i = v < 0 ? v + n : v;
        if (step > 0) {
            return Math.max(0, Math.min(i, n));
        }
        return Math.max(-1, Math.min(i, n - 1));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object compare(Object self, List<Object> args, java.util.function.IntPredicate test) {
        arity(args, 1);
        Object other = args.getFirst();
        try {
            return test.test(((Comparable) self).compareTo(Conversions.likeExisting(other, self.getClass())));
        } catch (ClassCastException | NullPointerException e) {
            return PyConstant.NOT_IMPLEMENTED;
        }
    }
}
