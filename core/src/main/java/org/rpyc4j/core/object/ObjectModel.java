package org.rpyc4j.core.object;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.annotation.Nullable;
import org.rpyc4j.api.NetRef;
import org.rpyc4j.api.ProtocolConfig;
import org.rpyc4j.api.value.Tuple;

/**
 * Java objects as the peer sees them: attribute access under rpyc's attribute policy, calls, special
 * methods, {@code dir()} and the INSPECT reply Python builds its proxy classes from.
 *
 * <p>The policy is rpyc's, applied to Java members: a name is reachable if it is exposed (an {@code @Exposed}
 * member, reached as {@code name} or {@code exposed_name}), a safe special method ({@code __len__} and the
 * like), any public member when {@code allowPublicAttrs} is on, or anything when {@code allowAllAttrs} is.
 */
public final class ObjectModel {
    /** Introspects {@code type} now rather than on its first remote use ({@link org.rpyc4j.api.RpycEngine#prepare}). */
    public static void prepare(Class<?> type) {
        JavaType.of(type);
    }

    private static final String SERVICE_NAME = "get_service_name";
    private static final String SERVICE_ALIASES = "get_service_aliases";

    private ObjectModel() {
    }

    /** rpyc's policy: the name to use for {@code name}, or an AttributeError. */
    static String resolve(ObjectContext ctx, Object obj, String name, boolean permitted) {
        ProtocolConfig config = ctx.config();
        if (!permitted) {
            throw PyException.attributeError("cannot access '" + name + "'");
        }
        String prefix = config.allowExposedAttrs() ? config.exposedPrefix() : "";
        boolean plain = config.allowAllAttrs()
                || (config.allowExposedAttrs() && name.startsWith(prefix))
                || (config.allowSafeAttrs() && SafeAttrs.NAMES.contains(name))
                || (config.allowPublicAttrs() && !name.startsWith("_"));
        boolean hasExposed = config.allowExposedAttrs() && has(ctx, obj, prefix + name);
        if (plain && (!hasExposed || has(ctx, obj, name))) {
            return name;
        }
        if (hasExposed) {
            return prefix + name;
        }
        if (plain) {
            return name;
        }
        throw PyException.attributeError("cannot access '" + name + "'");
    }


    /** SETATTR: {@code obj.name = value} under the policy; services are never writable. */
    public static void setAttr(ObjectContext ctx, Object obj, String name, @Nullable Object value) {
        if (ctx.isRoot(obj)) {
            throw PyException.attributeError("access denied");
        }
        String resolved = resolve(ctx, obj, name, ctx.config().allowSetattr());
        if (member(ctx, obj, resolved) instanceof Member.FieldMember(Field f) && !Modifier.isFinal(f.getModifiers())) {
            try {
                f.set(obj instanceof Class<?> && Modifier.isStatic(f.getModifiers()) ? null : obj,
                        Conversions.toJava(value, f.getType()));
                return;
            } catch (IllegalAccessException e) {
                throw PyException.attributeError("cannot set '" + name + "': " + e.getMessage());
            }
        }
        throw PyException.attributeError("attribute '" + name + "' of '" + pythonTypeName(obj)
                + "' objects is not writable");
    }

    /** DELATTR: Java members cannot be deleted; refused as Python refuses deleting a method. */
    public static void delAttr(ObjectContext ctx, Object obj, String name) {
        if (ctx.isRoot(obj)) {
            throw PyException.attributeError("access denied");
        }
        String resolved = resolve(ctx, obj, name, ctx.config().allowDelattr());
        member(ctx, obj, resolved);
        throw PyException.attributeError("attribute '" + name + "' of '" + pythonTypeName(obj)
                + "' objects cannot be deleted");
    }

    /** CALLATTR: {@code obj.name(*args, **kwargs)}. */
    @Nullable
    public static Object callAttr(ObjectContext ctx, Object obj, String name, List<Object> args,
            Map<String, Object> kwargs) {
        return call(getAttr(ctx, obj, name), args, kwargs);
    }

