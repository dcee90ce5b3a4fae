package org.rpyc4j.api.error;

/** Python's {@code KeyError} (and {@code StopIteration} raised where a value was expected). */
public final class RemoteKeyError extends java.util.NoSuchElementException implements PythonError {
    private final transient RemoteErrorInfo info;

    public RemoteKeyError(RemoteErrorInfo info) {
        super(info.message());
        this.info = info;
    }

    @Override
    public RemoteErrorInfo info() {
        return info;
    }
}
