package org.rpyc4j.core.object;

import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.util.List;

/** Something a Java object has under a Python attribute name. */
sealed interface Member {
    /** Public methods of one name (the overloads), instance or static. */
    record Methods(String name, List<? extends Executable> overloads, String doc) implements Member {
    }

    /** A public field. */
    record FieldMember(Field field) implements Member {
    }

    /** A special method the object's type supports. */
    record DunderMember(Dunder dunder) implements Member {
    }

    /** {@code get_service_name} / {@code get_service_aliases} of a root service. */
    record ServiceInfo(boolean aliases) implements Member {
    }
}
