package org.rpyc4j.core.object;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.value.FrozenSet;
import org.rpyc4j.api.value.Tuple;

/**
 * Python values as Java parameters: which Java type a value can become, how well it fits (for choosing
 * among overloads), and the conversion itself. A Python int fits {@code int} best, then {@code long},
 * {@code BigInteger}, the narrower types when it fits them, then the floating types; a str fits
 * {@code String}, then {@code CharSequence}, {@code char} (one character) and enum constants; a tuple becomes
 * an array or a {@code List}; a peer's list (or set) becomes a {@code List}/{@code Collection} view, its dict a
 * {@code Map} view ({@link NetRef#asList()}, {@link NetRef#asMap()}); a remote callable becomes any functional
 * interface.
 */
public final class Conversions {
    /** Cannot convert. */
    static final int NO = -1;
    private static final int OBJECT = 20;

    private Conversions() {
    }

    /** How well {@code value} fits {@code type}: 0 exactly, higher worse, {@link #NO} not at all. */
    static int score(@Nullable Object value, Class<?> type) {
        if (value == null) {
            return type.isPrimitive() ? NO : 3;
        }
        Class<?> boxed = box(type);
        if (value instanceof Long l && (boxed == Long.class || boxed == Integer.class)) {
            return integerScore(l, boxed); // int before long when it fits, as a Java literal would choose
        }
        if (boxed == value.getClass()) {
            return 0;
        }
        int special = switch (value) {
            case Long l -> integerScore(l, boxed);
            case BigInteger big -> boxed == BigInteger.class ? 0 : boxed == BigDecimal.class ? 4
                    : boxed == Double.class ? 6 : boxed == Float.class ? 7 : NO;
            case Double d -> boxed == Float.class ? 2 : boxed == BigDecimal.class ? 4 : NO;
            case String s -> boxed == Character.class ? (s.length() == 1 ? 2 : NO)
                    : type.isEnum() ? (enumConstant(type, s) != null ? 3 : NO)
                    : CharSequence.class == type ? 1 : NO;
            case Tuple t -> type.isArray() ? (allFit(t.items(), type.getComponentType()) ? 3 : NO)
                    : type == List.class || type == Collection.class || type == Iterable.class ? 4 : NO;
            case FrozenSet f -> type == Set.class || type == Collection.class || type == Iterable.class ? 4 : NO;
            case NetRef r when isMapping(r) && (type == Map.class) -> 4;
            case NetRef r when isSequence(r) && (type == List.class || type == Collection.class) -> 4;
            case NetRef r when isSequence(r) && type == Set.class -> 5;
            case NetRef r when type.isInterface() && !type.isInstance(r) ->
                    singleAbstractMethod(type) != null ? 5 : NO;
            default -> NO;
        };
        if (special != NO) {
            return special;
        }
        if (type.isInstance(value)) {
            return type == Object.class ? OBJECT : 10;
        }
        return NO;
    }

    private static int integerScore(long l, Class<?> boxed) {
        if (boxed == Integer.class) {
            return l == (int) l ? 0 : NO;
        }
        if (boxed == Long.class) {
            return 1;
        }
        if (boxed == BigInteger.class) {
            return 3;
        }
        if (boxed == Short.class) {
            return l == (short) l ? 4 : NO;
        }
        if (boxed == Byte.class) {
            return l == (byte) l ? 4 : NO;
        }
        if (boxed == Double.class) {
            return 6;
        }
        if (boxed == Float.class || boxed == BigDecimal.class) {
            return 7;
        }
        return NO;
    }

    /** Whether a peer's object is a Python mapping a Java {@code Map} parameter can view. */
    static boolean isMapping(NetRef r) {
        String t = r.typeName();
        return !r.isClass() && (t.equals("builtins.dict") || t.equals("collections.OrderedDict")
                || t.equals("collections.defaultdict") || t.equals("collections.Counter")
                || t.equals("builtins.mappingproxy"));
    }

    /** Whether a peer's object is a Python sequence or set a Java {@code List}/{@code Collection} can view. */
    static boolean isSequence(NetRef r) {
        String t = r.typeName();
        return !r.isClass() && (t.equals("builtins.list") || t.equals("builtins.tuple") || t.equals("builtins.set")
                || t.equals("builtins.frozenset") || t.equals("collections.deque") || t.equals("builtins.range"));
    }

