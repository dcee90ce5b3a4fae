/** The thread-pool serving mode: a fixed pool of workers ({@link org.rpyc4j.server.pool.ThreadPoolServer}). */
module org.rpyc4j.server.pool {
    requires transitive org.rpyc4j.spi;   // the server classes expose api and spi types
    requires static jsr305;

    exports org.rpyc4j.server.pool;

    provides org.rpyc4j.spi.ServerProvider with org.rpyc4j.server.pool.ThreadPoolServerProvider;
}
