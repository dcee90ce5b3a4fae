package org.rpyc4j.api;

/** Makes the service object for a new connection; called once per connection. */
@FunctionalInterface
public interface ServiceFactory {
    /** A fresh service for {@code connection}, which becomes that connection's root object. */
    Object create(Connection connection);

    /** A factory that hands every connection the same service object. */
    static ServiceFactory shared(Object service) {
        return connection -> service;
    }
}
