package org.rpyc4j.api.error;

/** Python's {@code OSError} family; {@code errno}, {@code strerror} and {@code filename} are in {@link #info()}. */
public final class RemoteOSError extends java.io.UncheckedIOException implements PythonError {
    private final transient RemoteErrorInfo info;

    public RemoteOSError(RemoteErrorInfo info) {
        super(info.message(), new java.io.IOException(info.qualifiedName() + ": " + info.argsText()));
        this.info = info;
    }

    @Override
    public RemoteErrorInfo info() {
        return info;
    }
}