    private static boolean allFit(List<Object> items, Class<?> component) {
        for (Object item : items) {
            if (score(item, component) == NO) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code value} as a {@code type}, converting where {@link #score} allows.
     *
     * @throws ClassCastException when it cannot be converted (Python's TypeError)
     */
    @Nullable
    public static Object toJava(@Nullable Object value, Class<?> type) {
        if (value == null) {
            if (type.isPrimitive()) {
                throw new ClassCastException("None cannot be converted to " + type.getName());
            }
            return null;
        }
        Class<?> boxed = box(type);
        if (boxed.isInstance(value) && !(value instanceof NetRef && type.isInterface() && !type.isInstance(value))) {
            return value;
        }
        Object converted = switch (value) {
            case Long l when boxed == Integer.class && l == l.intValue() -> l.intValue();
            case Long l when boxed == Short.class && l == l.shortValue() -> l.shortValue();
            case Long l when boxed == Byte.class && l == l.byteValue() -> l.byteValue();
            case Long l when boxed == BigInteger.class -> BigInteger.valueOf(l);
            case Long l when boxed == BigDecimal.class -> BigDecimal.valueOf(l);
            case Long l when boxed == Double.class -> l.doubleValue();
            case Long l when boxed == Float.class -> l.floatValue();
            case BigInteger b when boxed == BigDecimal.class -> new BigDecimal(b);
            case BigInteger b when boxed == Double.class -> b.doubleValue();
            case BigInteger b when boxed == Float.class -> b.floatValue();
            case Double d when boxed == Float.class -> d.floatValue();
            case Double d when boxed == BigDecimal.class -> BigDecimal.valueOf(d);
            case String s when boxed == Character.class && s.length() == 1 -> s.charAt(0);
            case String s when type.isEnum() && enumConstant(type, s) != null -> enumConstant(type, s);
            case Tuple t when type.isArray() -> toArray(t.items(), type.getComponentType());
            case Tuple t when type == List.class || type == Collection.class || type == Iterable.class ->
                    new ArrayList<>(t.items());
            case FrozenSet f when type == Set.class || type == Collection.class || type == Iterable.class ->
                    new LinkedHashSet<>(f.members());
            case NetRef r when isMapping(r) && type == Map.class -> r.asMap();
            case NetRef r when isSequence(r) && (type == List.class || type == Collection.class) -> r.asList();
            case NetRef r when isSequence(r) && type == Set.class -> new LinkedHashSet<>(r.asList());
            case NetRef r when type.isInterface() && singleAbstractMethod(type) != null ->
                    RemoteInterfaces.proxy(r, type, true);
            default -> null;
        };
        if (converted == null) {
            throw new ClassCastException(ObjectModel.pythonTypeName(value) + " cannot be converted to "
                    + type.getTypeName());
        }
        return converted;
    }

    private static Object toArray(List<Object> items, Class<?> component) {
        Object array = Array.newInstance(component, items.size());
        for (int i = 0; i < items.size(); i++) {
            Array.set(array, i, toJava(items.get(i), component));
        }
        return array;
    }

    /** {@code value} converted to the numeric class of an element it replaces, when both are numbers. */
    @Nullable
    static Object likeExisting(@Nullable Object value, Class<?> existing) {
        if (value instanceof Number && Number.class.isAssignableFrom(existing) && !existing.isInstance(value)) {
            try {
                return toJava(value, existing);
            } catch (ClassCastException e) {
                return value;
            }
        }
        return value;
    }

    /** Whether two values are the same number though of different boxed types ({@code 1L} and {@code 1}). */
    static boolean sameNumber(@Nullable Object a, @Nullable Object b) {
        if (a instanceof Number x && b instanceof Number y && a.getClass() != b.getClass()) {
            if (isIntegral(x) && isIntegral(y)) {
                return new BigInteger(x.toString()).equals(new BigInteger(y.toString()));
            }
            return x.doubleValue() == y.doubleValue();
        }
        return false;
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger;
    }

    @Nullable
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> type, String name) {
        try {
            return Enum.valueOf((Class) type, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The single abstract method of a functional interface, or null. */
    @Nullable
    static Method singleAbstractMethod(Class<?> type) {
        if (!type.isInterface()) {
            return null;
        }
        Method found = null;
        for (Method m : type.getMethods()) {
            if (Modifier.isAbstract(m.getModifiers()) && !isObjectMethod(m)) {
                if (found != null && !sameSignature(found, m)) {
                    return null;
                }
                found = m;
            }
        }
        return found;
    }

    private static boolean sameSignature(Method a, Method b) {
        return a.getName().equals(b.getName()) && java.util.Arrays.equals(a.getParameterTypes(), b.getParameterTypes());
    }

    static boolean isObjectMethod(Method m) {
        try {
            Object.class.getMethod(m.getName(), m.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    static Class<?> box(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "boolean" -> Boolean.class;
            case "char" -> Character.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            default -> Void.class;
        };
    }
}
