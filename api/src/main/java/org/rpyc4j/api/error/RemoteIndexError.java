package org.rpyc4j.api.error;

/** Python's {@code IndexError}. */
public final class RemoteIndexError extends IndexOutOfBoundsException implements PythonError {
    private final transient RemoteErrorInfo info;

    public RemoteIndexError(RemoteErrorInfo info) {
        super(info.message());
        this.info = info;
    }

    @Override
    public RemoteErrorInfo info() {
        return info;
    }
}
