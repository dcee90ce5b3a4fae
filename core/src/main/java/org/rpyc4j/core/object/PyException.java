package org.rpyc4j.core.object;

import javax.annotation.Nullable;

/**
 * An exception this side raises with Python semantics, sent to the peer as the builtin of that name
 * ({@code AttributeError}, {@code KeyError}, {@code TypeError}, {@code StopIteration}, ...).
 */
public final class PyException extends RuntimeException {
    private final String pythonType;
    private final transient @Nullable Object argument;

    private PyException(String pythonType, String message, @Nullable Object argument) {
        super(message, null, false, true);
        this.pythonType = pythonType;
        this.argument = argument;
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

    /** The end of an iteration; rpyc sends it as the bare int 1. */
    public static PyException stopIteration() {
        return new PyException("StopIteration", "StopIteration", null);
    }

    public boolean isStopIteration() {
        return pythonType.equals("StopIteration");
    }
}
