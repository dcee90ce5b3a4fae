/**
 * The RPyC protocol engine: stream framing, brine, the two message envelopes, boxing and object tables,
 * the 20 request handlers, exceptions both ways, and proxies for the peer's objects. Provides the
 * {@link org.rpyc4j.api.RpycEngine} that {@link org.rpyc4j.api.Rpyc} and the servers use.
 */
module org.rpyc4j.core {
    requires transitive org.rpyc4j.api;
    requires org.slf4j;
    requires static jsr305;

    exports org.rpyc4j.core.brine;
    exports org.rpyc4j.core.channel;
    exports org.rpyc4j.core.protocol;

    provides org.rpyc4j.api.RpycEngine with org.rpyc4j.core.protocol.CoreEngine;
}
