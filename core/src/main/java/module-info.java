/**
 * The RPyC protocol engine: stream framing, brine, the two message envelopes, boxing and object tables,
 * the 20 request handlers, exceptions both ways, and proxies for the peer's objects. Provides the
 * {@link org.rpyc4j.api.RpycEngine} that {@link org.rpyc4j.api.Rpyc} and the servers use.
 */
@SuppressWarnings("module") // the qualified export names a module built after this one
module org.rpyc4j.core {
    requires transitive org.rpyc4j.api;
    requires org.slf4j;
    requires static jsr305;

    exports org.rpyc4j.core.brine;
    exports org.rpyc4j.core.channel;
    exports org.rpyc4j.core.protocol;
    // the object model's extension points (NamePacked, DynamicAttributes, PyException, ObjectModel) for the
    // classic service
    exports org.rpyc4j.core.object to org.rpyc4j.classic;

    provides org.rpyc4j.api.RpycEngine with org.rpyc4j.core.protocol.CoreEngine;
}
