package org.rpyc4j.core.object;

import javax.annotation.Nullable;

/**
 * An object that chooses the name_pack it is sent with, instead of its Java class name. A name in Python's
 * builtin classes cache ({@code builtins.dict}, {@code builtins.list}, ...) spares the peer the INSPECT round
 * trip and gives it that builtin's proxy class (whose method names the object must then answer); any other name
 * is INSPECTed as usual (Python's own modules are sent under their module name, {@code os}, {@code builtins}).
 */
public interface NamePacked {
    /** The name_pack, or {@code null} for the Java class name. */
    @Nullable
    String namePack();
}