    /** CALL: {@code obj(*args, **kwargs)}; no policy, as in rpyc (reaching the callable was the check). */
    @Nullable
    public static Object call(@Nullable Object obj, List<Object> args, Map<String, Object> kwargs) {
        return switch (obj) {
            case PyCallable c -> c.call(args, kwargs);
            case Class<?> c -> construct(c, args, kwargs);
            case NetRef r -> r.call(args, kwargs);
            case null -> throw PyException.typeError("'NoneType' object is not callable");
            default -> {
                Method sam = functionalMethod(obj.getClass());
                if (sam == null) {
                    throw PyException.typeError("'" + pythonTypeName(obj) + "' object is not callable");
                }
                yield Invoker.invoke(obj, new Member.Methods(sam.getName(), List.of(sam), ""), args, kwargs);
            }
        };
    }

    private static Object construct(Class<?> type, List<Object> args, Map<String, Object> kwargs) {
        List<java.lang.reflect.Constructor<?>> ctors = JavaType.of(type).constructors;
        if (ctors.isEmpty()) {
            throw PyException.typeError("cannot create '" + type.getTypeName() + "' instances");
        }
        return Invoker.invoke(null, new Member.Methods(type.getSimpleName(), ctors, ""), args, kwargs);
    }

    /** CMP: {@code obj <op> other} through the type's special method, under the policy. */
    @Nullable
    public static Object compare(ObjectContext ctx, Object obj, @Nullable Object other, String op) {
        String resolved = resolve(ctx, obj, op, ctx.config().allowGetattr());
        return call(materialize(obj, member(ctx, obj, resolved), resolved), List.of(nullSafe(other)), Map.of());
    }

    private static Object nullSafe(@Nullable Object o) {
        return o == null ? NONE : o;
    }

