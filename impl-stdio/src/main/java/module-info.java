/**
 * The stdio serving mode: one connection over standard input and output, or over a socket inherited from
 * inetd or systemd ({@link org.rpyc4j.server.stdio.StdioServer}).
 */
module org.rpyc4j.server.stdio {
    requires transitive org.rpyc4j.spi;   // the server classes expose api and spi types
    requires static jsr305;

    exports org.rpyc4j.server.stdio;

    provides org.rpyc4j.spi.ServerProvider with org.rpyc4j.server.stdio.StdioServerProvider;
}
