/**
 * rpyc4j's benchmark harness: rpyc4j null calls side by side with a raw TCP round trip, Java RMI and stock
 * Python rpyc (5.3 and 6.0), on loopback. Run it with {@code ./run-bench.sh}; see {@link org.rpyc4j.bench}.
 */
module org.rpyc4j.bench {
    requires org.rpyc4j.core;
    requires org.rpyc4j.server.threaded;
    requires org.rpyc4j.server.pool;
    requires org.rpyc4j.server.forking;
    requires org.rpyc4j.registry;
    requires org.rpyc4j.registry.udp;
    requires transitive org.rpyc4j.api;
    requires transitive java.rmi;
    requires java.desktop;   // the chart: java.awt and javax.imageio, headless
    requires java.management;
    requires jdk.management;
    requires jdk.jfr;
    requires org.slf4j;
    requires com.google.gson;   // the results file
    requires static jsr305;

    // the rpyc4j engine reaches @Exposed methods of NoopService, RMI the remote interface and its implementation
    exports org.rpyc4j.bench;
}
