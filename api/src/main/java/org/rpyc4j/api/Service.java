package org.rpyc4j.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Optional connection hooks for a service object. Any object can be a service; implementing this interface
 * lets it see its connection come and go, like rpyc's {@code on_connect} / {@code on_disconnect}.
 *
 * <p>A service is created per connection by its factory and becomes that connection's root object. Its
 * {@link Exposed} members are what the peer reaches; {@code get_service_name} and
 * {@code get_service_aliases} are answered for every service.
 */
public interface Service {
    /** Called once the connection is set up, before any request is served. */
    default void onConnect(Connection connection) {
    }

    /** Called once the connection has closed. */
    default void onDisconnect(Connection connection) {
    }

    /** The aliases of a service class: its {@link ServiceName}, or the class name rule (see there). */
    static List<String> aliases(Class<?> serviceClass) {
        ServiceName names = serviceClass.getAnnotation(ServiceName.class);
        if (names != null && names.value().length > 0) {
            return Arrays.stream(names.value()).map(n -> n.toUpperCase(Locale.ROOT)).toList();
        }
        String name = serviceClass.getSimpleName().toUpperCase(Locale.ROOT);
        if (name.endsWith("SERVICE") && name.length() > "SERVICE".length()) {
            name = name.substring(0, name.length() - "SERVICE".length());
        }
        return List.of(name.isEmpty() ? "VOID" : name);
    }

    /** The name of a service class: the first of its {@link #aliases(Class)}. */
    static String name(Class<?> serviceClass) {
        return aliases(serviceClass).getFirst();
    }
}
