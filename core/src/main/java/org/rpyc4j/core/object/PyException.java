package org.rpyc4j.core.object;

import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * An exception this side raises with Python semantics, sent to the peer as the builtin of that name
 * ({@code AttributeError}, {@code KeyError}, {@code TypeError}, {@code StopIteration}, ...), optionally with
 * attributes the peer sets on the exception it rebuilds (a {@code SyntaxError}'s {@code msg}).
 */
public final class PyException extends RuntimeException {
    private final String pythonType;
    private final transient @Nullable Object argument;
    private final transient List<Map.Entry<String, Object>> attributes;

    private PyException(String pythonType, String message, @Nullable Object argument,
            List<Map.Entry<String, Object>> attributes, @Nullable Throwable cause) {
        super(message, cause, false, true);
        this.pythonType = pythonType;
        this.argument = argument;
        this.attributes = List.copyOf(attributes);
    }

    private PyException(String pythonType, String message, @Nullable Object argument) {
        this(pythonType, message, argument, List.of(), null);
    }

    /** The name of the Python builtin exception class. */
    public String pythonType() {
        return pythonType;
    }

    /** The exception's single Python argument (the message, or a key for KeyError). */
    @Nullable
    public Object argument() {
        return argument;
    }

    /** Attributes the peer sets on the exception it rebuilds, in order (values brinable or sent as text). */
    public List<Map.Entry<String, Object>> attributes() {
        return attributes;
    }

    /** The Python builtin exception {@code pythonType} (e.g. {@code "RuntimeError"}) with {@code message}. */
    public static PyException of(String pythonType, String message) {
        return new PyException(pythonType, message, message);
    }

    /** Like {@link #of(String, String)}, with attributes and the Java exception that caused it. */
    public static PyException of(String pythonType, String message, List<Map.Entry<String, Object>> attributes,
            @Nullable Throwable cause) {
        return new PyException(pythonType, message, message, attributes, cause);
    }

    public static PyException attributeError(String message) {
        return new PyException("AttributeError", message, message);
    }

    public static PyException typeError(String message) {
        return new PyException("TypeError", message, message);
    }

    public static PyException valueError(String message) {
        return new PyException("ValueError", message, message);
    }

    public static PyException indexError(String message) {
        return new PyException("IndexError", message, message);
    }

    /** Python's {@code KeyError(key)}: its argument is the key itself. */
    public static PyException keyError(@Nullable Object key) {
        return new PyException("KeyError", String.valueOf(key), key);
    }

    /** {@code ModuleNotFoundError} (an {@code ImportError}), what importing an unknown name raises. */
    public static PyException moduleNotFound(String name) {
        return new PyException("ModuleNotFoundError", "No module named '" + name + "'", "No module named '" + name
                + "'", List.of(Map.entry("name", name)), null);
    }

    /** The end of an iteration; rpyc sends it as the bare int 1. */
    public static PyException stopIteration() {
        return new PyException("StopIteration", "StopIteration", null);
    }

    public boolean isStopIteration() {
        return pythonType.equals("StopIteration");
    }
}
