package org.rpyc4j.api.error;

/** Python's {@code ArithmeticError} family ({@code ZeroDivisionError}, {@code OverflowError}, ...). */
public final class RemoteArithmeticError extends ArithmeticException implements PythonError {
    private final transient RemoteErrorInfo info;

    public RemoteArithmeticError(RemoteErrorInfo info) {
        super(info.message());
        this.info = info;
    }

    @Override
    public RemoteErrorInfo info() {
        return info;
    }
}
