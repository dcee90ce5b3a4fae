/**
 * Test support for registry transports: {@link org.rpyc4j.registry.testkit.RegistryTransportContract} (what every
 * transport does for Java clients and against bad input) and
 * {@link org.rpyc4j.registry.testkit.RegistryInteropContract} (stock Python rpyc registries, clients and servers
 * against the transport), which a transport's tests extend, and {@link org.rpyc4j.registry.testkit.PythonRegistry}.
 */
module org.rpyc4j.registry.testkit {
    requires transitive org.rpyc4j.registry;
    requires transitive org.rpyc4j.server.testkit;
    requires org.rpyc4j.server.threaded;
    requires org.rpyc4j.core;
    requires static jsr305;

    exports org.rpyc4j.registry.testkit;
    opens org.rpyc4j.registry.testkit;   // JUnit runs the contracts' test methods reflectively
}
