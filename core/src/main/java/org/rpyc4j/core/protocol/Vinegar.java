package org.rpyc4j.core.protocol;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeoutException;
import org.rpyc4j.api.Dialect;
import org.rpyc4j.api.ProtocolConfig;
import org.rpyc4j.api.error.ProtocolException;
import org.rpyc4j.api.error.PythonError;
import org.rpyc4j.api.error.RemoteErrorInfo;
import org.rpyc4j.api.value.Tuple;
import org.rpyc4j.core.brine.Brine;
import org.rpyc4j.core.object.PyException;

/**
 * Exceptions on the wire, both ways, in the layout Python's rpyc unpacks
 * ({@code ((module, name), args, attrs, traceback)}, or the bare int 1 for StopIteration).
 *
 * <p>Java exceptions with a natural Python counterpart travel as that builtin:
 * <table>
 * <caption>Java exceptions as Python exceptions</caption>
 * <tr><th>Java</th><th>Python</th></tr>
 * <tr><td>IndexOutOfBoundsException (and array/string variants)</td><td>IndexError</td></tr>
 * <tr><td>NoSuchElementException</td><td>LookupError (a missing map key is KeyError)</td></tr>
 * <tr><td>IllegalArgumentException, NumberFormatException</td><td>ValueError</td></tr>
 * <tr><td>ClassCastException, ArrayStoreException</td><td>TypeError</td></tr>
 * <tr><td>ArithmeticException ("/ by zero")</td><td>ZeroDivisionError (otherwise ArithmeticError)</td></tr>
 * <tr><td>UnsupportedOperationException</td><td>NotImplementedError</td></tr>
 * <tr><td>FileNotFoundException, NoSuchFileException</td><td>FileNotFoundError</td></tr>
 * <tr><td>FileAlreadyExistsException</td><td>FileExistsError</td></tr>
 * <tr><td>AccessDeniedException, SecurityException</td><td>PermissionError</td></tr>
 * <tr><td>ConnectException</td><td>ConnectionRefusedError</td></tr>
 * <tr><td>SocketTimeoutException, TimeoutException</td><td>TimeoutError</td></tr>
 * <tr><td>other IOException, UncheckedIOException</td><td>OSError</td></tr>
 * <tr><td>OutOfMemoryError</td><td>MemoryError</td></tr>
 * <tr><td>StackOverflowError</td><td>RecursionError</td></tr>
 * <tr><td>anything else, e.g. IllegalStateException</td><td>a class named after the Java class
 *     ({@code java.lang.IllegalStateException})</td></tr>
 * </table>
 * The exception's text ({@code args[0]}) names the Java class, and the remote traceback is the Java stack.
 * Exceptions that came from the peer go back as they came, with this side's stack added.
 */
final class Vinegar {
    /** rpyc sends StopIteration as this bare int. */
    static final long STOP_ITERATION = 1;

    private Vinegar() {
    }

    /** The wire form of {@code t}. */
    static Object dump(Throwable t, ProtocolConfig config, Dialect dialect) {
        if (t instanceof PyException p && p.isStopIteration()) {
            return STOP_ITERATION;
        }
        if (t instanceof UncheckedIOException u && u.getCause() != null && !(t instanceof PythonError)) {
            t = u.getCause();
        }
        String module;
        String name;
        Tuple args;
        String traceback = config.includeLocalTraceback() ? stackTrace(t) : "<traceback denied>";
        List<Object> attrs = new ArrayList<>();
        switch (t) {
            case PyException p -> {
                module = "builtins";
                name = p.pythonType();
                args = Tuple.of(brinable(p.argument()));
                for (Map.Entry<String, Object> e : p.attributes()) {
                    attrs.add(Tuple.of(e.getKey(), brinable(e.getValue())));
                }
                if (p.getCause() != null && config.includeLocalTraceback()) {
                    traceback = stackTrace(p.getCause()); // what went wrong in Java, not where it was reported
                }
            }
            case PythonError remote -> {
                RemoteErrorInfo info = remote.info();
                module = info.module();
                name = info.name();
                args = info.args();
                for (Map.Entry<String, Object> e : info.attributes()) {
                    if (!e.getKey().equals("_remote_version")) {
                        attrs.add(Tuple.of(e.getKey(), brinable(e.getValue())));
                    }
                }
                if (config.includeLocalTraceback()) {
                    traceback = traceback + "\n\n========= Remote Traceback (1) =========\n" + info.remoteTraceback();
                }
            }
            default -> {
                String builtin = builtinFor(t);
                module = builtin != null ? "builtins" : packageOf(t.getClass());
                name = builtin != null ? builtin : t.getClass().getName().substring(
                        module.isEmpty() ? 0 : module.length() + 1);
                args = Tuple.of(t.toString());
                if (module.isEmpty()) {
                    module = "java";
                }
            }
        }
        attrs.add(Tuple.of("_remote_version", config.includeLocalVersion() ? version(dialect) : "<version denied>"));
        return Tuple.of(Tuple.of(module, name), args, new Tuple(attrs), traceback);
    }

