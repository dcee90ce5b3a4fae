package org.rpyc4j.core.object;

import java.util.Collection;
import javax.annotation.Nullable;

/**
 * An object that answers attribute requests itself, like a Python type defining {@code _rpyc_getattr}: GETATTR
 * (and the attribute part of CALLATTR) calls {@link #dynamicGetattr} <em>instead of</em> the attribute policy, and
 * DIR lists {@link #dynamicDir}. The implementation is responsible for what it lets through; it sees the
 * connection's context, so it can refuse outside a permissive (classic) configuration.
 */
public interface DynamicAttributes {
    /**
     * The attribute {@code name}.
     *
     * @throws PyException an {@code AttributeError} when there is none
     */
    @Nullable
    Object dynamicGetattr(ObjectContext ctx, String name);

    /** The names {@code dir()} shows. */
    Collection<String> dynamicDir(ObjectContext ctx);
}
