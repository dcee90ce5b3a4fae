/**
 * What socket serving modes share: binding IPv4, IPv6 and Unix sockets, the accept loop and orderly close, the
 * start/serve/close life cycle registry servers share too, authenticating and serving one connection, rpyc's
 * log lines, registry keepalive, the process's standard streams, and services by class name. The contracts
 * these implement are in {@code org.rpyc4j.spi}.
 */
module org.rpyc4j.server.support {
    requires transitive org.rpyc4j.spi;   // servers built on this kit expose api and spi types
    requires static jsr305;

    exports org.rpyc4j.server.support;
}