    /** What Python's receiver compares with its own major version: the peer's own, so no warning is shown. */
    private static String version(Dialect dialect) {
        return (dialect == Dialect.V5 ? "5" : "6") + ".0.0+rpyc4j";
    }

    private static Object brinable(Object value) {
        return Brine.isDumpable(value) ? value : String.valueOf(value);
    }

    private static String packageOf(Class<?> type) {
        return type.getPackageName();
    }

    private static String builtinFor(Throwable t) {
        return switch (t) {
            case IndexOutOfBoundsException e -> "IndexError";
            case NoSuchElementException e -> "LookupError";
            case IllegalArgumentException e -> "ValueError";
            case ClassCastException e -> "TypeError";
            case ArrayStoreException e -> "TypeError";
            case ArithmeticException e -> "/ by zero".equals(e.getMessage()) ? "ZeroDivisionError" : "ArithmeticError";
            case UnsupportedOperationException e -> "NotImplementedError";
            case FileNotFoundException e -> "FileNotFoundError";
            case NoSuchFileException e -> "FileNotFoundError";
            case FileAlreadyExistsException e -> "FileExistsError";
            case AccessDeniedException e -> "PermissionError";
            case SecurityException e -> "PermissionError";
            case ConnectException e -> "ConnectionRefusedError";
            case SocketTimeoutException e -> "TimeoutError";
            case TimeoutException e -> "TimeoutError";
            case IOException e -> "OSError";
            case OutOfMemoryError e -> "MemoryError";
            case StackOverflowError e -> "RecursionError";
            default -> null;
        };
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        try (PrintWriter w = new PrintWriter(out)) {
            w.println("Java traceback (most recent call first):");
            t.printStackTrace(w);
        }
        return out.toString();
    }

    /** The exception the peer sent, as a Java exception (see {@link PythonError} for the mapping). */
    static RuntimeException load(Object wire) {
        if (wire instanceof Long l && l == STOP_ITERATION) {
            return PythonError.of(new RemoteErrorInfo("builtins", "StopIteration", Tuple.EMPTY, List.of(), ""));
        }
        if (wire instanceof Tuple t && t.size() == 4 && t.get(0) instanceof Tuple type && type.size() == 2
                && type.get(0) instanceof String module && type.get(1) instanceof String name) {
            Tuple args = t.get(1) instanceof Tuple a ? a : Tuple.of(t.get(1));
            List<Map.Entry<String, Object>> attrs = new ArrayList<>();
            if (t.get(2) instanceof Tuple pairs) {
                for (Object pair : pairs.items()) {
                    if (pair instanceof Tuple p && p.size() == 2 && p.get(0) instanceof String key) {
                        attrs.add(new java.util.AbstractMap.SimpleImmutableEntry<>(key, p.get(1)));
                    }
                }
            }
            String tb = t.get(3) instanceof String s ? s : String.valueOf(t.get(3));
            return PythonError.of(new RemoteErrorInfo(module, name, args, attrs, tb));
        }
        throw new ProtocolException("malformed exception message: " + wire);
    }

    /** Whether an exception from the peer is StopIteration. */
    static boolean isStopIteration(RuntimeException e) {
        return e instanceof PythonError p && p.info().module().equals("builtins")
                && p.info().name().equals("StopIteration");
    }
}
