package org.rpyc4j.api.value;

import javax.annotation.Nullable;

/**
 * A Python {@code slice(start, stop, step)}; each field is any brine value, usually an int or {@code None}.
 */
public record Slice(@Nullable Object start, @Nullable Object stop, @Nullable Object step) {
    @Override
    public String toString() {
        return PyRepr.of(this);
    }
}
