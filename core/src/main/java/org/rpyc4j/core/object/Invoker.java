package org.rpyc4j.core.object;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.annotation.Nullable;

/**
 * Calls Java methods and constructors with Python arguments: picks the overload the arguments fit best
 * (see {@link Conversions}), converts them, invokes, and unwraps what the method threw. When nothing fits,
 * a TypeError lists the candidates.
 */
final class Invoker {
    private Invoker() {
    }

    @Nullable
    static Object invoke(@Nullable Object target, Member.Methods methods, List<Object> args,
            Map<String, Object> kwargs) {
        PyMethod python = methods.python();
        if (python != null && target != null && (python.primary() || methods.overloads().isEmpty())) {
            return python.invoke(target, args, kwargs);
        }
        List<Object> positional = kwargs.isEmpty() ? args : null;
        Executable best = null;
        Object[] bestArgs = null;
        int bestScore = Integer.MAX_VALUE;
        for (Executable candidate : methods.overloads()) {
            List<Object> actual = positional != null ? positional : byName(candidate, args, kwargs);
            if (actual == null) {
                continue;
            }
            Object[] converted = new Object[candidate.getParameterCount()];
            int score = fit(candidate, actual, converted);
            if (score >= 0 && score < bestScore) {
                best = candidate;
                bestArgs = converted;
                bestScore = score;
            }
        }
        if (best == null) {
            if (python != null && target != null) {
                return python.invoke(target, args, kwargs); // no Java overload fits: the Python method
            }
            throw PyException.typeError(noMatch(methods, args, kwargs));
        }
        return invokeExecutable(best, target, bestArgs);
    }

    /** Arguments in parameter order when keywords name the parameters, or null if they do not fit. */
    @Nullable
    private static List<Object> byName(Executable candidate, List<Object> args, Map<String, Object> kwargs) {
        Parameter[] params = candidate.getParameters();
        if (params.length < args.size() + kwargs.size() || params.length == 0 || !params[0].isNamePresent()) {
            return null;
        }
        List<Object> out = new ArrayList<>(args);
        for (int i = args.size(); i < params.length; i++) {
            String name = params[i].getName();
            if (!kwargs.containsKey(name)) {
                return null;
            }
            out.add(kwargs.get(name));
        }
        return out.size() - args.size() == kwargs.size() ? out : null;
    }

    /** Converts {@code args} into {@code out}; the summed fit score, or -1 when they do not fit. */
    private static int fit(Executable candidate, List<Object> args, Object[] out) {
        Class<?>[] types = candidate.getParameterTypes();
        int n = types.length;
        boolean varargs = candidate.isVarArgs();
        if (!varargs && args.size() != n || varargs && args.size() < n - 1) {
            return -1;
        }
        int total = 0;
        int fixed = varargs ? n - 1 : n;
        for (int i = 0; i < fixed; i++) {
            int s = Conversions.score(args.get(i), types[i]);
            if (s < 0) {
                return -1;
            }
            total += s;
        }
        try {
            for (int i = 0; i < fixed; i++) {
                out[i] = Conversions.toJava(args.get(i), types[i]);
            }
            if (varargs) {
                // an array passed as is, or the trailing arguments gathered into one
                if (args.size() == n && Conversions.score(args.get(n - 1), types[n - 1]) >= 0) {
                    out[n - 1] = Conversions.toJava(args.get(n - 1), types[n - 1]);
                    return total + Conversions.score(args.get(n - 1), types[n - 1]);
                }
                Class<?> component = types[n - 1].getComponentType();
                Object array = java.lang.reflect.Array.newInstance(component, args.size() - fixed);
                for (int i = fixed; i < args.size(); i++) {
                    int s = Conversions.score(args.get(i), component);
                    if (s < 0) {
                        return -1;
                    }
                    total += s;
                    java.lang.reflect.Array.set(array, i - fixed, Conversions.toJava(args.get(i), component));
                }
                out[n - 1] = array;
                total += 30; // a fixed-arity overload that fits is preferred, as in Java
            }
        } catch (ClassCastException e) {
            return -1;
        }
        return total;
    }

    @Nullable
    static Object invokeExecutable(Executable executable, @Nullable Object target, Object[] args) {
        try {
            return switch (executable) {
                case Method m -> m.invoke(target, args);
                case Constructor<?> c -> c.newInstance(args);
            };
        } catch (InvocationTargetException e) {
            throw sneaky(e.getCause());
        } catch (IllegalAccessException | InstantiationException e) {
            throw PyException.attributeError("cannot call " + executable.getName() + ": " + e.getMessage());
        }
    }

    /** Rethrows what the Java code threw, checked or not, so that it reaches the peer as it was. */
    @SuppressWarnings("unchecked")
    static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    private static String noMatch(Member.Methods methods, List<Object> args, Map<String, Object> kwargs) {
        String given = args.stream().map(ObjectModel::pythonTypeName).collect(Collectors.joining(", "));
        if (!kwargs.isEmpty()) {
            given += (given.isEmpty() ? "" : ", ") + kwargs.keySet().stream().map(k -> k + "=")
                    .collect(Collectors.joining(", "));
        }
        String candidates = methods.overloads().stream().map(Invoker::signature).collect(Collectors.joining("; "));
        return "no overload of " + methods.name() + " accepts (" + given + "); candidates: " + candidates;
    }

    static String signature(Executable e) {
        String params = java.util.Arrays.stream(e.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(", "));
        String name = e instanceof Constructor<?> ? e.getDeclaringClass().getSimpleName() : e.getName();
        String returns = e instanceof Method m ? " -> " + m.getReturnType().getSimpleName() : "";
        return name + "(" + params + ")" + returns;
    }
}
