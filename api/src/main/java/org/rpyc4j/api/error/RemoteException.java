package org.rpyc4j.api.error;

/**
 * A Python exception with no natural Java counterpart ({@code AttributeError}, {@code RuntimeError}, a
 * custom class, ...). {@link #pythonType()} names it.
 */
public final class RemoteException extends RuntimeException implements PythonError {
    private final transient RemoteErrorInfo info;

    public RemoteException(RemoteErrorInfo info) {
        super(info.message());
        this.info = info;
    }

    @Override
    public RemoteErrorInfo info() {
        return info;
    }
}
