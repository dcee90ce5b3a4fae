package org.rpyc4j.api.value;

/** Python's singleton constants that brine carries and Java has no name for. */
public enum PyConstant {
    /** {@code Ellipsis} ({@code ...}). */
    ELLIPSIS,
    /** {@code NotImplemented}, the result of a comparison a type does not support. */
    NOT_IMPLEMENTED;

    @Override
    public String toString() {
        return this == ELLIPSIS ? "Ellipsis" : "NotImplemented";
    }
}
