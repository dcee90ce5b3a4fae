package org.rpyc4j.core.protocol;

/**
 * A Java view of a proxy ({@link org.rpyc4j.api.NetRef#asList()}, {@code asMap()}, {@code asFunction()}); sent
 * back to the peer, it is the peer's own object again.
 */
interface ProxyView {
    /** The proxy this is a view of. */
    PeerObjectProxy netRef();
}
