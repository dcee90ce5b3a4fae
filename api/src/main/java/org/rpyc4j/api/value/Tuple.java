package org.rpyc4j.api.value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.annotation.Nullable;

/**
 * A Python {@code tuple}: an immutable sequence whose members may be {@code null} ({@code None}).
 *
 * @param items the members, in order; never modified after construction
 */
public record Tuple(List<Object> items) {
    /** The empty tuple. */
    public static final Tuple EMPTY = new Tuple(List.of());

    public Tuple {
        // List.copyOf refuses nulls, and None is a legal member
        items = Collections.unmodifiableList(new ArrayList<>(items));
    }

    /** A tuple of the given members. */
    public static Tuple of(@Nullable Object... items) {
        return items.length == 0 ? EMPTY : new Tuple(java.util.Arrays.asList(items));
    }

    /** The number of members. */
    public int size() {
        return items.size();
    }

    /** The member at {@code index}. */
    @Nullable
    public Object get(int index) {
        return items.get(index);
    }

    @Override
    public String toString() {
        return PyRepr.of(this);
    }
}