    private static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };

    /** DIR: the names the policy lets the peer reach, sorted. */
    public static Tuple dir(ObjectContext ctx, Object obj) {
        if (obj instanceof DynamicAttributes d) {
            return new Tuple(new ArrayList<>(new TreeSet<>(d.dynamicDir(ctx))));
        }
        TreeSet<String> names = new TreeSet<>();
        for (String name : candidateNames(ctx, obj)) {
            try {
                resolve(ctx, obj, name, true);
                names.add(name);
            } catch (PyException refused) {
                // not reachable: not listed
            }
        }
        return new Tuple(new ArrayList<>(names));
    }

    /** INSPECT: {@code (name, doc)} for every callable the peer's proxy class should define. */
    public static Tuple inspect(ObjectContext ctx, Object obj) {
        List<Object> out = new ArrayList<>();
        if (isCallable(obj)) {
            out.add(Tuple.of("__call__", obj instanceof Class<?> ? "constructs an instance" : null));
        }
        for (String name : candidateNames(ctx, obj)) {
            if (Dunder.LOCAL_ATTRS.contains(name)) {
                continue; // Python's proxy base class implements these itself
            }
            if (obj instanceof DynamicAttributes && !name.startsWith("__")) {
                continue; // its attributes are what it answers, not Java methods
            }
            Member m = memberOrNull(ctx, obj, name);
            boolean callable = m instanceof Member.Methods || m instanceof Member.DunderMember
                    || m instanceof Member.ServiceInfo;
            if (callable && reachable(ctx, obj, name)) {
                out.add(Tuple.of(name, m instanceof Member.Methods methods ? methods.doc() : null));
            }
        }
        return new Tuple(out);
    }

    private static boolean reachable(ObjectContext ctx, Object obj, String name) {
        try {
            resolve(ctx, obj, name, true);
            return true;
        } catch (PyException e) {
            return false;
        }
    }

    /** Every name an object answers to: Java names, exposed names with the prefix, special methods. */
    private static List<String> candidateNames(ObjectContext ctx, Object obj) {
        List<String> names = new ArrayList<>();
        String prefix = ctx.config().exposedPrefix();
        JavaType type = JavaType.of(obj.getClass());
        if (obj instanceof Class<?> c) {
            names.addAll(JavaType.of(c).statics.keySet());
        }
        names.addAll(type.plain.keySet());
        type.exposed.keySet().forEach(n -> {
            names.add(prefix + n);
            names.add(n); // reached by its bare name too
        });
        if (ctx.isRoot(obj)) {
            names.add(SERVICE_NAME);
            names.add(SERVICE_ALIASES);
            names.add(prefix + SERVICE_NAME);
            names.add(prefix + SERVICE_ALIASES);
        }
        return names;
    }

    /** Whether {@code obj} answers to {@code name} at all (the policy's {@code hasattr}). */
    private static boolean has(ObjectContext ctx, Object obj, String name) {
        return memberOrNull(ctx, obj, name) != null;
    }

    private static Member member(ObjectContext ctx, Object obj, String name) {
        Member m = memberOrNull(ctx, obj, name);
        if (m == null) {
            throw PyException.attributeError("'" + pythonTypeName(obj) + "' object has no attribute '" + name + "'");
        }
        return m;
    }

    @Nullable
    private static Member memberOrNull(ObjectContext ctx, Object obj, String name) {
        if (obj instanceof Class<?> c) {
            Member m = JavaType.of(c).statics.get(name);
            if (m != null) {
                return m;
            }
        }
        JavaType type = JavaType.of(obj.getClass());
        Member m = type.plain.get(name);
        if (m != null) {
            return m;
        }
        if (ctx.isRoot(obj) && (name.equals(SERVICE_NAME) || name.equals(SERVICE_ALIASES))) {
            return new Member.ServiceInfo(name.equals(SERVICE_ALIASES)); // as rpyc's Service classmethods
        }
        String prefix = ctx.config().exposedPrefix();
        if (!prefix.isEmpty() && name.startsWith(prefix)) {
            String bare = name.substring(prefix.length());
            m = type.exposed.get(bare);
            if (m != null) {
                return m;
            }
            if (ctx.isRoot(obj) && (bare.equals(SERVICE_NAME) || bare.equals(SERVICE_ALIASES))) {
                return new Member.ServiceInfo(bare.equals(SERVICE_ALIASES));
            }
        }
        return null;
    }

    @Nullable
    private static Object materialize(Object obj, Member member, String name) {
        return switch (member) {
            case Member.Methods methods -> new PyCallable.Bound(
                    obj instanceof Class<?> && methods.isStatic() ? null : obj, methods);
            case Member.ClassMember(Class<?> nested) -> nested;
            case Member.DunderMember(Dunder d) -> new PyCallable.BoundDunder(obj, d);
            case Member.FieldMember(Field f) -> {
                try {
                    yield f.get(Modifier.isStatic(f.getModifiers()) ? null : obj);
                } catch (IllegalAccessException e) {
                    throw PyException.attributeError("cannot read '" + name + "': " + e.getMessage());
                }
            }
            case Member.ServiceInfo info -> throw new IllegalStateException("service info needs its context");
        };
    }

    /** GETATTR: {@code obj.name} under the policy (or as a {@link DynamicAttributes} object answers it). */
    @Nullable
    public static Object getAttr(ObjectContext ctx, Object obj, String name) {
        if (obj instanceof DynamicAttributes d) {
            if (!ctx.config().allowGetattr()) {
                throw PyException.attributeError("cannot access '" + name + "'");
            }
            return d.dynamicGetattr(ctx, name);
        }
        String resolved = resolve(ctx, obj, name, ctx.config().allowGetattr());
        Member m = member(ctx, obj, resolved);
        if (m instanceof Member.ServiceInfo(boolean aliases)) {
            List<String> all = ctx.serviceAliases();
            return aliases ? new PyCallable.Constant(SERVICE_ALIASES, new Tuple(new ArrayList<>(all)))
                    : new PyCallable.Constant(SERVICE_NAME, all.getFirst());
        }
        return materialize(obj, m, resolved);
    }

    /** Whether calling {@code obj} means something. */
    public static boolean isCallable(Object obj) {
        return obj instanceof PyCallable || obj instanceof Class<?> c && !JavaType.of(c).constructors.isEmpty()
                || functionalMethod(obj.getClass()) != null;
    }

    /**
     * The method that calling {@code type}'s instances invokes: the single abstract method of a functional
     * interface it implements. Any such interface counts for a lambda (a hidden class, made to be called);
     * a named class counts only through {@code @FunctionalInterface}, {@code Runnable} or {@code Callable},
     * so that, say, a {@code Comparable} is not mistaken for a function.
     */
    @Nullable
    private static Method functionalMethod(Class<?> type) {
        for (Class<?> i : type.getInterfaces()) {
            Method sam = Conversions.singleAbstractMethod(i);
            if (sam != null && (type.isHidden() || i.isAnnotationPresent(FunctionalInterface.class)
                    || i == Runnable.class || i == java.util.concurrent.Callable.class)
                    && (JavaType.accessible(i) || sam.trySetAccessible())) {
                return sam;
            }
        }
        return null;
    }

    /**
     * The name_pack {@code object} is sent with: what a {@link NamePacked} object chooses, else
     * {@link #namePack(Class) its class's}.
     */
    public static String namePack(Object object) {
        if (object instanceof NamePacked p) {
            String chosen = p.namePack();
            if (chosen != null) {
                return chosen;
            }
        }
        return namePack(object.getClass());
    }

    /** The name_pack for instances of {@code type}: Python's own {@code method} for callables (no INSPECT). */
    public static String namePack(Class<?> type) {
        if (PyCallable.class.isAssignableFrom(type)) {
            return "builtins.method";
        }
        return type.getTypeName();
    }

    /**
     * PICKLE: {@code obj} as a pickle of plain Python data (see {@link Pickler}); refused unless the configuration
     * allows pickling, as rpyc does.
     */
    public static byte[] pickle(ObjectContext ctx, Object obj) {
        if (!ctx.config().allowPickle()) {
            throw PyException.valueError("pickling is disabled");
        }
        return Pickler.dumps(obj);
    }

    /** Python's {@code sorted(items, key=key, reverse=reverse)} of a Java list, in place. */
    public static void pySort(List<Object> items, @Nullable Object key, boolean reverse) {
        PyMethod.sortPython(items, key, reverse);
    }

    /** What Python's {@code iter(value)} yields for a Java value or a tuple. */
    public static Iterable<?> pyIterable(@Nullable Object value) {
        return PyMethod.iterable(value);
    }

    /** Python's {@code len(value)} of a Java object; TypeError when it has no length. */
    public static long pyLen(@Nullable Object value) {
        return switch (value) {
            case Tuple t -> t.size();
            case org.rpyc4j.api.value.FrozenSet f -> f.members().size();
            case String s -> s.codePointCount(0, s.length());
            case byte[] b -> b.length;
            case NetRef r -> r.len();
            case null -> throw PyException.typeError("object of type 'NoneType' has no len()");
            default -> {
                if (Dunder.LEN.appliesTo(value.getClass())) {
                    yield Dunder.size(value);
                }
                throw PyException.typeError("object of type '" + pythonTypeName(value) + "' has no len()");
            }
        };
    }

    /** The object's special method {@code dunder} as Python would call it, for handlers like BUFFITER. */
    @Nullable
    public static Object next(Object iterator) {
        return Dunder.NEXT.invoke(iterator, List.of());
    }

    /** Python's {@code repr()} of a Java object. */
    public static String repr(Object obj) {
        return switch (obj) {
            case Class<?> c -> "<class '" + c.getTypeName() + "'>";
            case PyCallable c -> c.toString();
            default -> String.valueOf(obj);
        };
    }

    /** A Python-style type name for messages: {@code int}, {@code str}, or the Java class name. */
    public static String pythonTypeName(@Nullable Object value) {
        return switch (value) {
            case null -> "NoneType";
            case Boolean b -> "bool";
            case Long l -> "int";
            case Integer i -> "int";
            case BigInteger b -> "int";
            case Double d -> "float";
            case String s -> "str";
            case byte[] b -> "bytes";
            case Tuple t -> "tuple";
            case NetRef r -> r.typeName();
            default -> value.getClass().getTypeName();
        };
    }
}
