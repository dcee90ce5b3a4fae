package org.rpyc4j.classic;

import javax.annotation.Nullable;
import org.rpyc4j.core.object.NamePacked;

/**
 * The classic service's {@code importlib.util}: what a Python classic client calls to answer
 * {@code 'java.util' in conn.modules} ({@code _find_spec_from_path(name)}, non-None when the name can be
 * imported). The "spec" is a description such as {@code "class java.util.ArrayList"}.
 */
@SuppressWarnings("exports") // NamePacked is exported to this module only: it is how rpyc4j names the object
public final class ImportlibUtil implements NamePacked {
    private final Modules modules;

    ImportlibUtil(Modules modules) {
        this.modules = modules;
    }

    /** A description of the class or package {@code name}, or {@code None} when there is none. */
    @Nullable
    public String _find_spec_from_path(String name) {
        return find_spec(name);
    }

    /** Like {@link #_find_spec_from_path(String)} (Python's optional path argument is ignored). */
    @Nullable
    public String _find_spec_from_path(String name, @Nullable Object path) {
        return find_spec(name);
    }

    /** A description of the class or package {@code name}, or {@code None} when there is none. */
    @Nullable
    public String find_spec(String name) {
        Object found = modules.find(name);
        return switch (found) {
            case null -> null;
            case Class<?> c -> (c.isInterface() ? "interface " : "class ") + c.getName();
            case JavaPackage p -> "package " + name;
            default -> "module " + name;
        };
    }

    @Override
    public String namePack() {
        return "importlib.util";
    }

    @Override
    public String toString() {
        return "<module 'importlib.util' (rpyc4j classic service)>";
    }
}
