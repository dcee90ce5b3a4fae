package org.rpyc4j.core.object;

import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * A callable produced by attribute access: a method bound to its object (or a static method), a special
 * method, a service's name query. Sent by reference as a Python {@code method}, so Python's client needs no
 * INSPECT to call it.
 */
public sealed interface PyCallable {
    /** The Python name of the callable. */
    String name();

    /** Calls it with Python arguments. */
    @Nullable
    Object call(List<Object> args, Map<String, Object> kwargs);

    /** Methods bound to {@code target} ({@code null} for static methods). */
    record Bound(@Nullable Object target, Member.Methods methods) implements PyCallable {
        @Override
        public String name() {
            return methods.name();
        }

        @Override
        @Nullable
        public Object call(List<Object> args, Map<String, Object> kwargs) {
            return Invoker.invoke(target, methods, args, kwargs);
        }

        @Override
        public String toString() {
            return "<bound method " + methods.name() + " of " + (target == null ? "class" : ObjectModel.repr(target))
                    + ">";
        }
    }

    /** A special method bound to {@code target}. */
    record BoundDunder(Object target, Dunder dunder) implements PyCallable {
        @Override
        public String name() {
            return dunder.pyName;
        }

        @Override
        @Nullable
        public Object call(List<Object> args, Map<String, Object> kwargs) {
            if (!kwargs.isEmpty()) {
                throw PyException.typeError(dunder.pyName + "() takes no keyword arguments");
            }
            return dunder.invoke(target, args);
        }

        @Override
        public String toString() {
            return "<method-wrapper '" + dunder.pyName + "' of " + ObjectModel.pythonTypeName(target) + " object>";
        }
    }

    /** {@code get_service_name()} or {@code get_service_aliases()}. */
    record Constant(String name, Object value) implements PyCallable {
        @Override
        public Object call(List<Object> args, Map<String, Object> kwargs) {
            if (!args.isEmpty() || !kwargs.isEmpty()) {
                throw PyException.typeError(name + "() takes no arguments");
            }
            return value;
        }

        @Override
        public String toString() {
            return "<bound method " + name + ">";
        }
    }
}
