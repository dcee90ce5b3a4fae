/**
 * The UDP registry transport, rpyc's default: {@link org.rpyc4j.registry.udp.UdpRegistryServer} answers one
 * datagram per request, {@link org.rpyc4j.registry.udp.UdpRegistryClient} sends to a registry or broadcasts.
 * Found by {@code org.rpyc4j.spi.registry.Registries} under the name {@code UDP}.
 */
module org.rpyc4j.registry.udp {
    requires transitive org.rpyc4j.registry;
    requires static jsr305;

    exports org.rpyc4j.registry.udp;

    provides org.rpyc4j.spi.registry.RegistryProvider with org.rpyc4j.registry.udp.UdpRegistryProvider;
}
