package org.rpyc4j.api.value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.annotation.Nullable;

/**
 * A Python {@code frozenset}. The members keep the order in which they arrived, so that a set
 * received from Python is sent back byte for byte as it came (Python's own order is hash based).
 *
 * @param members the members in wire order
 */
public record FrozenSet(List<Object> members) {
    public FrozenSet {
        members = Collections.unmodifiableList(new ArrayList<>(members));
    }

    /** A frozenset of the given members, in this order. */
    public static FrozenSet of(@Nullable Object... members) {
        return new FrozenSet(java.util.Arrays.asList(members));
    }

    @Override
    public String toString() {
        return PyRepr.of(this);
    }
}
