/**
 * Test support for serving modes: {@link org.rpyc4j.server.testkit.DemoService}, the contracts every socket
 * mode's tests extend ({@link org.rpyc4j.server.testkit.SocketServerContract},
 * {@link org.rpyc4j.server.testkit.SocketServerInteropContract}), and test doubles.
 */
module org.rpyc4j.server.testkit {
    requires transitive org.rpyc4j.spi;
    requires transitive org.rpyc4j.testkit;
    requires transitive org.junit.jupiter.api;
    requires transitive org.junit.jupiter.params;
    requires org.rpyc4j.core;   // the engine the clients and servers run on
    requires static jsr305;

    exports org.rpyc4j.server.testkit;
    opens org.rpyc4j.server.testkit;   // JUnit runs the contracts' test methods reflectively
}
