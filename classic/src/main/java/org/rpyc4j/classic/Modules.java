package org.rpyc4j.classic;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.core.object.PyException;

/**
 * What the classic service's {@code getmodule(name)} answers: a class ({@code java.lang.System},
 * {@code java.util.Map.Entry}), a package namespace ({@code java.util}), or one of the Python modules a Python
 * classic client fetches while connecting ({@code builtins}, {@code importlib.util}); anything else is a
 * {@code ModuleNotFoundError}, as Python's {@code importlib.import_module} raises.
 */
final class Modules {
    private final ClassLoader loader;
    private final PyBuiltins builtins;
    private final ImportlibUtil importlibUtil;
    private final Map<String, JavaPackage> packages = new ConcurrentHashMap<>();

    Modules(ClassLoader loader, PyBuiltins builtins) {
        this.loader = loader;
        this.builtins = builtins;
        this.importlibUtil = new ImportlibUtil(this);
    }

    /** {@code getmodule(name)}: name a str, or a tuple of parts joined with dots (as rpyc does). */
    Object getmodule(@Nullable Object name) {
        String n = name(name);
        Object found = find(n);
        if (found == null) {
            throw PyException.moduleNotFound(n);
        }
        return found;
    }

    /** The module, class or package {@code name}, or null. */
    @Nullable
    Object find(String name) {
        switch (name) {
            case "builtins", "__builtin__" -> {
                return builtins;
            }
            case "importlib.util" -> {
                return importlibUtil;
            }
            default -> {
            }
        }
        Class<?> c = findClass(name);
        if (c != null) {
            return c;
        }
        if (!name.isEmpty() && ClassIndex.get().isPackage(name)) {
            return packages.computeIfAbsent(name, n -> new JavaPackage(n, this));
        }
        return null;
    }

    /** The class {@code name}, also with nested classes written with dots ({@code java.util.Map.Entry}). */
    @Nullable
    Class<?> findClass(String name) {
        if (name.isEmpty() || name.startsWith(".") || name.endsWith(".")) {
            return null;
        }
        String candidate = name;
        while (true) {
            try {
                return Class.forName(candidate, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                int dot = candidate.lastIndexOf('.');
                if (dot < 0) {
                    return null;
                }
                candidate = candidate.substring(0, dot) + "$" + candidate.substring(dot + 1);
            }
        }
    }

    private static String name(@Nullable Object name) {
        return switch (name) {
            case String s -> s;
            case byte[] b -> new String(b, StandardCharsets.UTF_8);
            case Tuple t -> t.items().stream().map(String::valueOf).collect(Collectors.joining("."));
            case null, default -> throw PyException.typeError("module name must be a str or a tuple of str, not "
                    + (name == null ? "None" : name.getClass().getSimpleName()));
        };
    }
}
