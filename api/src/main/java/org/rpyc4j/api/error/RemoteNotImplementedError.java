package org.rpyc4j.api.error;

/** Python's {@code NotImplementedError}. */
public final class RemoteNotImplementedError extends UnsupportedOperationException implements PythonError {
    private final transient RemoteErrorInfo info;

    public RemoteNotImplementedError(RemoteErrorInfo info) {
        super(info.message());
        this.info = info;
    }

    @Override
    public RemoteErrorInfo info() {
        return info;
    }
}
