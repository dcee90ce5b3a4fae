package org.rpyc4j.spi.support;

import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;
import org.rpyc4j.api.ClassServiceFactory;
import org.rpyc4j.api.Service;
import org.rpyc4j.api.ServiceFactory;
import org.rpyc4j.api.ServiceName;

/**
 * Services by class name, for servers that make the service somewhere the factory object cannot go (a child
 * process, a command line), and the service's name for a factory.
 *
 * <p>A class name stands for a service class (a public class with a public no-argument constructor: a new
 * instance per connection) or a {@link ServiceFactory} class (likewise constructed once, then asked per
 * connection).
 */
public final class ServiceClasses {
    /** The name of a service whose factory does not tell it ({@code Service.aliases} of a class named Service). */
    public static final String UNKNOWN_SERVICE = "SERVICE";

    private ServiceClasses() {
    }

    /**
     * The aliases of the service {@code factory} makes, first its name: those of a {@link ClassServiceFactory}'s
     * class, of a factory class annotated with {@link ServiceName}, or {@value #UNKNOWN_SERVICE} (a lambda does
     * not tell which class it makes).
     */
    public static List<String> aliasesOf(ServiceFactory factory) {
        if (factory instanceof ClassServiceFactory byClass) {
            return byClass.aliases();
        }
        if (factory.getClass().isAnnotationPresent(ServiceName.class)) {
            return Service.aliases(factory.getClass());
        }
        return List.of(UNKNOWN_SERVICE);
    }

    /**
     * The class name {@link #factoryFor} rebuilds {@code factory} from: a {@link ClassServiceFactory}'s service
     * class, or the factory's own class when that is public, named and has a public no-argument constructor;
     * empty for lambdas and other factories only this process can hold.
     */
    public static Optional<String> classNameOf(ServiceFactory factory) {
        if (factory instanceof ClassServiceFactory byClass) {
            return Optional.of(byClass.serviceClass().getName());
        }
        return rebuildableClassName(factory);
    }

    /**
     * The name of {@code object}'s class when a new, equivalent object can be made from it: a public, named
     * class (not a lambda, anonymous, local or inner class) with a public no-argument constructor.
     */
    public static Optional<String> rebuildableClassName(Object object) {
        Class<?> type = object.getClass();
        if (type.isHidden() || type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()
                || !Modifier.isPublic(type.getModifiers())
                || (type.isMemberClass() && !Modifier.isStatic(type.getModifiers()))) {
            return Optional.empty();
        }
        try {
            type.getConstructor();
            return Optional.of(type.getName());
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }

    /**
     * The factory named by {@code className}: the {@link ServiceFactory} class itself, made with its no-argument
     * constructor, or a {@link ClassServiceFactory} of the service class.
     *
     * @throws IllegalArgumentException when the class cannot be found or made
     */
    public static ServiceFactory factoryFor(String className, ClassLoader loader) {
        Class<?> type = load(className, loader);
        if (ServiceFactory.class.isAssignableFrom(type)) {
            return (ServiceFactory) instantiate(type);
        }
        return ClassServiceFactory.of(type);
    }

    /**
     * A new instance of {@code className} made with its public no-argument constructor, as a {@code type}.
     *
     * @throws IllegalArgumentException when the class cannot be found, made, or is no {@code type}
     */
    public static <T> T instantiate(String className, Class<T> type, ClassLoader loader) {
        Object made = instantiate(load(className, loader));
        if (!type.isInstance(made)) {
            throw new IllegalArgumentException(className + " is not a " + type.getName());
        }
        return type.cast(made);
    }

    private static Class<?> load(String className, ClassLoader loader) {
        try {
            return Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no class " + className + " on the module path or class path", e);
        }
    }

    private static Object instantiate(Class<?> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("cannot make " + type.getName()
                    + " (a public class with a public no-argument constructor, in an exported package): " + cause, cause);
        }
    }
}
