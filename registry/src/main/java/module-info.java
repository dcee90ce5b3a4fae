/**
 * What every registry transport shares, once: the registry's state ({@link org.rpyc4j.registry.Registry}: entries
 * by service name, lazy pruning as rpyc prunes, limits), the wire format of requests and replies
 * ({@link org.rpyc4j.registry.RegistryRequests}), the dispatch of a request with rpyc's log lines
 * ({@link org.rpyc4j.registry.RegistryDispatcher}), the server life cycle
 * ({@link org.rpyc4j.registry.AbstractRegistryServer}) and a QUERY round-trip measurement
 * ({@link org.rpyc4j.registry.QueryBenchmark}). The transports are modules {@code org.rpyc4j.registry.udp} and
 * {@code org.rpyc4j.registry.tcp}.
 */
module org.rpyc4j.registry {
    requires transitive org.rpyc4j.spi;
    requires org.rpyc4j.core;
    requires static jsr305;

    exports org.rpyc4j.registry;
}
