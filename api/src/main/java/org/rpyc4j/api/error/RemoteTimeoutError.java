package org.rpyc4j.api.error;

/** Python's {@code TimeoutError} (raised by the peer's code, not a request timeout). */
public final class RemoteTimeoutError extends RuntimeException implements PythonError {
    private final transient RemoteErrorInfo info;

    public RemoteTimeoutError(RemoteErrorInfo info) {
        super(info.message());
        this.info = info;
    }

    @Override
    public RemoteErrorInfo info() {
        return info;
    }
}
