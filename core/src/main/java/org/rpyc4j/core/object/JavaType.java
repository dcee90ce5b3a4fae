package org.rpyc4j.core.object;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.rpyc4j.api.Exposed;

/**
 * What a Java class offers to Python, computed once per class: its public members (reached through the
 * public, exported types that declare them, so that strong encapsulation never blocks a call; public members
 * of non-public classes in packages open to rpyc4j are made accessible), its exposed members, its special
 * methods, the Python methods of its kind ({@link PyMethod}), and for the class object itself its static
 * members, public member classes and constructors.
 */
final class JavaType {
    private static final Module CORE = JavaType.class.getModule();
    private static final String EXPOSED_PREFIX = "exposed_";

    private static final ClassValue<JavaType> CACHE = new ClassValue<>() {
        @Override
        protected JavaType computeValue(Class<?> type) {
            return new JavaType(type);
        }
    };

    /** Instance members by their Java name, plus the special methods. */
    final Map<String, Member> plain;
    /** Exposed members ({@link Exposed} or {@code exposed_} names) by their exposed name, prefix stripped. */
    final Map<String, Member> exposed;
    /** Static methods and fields, for the class object. */
    final Map<String, Member> statics;
    /** Public constructors, when the class can be instantiated. */
    final List<Constructor<?>> constructors;

    static JavaType of(Class<?> type) {
        return CACHE.get(type);
    }

    private JavaType(Class<?> type) {
        Map<String, List<Executable>> methods = new TreeMap<>();
        Map<String, List<Executable>> exposedMethods = new TreeMap<>();
        Map<String, List<Executable>> staticMethods = new TreeMap<>();
        Map<String, Member> fields = new TreeMap<>();
        Map<String, Member> exposedFields = new TreeMap<>();
        Map<String, Member> staticFields = new TreeMap<>();
        Set<String> seen = new LinkedHashSet<>();
        // the object model's own hooks are not members the peer sees
        for (Class<?> hook : List.of(NamePacked.class, DynamicAttributes.class)) {
            if (hook.isAssignableFrom(type)) {
                for (Method m : hook.getDeclaredMethods()) {
                    seen.add(signature(m));
                }
            }
        }
        for (Class<?> t : hierarchy(type)) {
            boolean accessible = accessible(t);
            boolean open = !accessible && openToCore(t);
            for (Method m : sorted(t.getDeclaredMethods())) {
                if (m.isBridge() || m.isSynthetic()) {
                    continue;
                }
                String sig = signature(m);
                if (seen.contains(sig)) {
                    continue; // an override already found lower in the hierarchy
                }
                String exposedName = exposedName(m, m.getName());
                boolean isPublic = Modifier.isPublic(m.getModifiers()) && (accessible || open && m.trySetAccessible());
                if (exposedName != null && (isPublic || makeAccessible(t, m))) {
                    exposedMethods.computeIfAbsent(exposedName, k -> new ArrayList<>()).add(m);
                    seen.add(sig);
                }
                if (isPublic) {
                    // only a declaration the peer can call hides the ones above it: a public method of a private
                    // class (ArrayList's iterator) is reached through the public interface that declares it
                    seen.add(sig);
                    boolean isStatic = Modifier.isStatic(m.getModifiers());
                    if (isStatic && t != type) {
                        continue; // static methods belong to the class that declares them
                    }
                    (isStatic ? staticMethods : methods).computeIfAbsent(m.getName(), k -> new ArrayList<>()).add(m);
                }
            }
            for (Field f : t.getDeclaredFields()) {
                if (f.isSynthetic()) {
                    continue;
                }
                boolean isPublic = Modifier.isPublic(f.getModifiers()) && (accessible || open && f.trySetAccessible());
                boolean isStatic = Modifier.isStatic(f.getModifiers());
                String exposedName = exposedName(f, f.getName());
                if (exposedName != null && !isStatic && (isPublic || makeAccessible(t, f))) {
                    exposedFields.putIfAbsent(exposedName, new Member.FieldMember(f));
                }
                if (isPublic) {
                    if (isStatic && t == type) {
                        staticFields.putIfAbsent(f.getName(), new Member.FieldMember(f));
                    } else if (!isStatic) {
                        fields.putIfAbsent(f.getName(), new Member.FieldMember(f));
                    }
                }
            }
        }
        Map<String, Member> plainMap = new LinkedHashMap<>(fields);
        methods.forEach((name, list) -> plainMap.put(name, group(name, list)));
        for (Dunder d : Dunder.values()) {
            if (d.appliesTo(type)) {
                plainMap.putIfAbsent(d.pyName, new Member.DunderMember(d));
            }
        }
        for (PyMethod p : PyMethod.values()) {
            if (p.appliesTo(type)) {
                Member existing = plainMap.get(p.pyName);
                if (existing == null) {
                    plainMap.put(p.pyName, new Member.Methods(p.pyName, List.of(), p.doc, p));
                } else if (existing instanceof Member.Methods java) {
                    plainMap.put(p.pyName, new Member.Methods(p.pyName, java.overloads(), java.doc() + "\n" + p.doc, p));
                }
            }
        }
        Map<String, Member> exposedMap = new LinkedHashMap<>(exposedFields);
        exposedMethods.forEach((name, list) -> exposedMap.put(name, group(name, list)));
        Map<String, Member> staticMap = new LinkedHashMap<>(staticFields);
        staticMethods.forEach((name, list) -> staticMap.put(name, group(name, list)));
        for (Class<?> nested : memberClasses(type)) {
            staticMap.putIfAbsent(nested.getSimpleName(), new Member.ClassMember(nested));
        }
        plain = Collections.unmodifiableMap(plainMap);
        exposed = Collections.unmodifiableMap(exposedMap);
        statics = Collections.unmodifiableMap(staticMap);
        List<Constructor<?>> ctors = new ArrayList<>();
        boolean accessible = accessible(type);
        if ((accessible || openToCore(type)) && !Modifier.isAbstract(type.getModifiers()) && !type.isInterface()) {
            for (Constructor<?> c : type.getConstructors()) {
                if (accessible || c.trySetAccessible()) {
                    ctors.add(c);
                }
            }
            ctors.sort(java.util.Comparator.comparing(Invoker::signature));
        }
        constructors = List.copyOf(ctors);
    }

