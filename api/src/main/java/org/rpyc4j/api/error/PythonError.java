package org.rpyc4j.api.error;

/**
 * An exception raised by the peer and sent back as the answer to a request.
 *
 * <p>Each Python builtin with a natural Java counterpart arrives as a subclass of that Java type, so
 * ordinary Java code catches it:
 *
 * <table>
 * <caption>Python exceptions as Java exceptions</caption>
 * <tr><th>Python</th><th>Java class</th><th>extends</th></tr>
 * <tr><td>IndexError</td><td>{@link RemoteIndexError}</td><td>IndexOutOfBoundsException</td></tr>
 * <tr><td>KeyError, StopIteration</td><td>{@link RemoteKeyError}</td><td>NoSuchElementException</td></tr>
 * <tr><td>ValueError and subclasses (UnicodeError, ...)</td><td>{@link RemoteValueError}</td>
 *     <td>IllegalArgumentException</td></tr>
 * <tr><td>TypeError</td><td>{@link RemoteTypeError}</td><td>ClassCastException</td></tr>
 * <tr><td>NotImplementedError</td><td>{@link RemoteNotImplementedError}</td><td>UnsupportedOperationException</td></tr>
 * <tr><td>ArithmeticError, ZeroDivisionError, OverflowError, FloatingPointError</td>
 *     <td>{@link RemoteArithmeticError}</td><td>ArithmeticException</td></tr>
 * <tr><td>OSError and subclasses (FileNotFoundError, ConnectionError, ...)</td><td>{@link RemoteOSError}</td>
 *     <td>UncheckedIOException</td></tr>
 * <tr><td>TimeoutError</td><td>{@link RemoteTimeoutError}</td><td>RuntimeException</td></tr>
 * <tr><td>anything else (AttributeError, RuntimeError, custom classes)</td><td>{@link RemoteException}</td>
 *     <td>RuntimeException</td></tr>
 * </table>
 */
public sealed interface PythonError permits RemoteException, RemoteIndexError, RemoteKeyError, RemoteValueError,
        RemoteTypeError, RemoteNotImplementedError, RemoteArithmeticError, RemoteOSError, RemoteTimeoutError {

    /** What the peer sent. */
    RemoteErrorInfo info();

    /** The Python type name, {@code module.Name} ({@code Name} alone for builtins). */
    default String pythonType() {
        return info().qualifiedName();
    }

    /** The peer's formatted traceback. */
    default String remoteTraceback() {
        return info().remoteTraceback();
    }

    /** This exception as a {@link RuntimeException} (every implementation is one). */
    default RuntimeException asRuntimeException() {
        return (RuntimeException) this;
    }

    /** The natural Java exception for what the peer sent (see the table above). */
    static RuntimeException of(RemoteErrorInfo info) {
        if (!info.module().equals("builtins")) {
            return new RemoteException(info);
        }
        return switch (info.name()) {
            case "IndexError" -> new RemoteIndexError(info);
            case "KeyError", "StopIteration", "StopAsyncIteration" -> new RemoteKeyError(info);
            case "ValueError", "UnicodeError", "UnicodeDecodeError", "UnicodeEncodeError",
                 "UnicodeTranslateError" -> new RemoteValueError(info);
            case "TypeError" -> new RemoteTypeError(info);
            case "NotImplementedError" -> new RemoteNotImplementedError(info);
            case "ArithmeticError", "ZeroDivisionError", "OverflowError", "FloatingPointError" ->
                    new RemoteArithmeticError(info);
            case "OSError", "IOError", "EnvironmentError", "FileNotFoundError", "FileExistsError",
                 "PermissionError", "IsADirectoryError", "NotADirectoryError", "ConnectionError",
                 "ConnectionRefusedError", "ConnectionResetError", "ConnectionAbortedError", "BrokenPipeError",
                 "BlockingIOError", "ChildProcessError", "InterruptedError", "ProcessLookupError" ->
                    new RemoteOSError(info);
            case "TimeoutError" -> new RemoteTimeoutError(info);
            default -> new RemoteException(info);
        };
    }
}
