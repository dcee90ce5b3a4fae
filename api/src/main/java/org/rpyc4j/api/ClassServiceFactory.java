package org.rpyc4j.api;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Objects;
import org.rpyc4j.api.error.RpycException;

/**
 * A {@link ServiceFactory} that makes a new instance of a service class for each connection, like passing a
 * class to rpyc's {@code ThreadedServer(MyService)}. Unlike a lambda it tells the server which service it
 * serves ({@link #aliases()} name the server's logger and its registry entries), and a forking server's child
 * process can rebuild it from the class name.
 *
 * @param serviceClass a public, non-abstract class with a public no-argument constructor, in a package the
 *     service's module exports
 */
public record ClassServiceFactory(Class<?> serviceClass) implements ServiceFactory {
    public ClassServiceFactory {
        Objects.requireNonNull(serviceClass, "serviceClass");
        int modifiers = serviceClass.getModifiers();
        if (!Modifier.isPublic(modifiers) || Modifier.isAbstract(modifiers) || serviceClass.isInterface()) {
            throw new IllegalArgumentException(serviceClass.getName() + " must be a public, non-abstract class");
        }
        try {
            serviceClass.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(serviceClass.getName() + " has no public no-argument constructor", e);
        }
    }

    /** A factory making a new {@code serviceClass} per connection. */
    public static ClassServiceFactory of(Class<?> serviceClass) {
        return new ClassServiceFactory(serviceClass);
    }

    /** The service's aliases, the first being its name ({@link Service#aliases(Class)}). */
    public List<String> aliases() {
        return Service.aliases(serviceClass);
    }

    @Override
    public Object create(Connection connection) {
        try {
            Constructor<?> constructor = serviceClass.getConstructor();
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new RpycException("cannot make " + serviceClass.getName() + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new RpycException("cannot make " + serviceClass.getName() + ": " + e, e);
        }
    }
}
