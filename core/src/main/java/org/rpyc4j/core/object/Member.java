package org.rpyc4j.core.object;

import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.util.List;
import javax.annotation.Nullable;

/** Something a Java object has under a Python attribute name. */
sealed interface Member {
    /**
     * Public methods of one name (the overloads), instance or static, and the Python method of that name for
     * the object's kind ({@code append} on a list, {@code keys} on a map), called when no Java overload fits the
     * arguments (or instead of them when the Python method is {@link PyMethod#primary() primary}).
     */
    record Methods(String name, List<? extends Executable> overloads, String doc, @Nullable PyMethod python)
            implements Member {
        Methods(String name, List<? extends Executable> overloads, String doc) {
            this(name, overloads, doc, null);
        }

        /** Whether these are static methods (called on a class without an instance). */
        boolean isStatic() {
            return !overloads.isEmpty() && java.lang.reflect.Modifier.isStatic(overloads.getFirst().getModifiers());
        }
    }

    /** A public field. */
    record FieldMember(Field field) implements Member {
    }

    /** A special method the object's type supports. */
    record DunderMember(Dunder dunder) implements Member {
    }

    /** A public member class of a class ({@code java.util.Map.Entry}). */
    record ClassMember(Class<?> type) implements Member {
    }

    /** {@code get_service_name} / {@code get_service_aliases} of a root service. */
    record ServiceInfo(boolean aliases) implements Member {
    }
}
