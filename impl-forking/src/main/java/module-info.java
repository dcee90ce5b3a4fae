/**
 * The forking serving mode: a process per connection ({@link org.rpyc4j.server.forking.ForkingServer}).
 * Run with {@code --enable-native-access=org.rpyc4j.server.forking}: descriptors are passed to the child
 * processes through the FFM API.
 */
module org.rpyc4j.server.forking {
    requires transitive org.rpyc4j.spi;   // the server classes expose api and spi types
    requires static jsr305;

    exports org.rpyc4j.server.forking;
    // the child's warm-up service is called by the engine, reflectively
    opens org.rpyc4j.server.forking.internal to org.rpyc4j.core;

    provides org.rpyc4j.spi.ServerProvider with org.rpyc4j.server.forking.ForkingServerProvider;
}
