package org.rpyc4j.api.error;

/** Python's {@code TypeError}. */
public final class RemoteTypeError extends ClassCastException implements PythonError {
    private final transient RemoteErrorInfo info;

    public RemoteTypeError(RemoteErrorInfo info) {
        super(info.message());
        this.info = info;
    }

    @Override
    public RemoteErrorInfo info() {
        return info;
    }
}
