package org.rpyc4j.classic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.annotation.Nullable;
import org.rpyc4j.core.object.DynamicAttributes;
import org.rpyc4j.core.object.NamePacked;
import org.rpyc4j.core.object.ObjectContext;
import org.rpyc4j.core.object.PyException;

/**
 * A Java package as a Python module: its attributes are its classes and subpackages
 * ({@code conn.modules.java.util.ArrayList}), {@code dir()} lists them. Sent with the package name as name_pack,
 * as Python sends a module under its name. It answers only on a connection with the classic configuration
 * ({@code allowAllAttrs}): handed to a peer of a custom service, it refuses everything.
 */
final class JavaPackage implements DynamicAttributes, NamePacked {
    private final String name;
    private final Modules modules;

    JavaPackage(String name, Modules modules) {
        this.name = name;
        this.modules = modules;
    }

    @Override
    @Nullable
    public Object dynamicGetattr(ObjectContext ctx, String attribute) {
        if (!ctx.config().allowAllAttrs()) {
            throw PyException.attributeError("cannot access '" + attribute + "'");
        }
        switch (attribute) {
            case "__name__", "__package__" -> {
                return name;
            }
            case "__doc__", "__file__", "__spec__" -> {
                return null;
            }
            default -> {
            }
        }
        Object found = attribute.isEmpty() || attribute.contains(".") ? null : modules.find(name + "." + attribute);
        if (found == null) {
            throw PyException.attributeError("Java package '" + name + "' has no class or package '" + attribute
                    + "'");
        }
        return found;
    }

    @Override
    public Collection<String> dynamicDir(ObjectContext ctx) {
        if (!ctx.config().allowAllAttrs()) {
            return List.of();
        }
        List<String> names = new ArrayList<>(ClassIndex.get().members(name));
        names.add("__name__");
        return names;
    }

    @Override
    public String namePack() {
        return name;
    }

    @Override
    public String toString() {
        return "<java package '" + name + "'>";
    }
}