    /** The public member classes the peer may use (reached as attributes of the class). */
    private static List<Class<?>> memberClasses(Class<?> type) {
        List<Class<?>> out = new ArrayList<>();
        try {
            for (Class<?> c : type.getClasses()) {
                if (accessible(c) || openToCore(c)) {
                    out.add(c);
                }
            }
        } catch (LinkageError | SecurityException e) {
            // a member class that cannot be loaded: left out
        }
        out.sort(java.util.Comparator.comparing(Class::getName));
        return out;
    }

    private static Member.Methods group(String name, List<Executable> overloads) {
        String doc = String.join("\n", overloads.stream().map(Invoker::signature).toList());
        return new Member.Methods(name, List.copyOf(overloads), doc);
    }

    /** The class, its superclasses, then every interface, nearest first. */
    private static List<Class<?>> hierarchy(Class<?> type) {
        List<Class<?>> out = new ArrayList<>();
        Deque<Class<?>> interfaces = new ArrayDeque<>();
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            out.add(c);
            interfaces.addAll(List.of(c.getInterfaces()));
        }
        Set<Class<?>> seen = new LinkedHashSet<>(out);
        while (!interfaces.isEmpty()) {
            Class<?> i = interfaces.poll();
            if (seen.add(i)) {
                out.add(i);
                interfaces.addAll(List.of(i.getInterfaces()));
            }
        }
        return out;
    }

    private static Method[] sorted(Method[] methods) {
        Method[] copy = methods.clone();
        java.util.Arrays.sort(copy, java.util.Comparator.comparing(JavaType::signature));
        return copy;
    }

    private static String signature(Method m) {
        return m.getName() + java.util.Arrays.toString(m.getParameterTypes());
    }

    /** Whether rpyc4j may call public members declared by {@code type} without opening anything. */
    static boolean accessible(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                return false;
            }
        }
        Module module = type.getModule();
        return module.isExported(type.getPackageName(), CORE);
    }

    /**
     * Whether the package of {@code type} is open to rpyc4j, so that public members of a class that is not itself
     * public (a class declared in JShell, a nested class of a class-path application) can be made accessible.
     */
    static boolean openToCore(Class<?> type) {
        return type.getModule().isOpen(type.getPackageName(), CORE);
    }

    /** Exposed members of a class its module opens to rpyc4j may be non-public. */
    private static boolean makeAccessible(Class<?> owner, AccessibleObject member) {
        return owner.getModule().isOpen(owner.getPackageName(), CORE) && member.trySetAccessible();
    }

    private static String exposedName(AccessibleObject member, String javaName) {
        Exposed mark = member.getAnnotation(Exposed.class);
        if (mark != null) {
            return mark.value().isEmpty() ? javaName : mark.value();
        }
        if (javaName.startsWith(EXPOSED_PREFIX) && javaName.length() > EXPOSED_PREFIX.length()) {
            return javaName.substring(EXPOSED_PREFIX.length());
        }
        return null;
    }
}
