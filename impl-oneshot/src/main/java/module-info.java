/** The one-shot serving mode: announce the port, serve one connection, end ({@link org.rpyc4j.server.oneshot.OneShotServer}). */
module org.rpyc4j.server.oneshot {
    requires transitive org.rpyc4j.spi;   // the server classes expose api and spi types
    requires static jsr305;

    exports org.rpyc4j.server.oneshot;

    provides org.rpyc4j.spi.ServerProvider with org.rpyc4j.server.oneshot.OneShotServerProvider;
}
