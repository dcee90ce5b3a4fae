/**
 * The TCP registry transport, for networks that do not carry broadcasts: one request per connection;
 * {@link org.rpyc4j.registry.tcp.TcpRegistryServer} serves each connection on its own virtual thread,
 * {@link org.rpyc4j.registry.tcp.TcpRegistryClient} needs the registry's host. Found by
 * {@code org.rpyc4j.spi.registry.Registries} under the name {@code TCP}.
 */
module org.rpyc4j.registry.tcp {
    requires transitive org.rpyc4j.registry;
    requires static jsr305;

    exports org.rpyc4j.registry.tcp;

    provides org.rpyc4j.spi.registry.RegistryProvider with org.rpyc4j.registry.tcp.TcpRegistryProvider;
}
