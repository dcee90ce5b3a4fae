package org.rpyc4j.api.error;

/** Python's {@code ValueError} and its subclasses. */
public final class RemoteValueError extends IllegalArgumentException implements PythonError {
    private final transient RemoteErrorInfo info;

    public RemoteValueError(RemoteErrorInfo info) {
        super(info.message());
        this.info = info;
    }

    @Override
    public RemoteErrorInfo info() {
        return info;
    }
}
