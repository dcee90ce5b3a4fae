/** The threaded serving mode: one thread per connection ({@link org.rpyc4j.server.threaded.ThreadedServer}). */
module org.rpyc4j.server.threaded {
    requires transitive org.rpyc4j.spi;   // the server classes expose api and spi types
    requires static jsr305;

    exports org.rpyc4j.server.threaded;

    provides org.rpyc4j.spi.ServerProvider with org.rpyc4j.server.threaded.ThreadedServerProvider;
}
